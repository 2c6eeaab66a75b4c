"""Articles in, claims out: the batch core, the store-writing run and its
worker processes (``extract``), sentences into labelled claims (``claims``),
the Dask engine (``engine``), profile examples run through the extractor
(``examples``), scores against gold (``evaluate``) and versions (``info``)."""
