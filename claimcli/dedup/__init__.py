"""Near-duplicate claims: the local linker and its normalisation, keys and
guards (``linker``), and the same links computed as a batch over a whole
corpus (``batch``)."""
