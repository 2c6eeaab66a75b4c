"""Slot patterns over lower-cased lemmas: the one matcher behind profiles,
the judgement lexicon and the target's terms.

A pattern is a line of slots: ``"sell|supply * arm|weapon"`` is a word from
the first set, up to three other words, then a word from the second set.
Slots match lower-cased lemmas, so "sells weapons", "arms sales" and
"supplied arms" reach one reason through a few patterns.
"""

from __future__ import annotations

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

    def __call__(self, lemmas: list[str]) -> list[tuple[str, int, int]]:
        out = []
        first = self._first
        for i, lemma in enumerate(lemmas):
            for label, seq in first.get(lemma, ()):
                for end in _ends(lemmas, seq, 1, i + 1):
                    out.append((label, i, end))
        return list(dict.fromkeys(out))


def _ends(lemmas: list[str], seq: Slots, k: int, i: int):
    """Positions where ``seq[k:]`` can end when it starts at token ``i``."""
    if k == len(seq):
        yield i
        return
    slot = seq[k]
    if slot is None:
        for skip in range(GAP + 1):
            if i + skip > len(lemmas):
                break
            yield from _ends(lemmas, seq, k + 1, i + skip)
    elif i < len(lemmas) and lemmas[i] in slot:
        yield from _ends(lemmas, seq, k + 1, i + 1)


def doc_lemmas(doc, forms: dict[int, str]) -> list[str]:
    """The doc's lower-cased lemmas (curly apostrophes straightened), read
    once with ``to_array``; ``forms`` caches hash -> form across docs."""
    from spacy.attrs import LEMMA

    strings = doc.vocab.strings
    out = []
    for h in doc.to_array(LEMMA).tolist():
        form = forms.get(h)
        if form is None:
            form = forms[h] = strings[h].lower().replace("’", "'")
        out.append(form)
    return out
