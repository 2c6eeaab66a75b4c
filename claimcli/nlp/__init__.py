"""The spaCy layer: loading the pipeline (``pipeline``, the only module that
imports spaCy), sentences of a parsed paragraph (``sentences``) and the
slot-pattern language over lemmas, parsed, checked, compiled and matched in
one module (``lemmas``)."""
