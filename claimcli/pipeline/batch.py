"""The batch core every runner shares (in process, forked workers, a
cluster): articles in memory go through ``nlp.pipe`` paragraph by paragraph
in batches (across article boundaries, so short articles still fill a
batch), and each article's claims are yielded as soon as its last paragraph
is parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..errors import ClaimsError
from ..models import Article, Claim
from ..text import segment
from .claims import analyse_article


@dataclass
class ArticleResult:
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None      # one line naming the input; the claims are then empty
    cached: bool = False          # claims came from the store: same bytes, same profile and pipeline
    status: str = ""              # extract_into: new, changed, profile, pipeline (re-labelled), current or copy
    copy_of: str | None = None    # status "copy": the stored article with the same bytes
    exc: BaseException | None = field(default=None, repr=False)   # what raised, in this process only


def _chunks(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Cut an over-long paragraph at sentence ends (or anywhere, if it has none)."""
    while end - start > limit:
        window = text[start:start + limit]
        m = None
        for m in re.finditer(r"[.!?…][”\"’)]*\s+", window):
            pass
        cut = start + (m.end() if m and m.end() > limit // 4 else limit)
        yield start, cut
        start = cut
    if end > start:
        yield start, end


def prepare(article: Article, max_chunk: int) -> tuple[list, list[tuple[int, int, int]]]:
    """Paragraph spans, and the (paragraph, start, end) pieces to parse."""
    paragraphs = segment.paragraph_spans(article.text)
    pieces = []
    flags = segment.boilerplate_flags(article.text, paragraphs)
    for pi, (s, e) in enumerate(paragraphs):
        if flags[pi]:
            continue
        for cs, ce in _chunks(article.text, s, e, max_chunk):
            pieces.append((pi, cs, ce))
    return paragraphs, pieces


def extract_batch(articles: Iterable[Article], nlp, classifier, *, batch_size: int = 64) -> Iterator[ArticleResult]:
    """The batch core: claims of each article, yielded in input order.

    Takes articles already in memory (``text.reading.article_from_bytes``), a
    loaded pipeline and a ``Classifier``, and touches nothing else (no
    files, no store, no process-wide state), so a local worker, a Dask task
    or a notebook runs the same extraction. An article whose analysis fails
    comes back with ``error`` (and ``exc``) set; the others go on.
    """
    from ..nlp.pipeline import MAX_CHUNK

    queue: dict[int, list] = {}   # article index -> [article, paragraphs, expected, parsed, failure]

    def pieces():
        for idx, article in enumerate(articles):
            try:
                paragraphs, parts = prepare(article, MAX_CHUNK)
            except Exception as e:           # noqa: BLE001 - one bad article must not stop a batch
                queue[idx] = [article, None, 0, [], e]
                yield "", (idx, -1, 0)
                continue
            queue[idx] = [article, paragraphs, len(parts), [], None]
            if not parts:
                yield "", (idx, -1, 0)
            for pi, cs, ce in parts:
                yield article.text[cs:ce], (idx, pi, cs)

    for doc, (idx, pi, off) in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        article, paragraphs, expected, parsed, failed = queue[idx]
        if pi >= 0:
            parsed.append((pi, off, doc))
        if len(parsed) < expected:
            continue
        del queue[idx]
        res = ArticleResult(article)
        try:
            if failed is not None:
                raise failed
            res.claims = analyse_article(article, parsed, paragraphs, classifier)
            for c in res.claims:
                c.identify(article)
        except Exception as e:               # noqa: BLE001
            res.claims, res.exc = [], e
            res.error = str(e) if isinstance(e, ClaimsError) else f"{article.path}: analysis failed ({type(e).__name__}: {e})"
        yield res
