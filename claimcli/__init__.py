"""claims: attributed claims from news and opinion articles.

The Python API lives in layered packages, each importing only the ones
below it: ``text``, ``nlp``, ``attribution``, ``judging``, ``dedup``,
``stores``, ``pipeline``, ``output``, ``cli`` (``python -m claimcli._layers``
checks it). The most used entry points are re-exported lazily here so
that ``import claimcli`` stays cheap (spaCy is imported only when a
pipeline is loaded).
"""

from .version import __version__

_EXTRACT = ("extract_articles", "extract_batch", "extract_into", "extract_text")
__all__ = ["__version__", *_EXTRACT]


def __getattr__(name):  # lazy re-exports, PEP 562
    if name in _EXTRACT:
        from .pipeline import extract

        return getattr(extract, name)
    raise AttributeError(name)
