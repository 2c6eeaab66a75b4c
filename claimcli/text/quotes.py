"""Where direct speech runs in an article.

News style opens a quote in each paragraph it runs through and closes it
only at the end, so a quote left open at a paragraph's end continues when
the next paragraph opens with a quotation mark. Spans that continue each
other share a ``group``: one speaker says all of them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

OPEN = "“„«"
CLOSE = "”»"
STRAIGHT = '"'


@dataclass
class Quote:
    start: int   # the opening mark
    end: int     # after the closing mark, or the paragraph's end
    group: int


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    quotes: list[Quote] = []
    group = 0
    carried = False   # the previous paragraph ended inside a quote
    for ps, pe in paragraphs:
        opened_at = None
        if carried and text[ps] in OPEN + STRAIGHT:
            pass  # same group continues
        else:
            group += 1
        carried = False
        first_in_par = True
        for i in range(ps, pe):
            c = text[i]
            if c == "'" and text[i + 1:i + 2] == "'":
                c = STRAIGHT   # '' : typewriter double quote (PTB, NYT archives)
            elif c == "'" and text[i - 1:i] == "'" and i > ps:
                continue
            elif c == "`" and text[i + 1:i + 2] == "`":
                c = "“"
            if opened_at is None:
                if c in OPEN or (c == STRAIGHT and _opens(text, i, ps)) or _misturned(text, i, ps):
                    opened_at = i
                    if not first_in_par:
                        group += 1
                    first_in_par = False
            elif c in CLOSE or c == STRAIGHT:
                quotes.append(Quote(opened_at, i + 1, group))
                opened_at = None
            elif c in OPEN and i > opened_at + 1 and text[i - 1].isspace():
                # a stray second opener: close the first before it
                quotes.append(Quote(opened_at, i, group))
                group += 1
                opened_at = i
        if opened_at is not None:
            quotes.append(Quote(opened_at, pe, group))
            carried = True
    return quotes


def _misturned(text: str, i: int, ps: int) -> bool:
    """A closing mark used as an opener ("”We will not sign,” said X"): at
    the paragraph's start or after a space, before a letter."""
    return text[i] == "”" and (i == ps or text[i - 1].isspace()) and text[i + 1:i + 2].isalnum()


def _opens(text: str, i: int, ps: int) -> bool:
    """A straight quote opens when it is not glued to a word before it."""
    return i == ps or not (text[i - 1].isalnum() or text[i - 1] in ".,!?;:")


def quoted_share(quotes: list[Quote], start: int, end: int) -> float:
    """How much of [start, end) lies inside quotes (marks included)."""
    if end <= start:
        return 0.0
    inside = 0
    for q in quotes:
        if q.end <= start:
            continue
        if q.start >= end:
            break
        inside += min(end, q.end) - max(start, q.start)
    return inside / (end - start)


class QuoteIndex:
    """Quotes of one article, searchable by position (bisect on starts)."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = quotes
        self.starts = [x.start for x in quotes]

    def at(self, pos: int) -> Quote | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def groups(self, start: int, end: int) -> set:
        """The quote groups that [start, end) touches."""
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = set()
        while i < len(self.quotes) and self.quotes[i].start < end:
            if self.quotes[i].end > start:
                out.add(self.quotes[i].group)
            i += 1
        return out
