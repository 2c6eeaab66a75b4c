"""Package data: the judgement cues, topic profiles, the word lists of attribution (lexicon/), the trained model and the sample articles (mapped from data/)."""
