"""The word lists of attribution: each verb in one class only."""

from itertools import combinations

from claimcli.attribution import lexicon


def test_verb_classes_do_not_overlap():
    shared = {(a, b): sorted(lexicon.VERB_CLASSES[a] & lexicon.VERB_CLASSES[b])
              for a, b in combinations(lexicon.VERB_CLASSES, 2)}
    assert {k: v for k, v in shared.items() if v} == {}


def test_every_cue_lemma_has_a_class():
    assert lexicon.CUE_LEMMAS == frozenset().union(*lexicon.VERB_CLASSES.values())
    assert all(w == w.lower() and " " not in w for w in lexicon.CUE_LEMMAS)
