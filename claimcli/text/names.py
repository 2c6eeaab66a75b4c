"""Names folded for comparison: case, accents, apostrophe style and a
leading "the" aside. The store, the queries and the attribution all key
speakers on these."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=8192)
def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def name_key(name: str) -> str:
    """How a user may type a speaker's name: case, accents, apostrophe style
    and a leading "the" aside ("giragosian", "the foreign ministry")."""
    words = fold(name).replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
