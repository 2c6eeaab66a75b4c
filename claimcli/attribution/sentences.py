"""Sentences of a parsed paragraph: the parser's sentences with the
repairs the small pipeline needs (a split before a closing quote, a
lowercase continuation, a cue or a signature after a quotation), photo
credits trimmed."""

from __future__ import annotations

import re
from typing import Iterator

from ..text.segment import is_credit, trim_credit
from .cues import bare
from .lexicon import CUE_LEMMAS


_OPENERS_TO_JOIN = ("”", "’", "»", ")", "]")


def _cue_after_quote(before: str, sent) -> bool:
    """"“… what can we say?” | Putin emphasized.": the parser ends the
    sentence at the quote; a short cue clause after it belongs to it."""
    words = [t for t in sent if not t.is_punct]
    if before.rstrip().endswith(("”", '"', "»")) and sent[0].text in ("―", "—", "–") and 1 <= len(words) <= 5:
        return True   # "“…” | ― Ana Ruiz": the signature of the quotation
    if before.rstrip().endswith(("―", "—", "–")) and 1 <= len(words) <= 5:
        return True   # "“…”― | Ana Ruiz": no sentence ends with a dash
    if not before.rstrip().endswith(("”", '"', "»")) or any(t.is_quote for t in sent) or sent[-1].text not in (".", ","):
        return False
    if 1 < len(words) <= 5 and any(t.lemma_.lower() in CUE_LEMMAS and t.pos_ == "VERB" for t in words):
        return True
    return len(words) <= 20 and _source_and_occasion(sent)


def _source_and_occasion(sent) -> bool:
    """"Dale said of the board in February.": only a source that opens the
    sentence, a speech verb, and where, when or to whom (``cues.bare``), so
    the words said are the quotation before."""
    subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.left_edge.i == sent.start and bare(sent)


def sentence_spans(doc, offset: int, text: str) -> Iterator[tuple[int, int, object]]:
    """(start, end, spaCy Span) of each sentence of a parsed paragraph."""
    spans: list[list] = []   # [start char, end char, first token, end token]
    for sent in doc.sents:
        s, e = offset + sent.start_char, offset + sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        first = text[s]
        if spans and (first in _OPENERS_TO_JOIN or first.islower() or not re.search(r"\w", text[s:e])
                      or _cue_after_quote(text[spans[-1][0]:spans[-1][1]], sent)):
            spans[-1][1] = e  # the parser split inside a sentence
            spans[-1][3] = sent.end
            continue
        spans.append([s, e, sent.start, sent.end])
    for s, e, ts, te in spans:
        s2, e2 = trim_credit(text, s, e)
        if re.search(r"\w", text[s2:e2]) and not is_credit(text[s2:e2]):
            yield s2, e2, doc[ts:te]
