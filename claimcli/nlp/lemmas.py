"""Slot patterns over lower-cased lemmas: the one matcher behind profiles,
the judgement lexicon and the target's terms.

A pattern is a line of slots: ``"sell|supply * arm|weapon"`` is a word from
the first set, up to three other words, then a word from the second set.
Slots match lower-cased lemmas, so "sells weapons", "arms sales" and
"supplied arms" reach one reason through a few patterns.
"""

from __future__ import annotations

import re

Slots = tuple  # of frozenset (lemmas) or None (a gap of up to GAP tokens)
GAP = 3


def compile_pattern(pattern: str) -> list[Slots]:
    """Slot sequences for one profile pattern. The tokenizer splits
    hyphenated words ("pro-western" -> pro - western), so an alternative with
    a hyphen becomes a sequence of its own with one slot per piece."""
    patterns: list[list] = [[]]
    for slot in pattern.lower().replace("’", "'").split():
        if slot == "*":
            for p in patterns:
                p.append(None)
            continue
        alts = slot.split("|")
        plain = [a for a in alts if "-" not in a.strip("-")]
        hyphened = [a for a in alts if a not in plain]
        grown = []
        for p in patterns:
            if plain:
                grown.append(p + [frozenset(plain)])
            for a in hyphened:
                pieces = [x for part in a.split("-") for x in (part, "-")][:-1]
                grown.append(p + [frozenset([x]) for x in pieces if x])
        patterns = grown
    return [tuple(p) for p in patterns]


class LemmaMatcher:
    """Every (label, start, end) where a slot sequence matches the lower-cased
    lemmas of a doc. Sequences are indexed by their first slot, so a doc
    costs one pass over its tokens plus a short walk from the few tokens that
    can start a pattern. It replaces spaCy's Matcher, whose ``{0,3}``
    wildcards cost as much as the parser itself."""

    def __init__(self):
        self._first: dict[str, list[tuple[str, Slots]]] = {}

    def add(self, label: str, sequences: list[Slots]) -> None:
        for seq in sequences:
            for lemma in seq[0]:
                self._first.setdefault(lemma, []).append((label, seq))

    def __call__(self, lemmas: list[str], words: list[str] | None = None) -> list[tuple[str, int, int]]:
        """Matches over ``lemmas``; with ``words`` (the lower-cased forms), a
        slot also takes the word itself, so a lemmatiser's slip ("bogged" ->
        "bogge") does not hide a pattern written with the form."""
        out = []
        first = self._first
        forms = [(x,) for x in lemmas] if words is None else [
            (lemma,) if lemma == word else (lemma, word) for lemma, word in zip(lemmas, words)]
        for i, alts in enumerate(forms):
            for form in alts:
                starts = first.get(form)
                if starts:
                    for label, seq in starts:
                        for end in _ends(forms, seq, 1, i + 1):
                            out.append((label, i, end))
        return list(dict.fromkeys(out))


def _ends(lemmas: list[tuple], seq: Slots, k: int, i: int):
    """Positions where ``seq[k:]`` can end when it starts at token ``i``
    (``lemmas[i]``: the forms a slot may match at token i)."""
    if k == len(seq):
        yield i
        return
    slot = seq[k]
    if slot is None:
        for skip in range(GAP + 1):
            if i + skip > len(lemmas):
                break
            yield from _ends(lemmas, seq, k + 1, i + skip)
    elif i < len(lemmas) and any(form in slot for form in lemmas[i]):
        yield from _ends(lemmas, seq, k + 1, i + 1)


def doc_lemmas(doc, forms: dict[int, str]) -> tuple[list[str], list[str]]:
    """The doc's lower-cased lemmas and words (curly apostrophes
    straightened), read once with ``to_array``; ``forms`` caches hash ->
    form across docs."""
    from spacy.attrs import LEMMA, LOWER

    strings = doc.vocab.strings
    arr = doc.to_array([LEMMA, LOWER]).tolist()
    out: tuple[list[str], list[str]] = ([], [])
    for hashes in arr:
        for k, h in enumerate(hashes):
            form = forms.get(h)
            if form is None:
                form = forms[h] = strings[h].lower().replace("’", "'")
            out[k].append(form)
    return out


_SLOT = re.compile(r"^(\*|[\w'’.-]+(\|[\w'’.-]+)*)$")

# Limits that keep matching linear in the text, whatever a profile says.
# Each ``*`` lets a match go on from GAP + 1 places, so k of them make up
# to (GAP + 1) ** k walks from every start; each hyphenated alternative
# adds a slot sequence of its own, and sequences multiply across slots.
# The shipped profiles and lexicon use at most 3 gaps, 7 slots, 19
# alternatives in a slot and 6 sequences in a pattern.
MAX_SLOTS = 12
MAX_GAPS = 3
MAX_ALTERNATIVES = 200
MAX_SEQUENCES = 64


def sequence_count(pattern: str) -> int:
    """How many slot sequences ``compile_pattern`` makes of a pattern,
    counted without making them."""
    n = 1
    for slot in pattern.lower().split():
        if slot != "*":
            alts = slot.split("|")
            hyphened = sum("-" in a.strip("-") for a in alts)
            n *= hyphened + (hyphened < len(alts))
    return n


def check_pattern(pattern: str) -> str | None:
    slots = pattern.split()
    if not slots:
        return "empty pattern"
    if slots[0] == "*" or slots[-1] == "*":
        return "a pattern cannot start or end with *"
    if len(slots) > MAX_SLOTS:
        return f"{len(slots)} slots; at most {MAX_SLOTS} (split it into shorter patterns)"
    gaps = slots.count("*")
    if gaps > MAX_GAPS:
        return (f"{gaps} * slots; at most {MAX_GAPS} (each lets up to {GAP} words in, and together they "
                f"multiply the ways a match can go on)")
    widest = max(len(s.split("|")) for s in slots)
    if widest > MAX_ALTERNATIVES:
        return f"a slot of {widest} alternatives; at most {MAX_ALTERNATIVES} (split the list over several patterns)"
    if sequence_count(pattern) > MAX_SEQUENCES:
        return (f"its hyphenated alternatives make {sequence_count(pattern)} word sequences; at most "
                f"{MAX_SEQUENCES} (fewer hyphenated words per slot, or more patterns)")
    bad = next((s for s in slots if not _SLOT.match(s)), None)
    if bad is not None:
        return f"bad slot {bad!r} (words separated by |, or *)"
    glued = next((a for s in slots for a in s.split("|")
                  if a not in ("'s", "n't") and ("'s" in a or "n't" in a or a == "cannot")), None)
    if glued is not None:
        # the tokenizer splits these off ("Russia's" -> Russia 's, "can't" -> ca n't)
        return f"{glued!r} is two words to the parser: write them as two slots (\"russia 's\", \"can not|n't\")"
    return None
