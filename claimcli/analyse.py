"""One article, parsed paragraph by paragraph, into attributed claims.

Attribution runs in two passes: first each sentence's own cue (resolving
names and pronouns in reading order), then sentences without a cue that sit
inside a quotation inherit the speaker of that quotation, wherever in the
quotation its cue stands ("“A. B,” he said." / "He said: “A. B.”").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from . import attribution, quotes as q, segment, speakers
from .models import Article, Claim

DIRECT_SHARE = 0.5   # a sentence at least half inside quotation marks is direct speech


@dataclass
class Sentence:
    start: int
    end: int
    span: object            # spaCy Span
    par: int                # paragraph index
    offset: int             # char offset of the span's doc in the article
    speaker: str | None = None
    kind: str | None = None  # speaker kind
    role: str | None = None
    cue: str | None = None
    own_cue: bool = False
    share: float = 0.0
    groups: set = field(default_factory=set)


class _QuoteIndex:
    def __init__(self, quotes):
        self.quotes = quotes
        self.starts = [x.start for x in quotes]

    def at(self, pos: int):
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def groups(self, start: int, end: int) -> set:
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = set()
        while i < len(self.quotes) and self.quotes[i].start < end:
            if self.quotes[i].end > start:
                out.add(self.quotes[i].group)
            i += 1
        return out


def sentences_of(article: Article, parsed: list[tuple[int, int, object]]) -> list[Sentence]:
    """``parsed``: (paragraph index, char offset, Doc) for each parsed chunk."""
    out = []
    for par, off, doc in parsed:
        for s, e, span in segment.sentence_spans(doc, off, article.text):
            out.append(Sentence(s, e, span, par, off))
    return out


def attribute(article: Article, sents: list[Sentence], paragraphs) -> None:
    text = article.text
    qi = _QuoteIndex(q.quote_spans(text, paragraphs))
    reg = speakers.NameRegistry()
    for s in sents:
        s.share = q.quoted_share(qi.quotes, s.start, s.end)
        s.groups = qi.groups(s.start, s.end)
        off = s.offset
        reg.add_entities(s.span)
        cue = attribution.sentence_cue(s.span, lambda i, off=off: qi.at(off + i) is not None)
        if cue is None:
            continue
        src = speakers.source_of(cue.head)
        name, kind = reg.resolve(src)
        if name is None:
            name = src.name
        s.speaker, s.kind, s.role, s.cue, s.own_cue = name, kind, src.role, cue.text, True
        reg.note_speaker(name, kind)

    # Second pass: quotations without a cue of their own.
    group_speaker: dict[int, Sentence] = {}
    for s in sents:
        if s.own_cue and s.groups:
            for g in s.groups:
                group_speaker.setdefault(g, s)
    prev = None
    for i, s in enumerate(sents):
        if not s.own_cue and s.share >= DIRECT_SHARE:
            src = next((group_speaker[g] for g in sorted(s.groups) if g in group_speaker), None)
            if src is None and prev is not None and prev.speaker:
                same_par = prev.par == s.par
                colon = text[prev.start:prev.end].rstrip().endswith(":")
                opens_par = s.start == paragraphs[s.par][0] and prev.par == s.par - 1
                if same_par or colon or opens_par:
                    src = prev
            if src is not None:
                s.speaker, s.kind, s.role, s.cue = src.speaker, src.kind, src.role, src.cue
                for g in s.groups:
                    group_speaker.setdefault(g, src)
        prev = s


def claims_of(article: Article, sents: list[Sentence]) -> list[Claim]:
    claims = []
    for s in sents:
        if s.speaker:
            kind = "direct" if s.share >= DIRECT_SHARE else "reported"
        else:
            kind = "author"
        claims.append(Claim(
            article=article.name, text=article.text[s.start:s.end], start=s.start, end=s.end,
            speaker=s.speaker, speaker_role=s.role if s.speaker else None,
            attribution=kind, cue=s.cue if s.speaker else None,
            article_sha256=article.sha256,
        ))
    return claims


def analyse_article(article: Article, parsed, paragraphs) -> list[Claim]:
    sents = sentences_of(article, parsed)
    attribute(article, sents, paragraphs)
    return claims_of(article, sents)
