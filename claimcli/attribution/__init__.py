"""Who says it: the verb and frame word lists (``lexicon``), token helpers
(``tokens``), the registry of cue patterns (``cues``), sources, names and
coreference (``speakers``) and the two attribution passes over an article's
sentences (``passes``)."""
