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

# Longest text analysed as one piece of an article (characters): an article
# is rarely over 200 kB; a longer file is analysed a section at a time.
SECTION = 200_000


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


def sections(article: Article, max_chunk: int, section: int | None = None) -> Iterator[tuple[list, list[tuple[int, int, int]]]]:
    """``prepare``'s paragraphs and pieces, a section at a time.

    An article up to ``SECTION`` characters is one section (what ``prepare``
    gives). A longer one (a site dump, a book) is cut at paragraph ends into
    sections of about ``SECTION`` characters, each analysed as an article of
    its own, so memory holds one section's parses however big the file is;
    a paragraph longer than a section is cut into its chunks first. Piece
    paragraph indices count within their section."""
    section = section or SECTION
    paragraphs = segment.paragraph_spans(article.text)
    flags = segment.boilerplate_flags(article.text, paragraphs)
    if len(article.text) <= section:
        pieces = [(pi, cs, ce) for pi, (s, e) in enumerate(paragraphs) if not flags[pi]
                  for cs, ce in _chunks(article.text, s, e, max_chunk)]
        yield paragraphs, pieces
        return
    spans: list = []
    pieces: list = []
    size = 0
    for (s, e), boiler in zip(paragraphs, flags):
        parts = [(s, e)] if e - s <= section else list(_chunks(article.text, s, e, max_chunk))
        for ps, pe in parts:
            if size and size + (pe - ps) > section:
                yield spans, pieces
                spans, pieces, size = [], [], 0
            if not boiler:
                pieces.extend((len(spans), cs, ce) for cs, ce in _chunks(article.text, ps, pe, max_chunk))
            spans.append((ps, pe))
            size += pe - ps
    if spans:
        yield spans, pieces


def prepare(article: Article, max_chunk: int) -> tuple[list, list[tuple[int, int, int]]]:
    """Paragraph spans, and the (paragraph, start, end) pieces to parse, of
    the whole article as one section (training reads articles so)."""
    return next(sections(article, max_chunk, section=max(len(article.text), 1)))


def extract_batch(articles: Iterable[Article], nlp, classifier, *, batch_size: int = 64,
                  progress=None) -> Iterator[ArticleResult]:
    """The batch core: claims of each article, yielded in input order.

    Takes articles already in memory (``text.reading.article_from_bytes``), a
    loaded pipeline and a ``Classifier``, and touches nothing else (no
    files, no store, no process-wide state), so a local worker, a Dask task
    or a notebook runs the same extraction. An article whose analysis fails
    comes back with ``error`` (and ``exc``) set; the others go on.

    Parses are kept only until their section (``sections``) is analysed, so
    memory is bounded by a section, not by the article. ``progress(article,
    done, total)``, if given, is called after each section of an article
    longer than one section, with the characters analysed so far.
    """
    from ..nlp.pipeline import MAX_CHUNK

    queue: dict[tuple[int, int], list] = {}   # (article, section) -> [paragraphs, expected, parsed, last]
    state: dict[int, list] = {}               # article index -> [article, claims, failure, done chars]

    def pieces():
        for idx, article in enumerate(articles):
            state[idx] = [article, [], None, 0]
            try:
                parts = sections(article, MAX_CHUNK)
                nxt = next(parts)
            except Exception as e:           # noqa: BLE001 - one bad article must not stop a batch
                state[idx][2] = e
                queue[idx, 0] = [None, 0, [], True]
                yield "", (idx, 0, -1, 0)
                continue
            sec = 0
            while nxt is not None:
                paragraphs, todo = nxt
                try:
                    nxt = next(parts)
                except StopIteration:
                    nxt = None
                except Exception as e:       # noqa: BLE001
                    state[idx][2], nxt = e, None
                queue[idx, sec] = [paragraphs, len(todo), [], nxt is None]
                if not todo:
                    yield "", (idx, sec, -1, 0)
                for pi, cs, ce in todo:
                    yield article.text[cs:ce], (idx, sec, pi, cs)
                sec += 1

    for doc, (idx, sec, pi, off) in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        paragraphs, expected, parsed, last = entry = queue[idx, sec]
        if pi >= 0:
            parsed.append((pi, off, doc))
        if len(parsed) < expected:
            continue
        del queue[idx, sec]
        article, claims, failed, done = st = state[idx]
        if failed is None and paragraphs is not None:
            try:
                claims.extend(analyse_article(article, parsed, paragraphs, classifier))
            except Exception as e:           # noqa: BLE001
                st[2] = failed = e
            if paragraphs:
                st[3] = done = paragraphs[-1][1]
            if progress is not None and not last:
                progress(article, done, len(article.text))
        entry[2] = parsed = doc = None       # this section's parses go now
        if not last:
            continue
        del state[idx]
        res = ArticleResult(article, claims)
        if failed is not None:
            res.claims, res.exc = [], failed
            res.error = str(failed) if isinstance(failed, ClaimsError) else \
                f"{article.path}: analysis failed ({type(failed).__name__}: {failed})"
        if progress is not None and len(article.text) > SECTION and failed is None:
            progress(article, len(article.text), len(article.text))
        yield res
