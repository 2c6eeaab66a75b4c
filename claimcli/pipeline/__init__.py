"""Articles in, claims out: the batch core (``batch``), the runs over paths
and into a store (``extract``), worker processes (``workers``), sentences
into labelled claims (``claims``), the Dask engine (``engine``), profile
examples run through the extractor (``examples``), scores against gold
(``evaluate``) and versions (``info``)."""
