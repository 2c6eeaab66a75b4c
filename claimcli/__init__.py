"""claims: attributed claims from news and opinion articles.

The Python API lives in the modules named for each concern; the most used
entry points are re-exported lazily here so that ``import claimcli`` stays
cheap (spaCy is imported only when a pipeline is loaded).
"""

__version__ = "0.1.0"

_EXTRACT = ("extract_articles", "extract_batch", "extract_into", "extract_text")
__all__ = ["__version__", *_EXTRACT]


def __getattr__(name):  # lazy re-exports, PEP 562
    if name in _EXTRACT:
        from . import extract

        return getattr(extract, name)
    raise AttributeError(name)
