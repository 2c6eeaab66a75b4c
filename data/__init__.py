"""Package data: the judgement cues, topic profiles, the word lists of
attribution (lexicon/), the trained model and the sample articles (mapped
from data/).

Code finds its data files here and nowhere else: an installed wheel and an
editable checkout both import this package from where the files are, so a
file missing from the wheel fails the wheel's tests instead of falling back
to a source tree a user does not have.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """A file or folder of the package data: ``path("profiles")``."""
    return ROOT.joinpath(*parts)
