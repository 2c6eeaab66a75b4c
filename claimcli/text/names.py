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


def is_person_name(name: str) -> bool:
    """A name as people bear one: capitalised words ("Richard Giragosian",
    "Nikol Pashinyan"), not a phrase ("officials in Yerevan")."""
    words = name.split()
    return bool(words) and len(words) <= 5 and all(w[:1].isupper() for w in words)


# Words that make a source nobody in particular: "a senior official",
# "some analysts", "two diplomats".
_INDEFINITE = frozenset("a an one some another several many most few two three four five".split())


def is_anonymous(name: str) -> bool:
    """A source the article does not name: an indefinite phrase ("a senior
    official", "some diplomats") or a bare plural of people ("officials",
    "Western diplomats", "sources close to the talks"). Two articles' "a
    senior official" are two people, so the store keeps them apart."""
    words = fold(name).split()
    if not words or words[0] == "the":
        return False
    if words[0] in _INDEFINITE:
        return True
    head = []
    for w in name.split():          # the words before a preposition or clause: "sources close to ..."
        if w.lower() in ("in", "at", "of", "from", "close", "familiar", "with", "who", "near", "to", "on"):
            break
        head.append(w)
    last = head[-1] if head else ""
    # "Officials in Tromsø" opens its sentence: one capitalised word before a preposition
    opening = head == name.split()[:1] and len(name.split()) > 1 and last[:1].isupper()
    low = last.lower()
    return (last[:1].islower() or opening) and low.endswith("s") and low not in _BODIES and len(head) <= 3


# Plurals that name an institution, not people: "Armenian authorities" is the state.
_BODIES = frozenset(("authorities", "forces", "services", "news", "affairs", "media"))
