"""claims: attributed claims from news and opinion articles.

The Python API lives in the modules named for each concern; the most used
entry points are re-exported lazily here so that ``import claimcli`` stays
cheap (spaCy is imported only when a pipeline is loaded).
"""

__version__ = "0.1.0"

__all__ = ["__version__", "extract_articles", "extract_text"]


def __getattr__(name):  # lazy re-exports, PEP 562
    if name in ("extract_articles", "extract_text"):
        from . import extract

        return getattr(extract, name)
    raise AttributeError(name)
