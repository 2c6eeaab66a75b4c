"""claims: attributed claims from news and opinion articles.

The Python API lives in layered packages, each importing only the ones
below it: ``text``, ``nlp``, ``attribution``, ``judging``, ``dedup``,
``stores``, ``pipeline``, ``output``, ``cli`` (``python -m claimcli._layers``
checks it). The most used entry points are re-exported lazily here so
that ``import claimcli`` stays cheap (spaCy is imported only when a
pipeline is loaded).
"""

from .version import __version__

_EXPORTS = {"extract_articles": "extract", "extract_batch": "batch", "extract_into": "extract", "extract_text": "extract"}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):  # lazy re-exports, PEP 562
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f".pipeline.{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)
