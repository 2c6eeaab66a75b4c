"""The extraction pipeline as a Python API: paths in, claims out.

``extract_articles`` streams: articles are read one at a time, their
paragraphs go through ``nlp.pipe`` in batches (across article boundaries,
so short articles still fill a batch), and each article's claims are yielded
as soon as its last paragraph is parsed. Memory stays flat in the corpus size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from . import segment, textio
from .analyse import analyse_article
from .errors import ClaimsError
from .models import Article, Claim


@dataclass
class ArticleResult:
    path: str
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None
    cached: bool = False     # claims came from the store: the bytes were unchanged


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


def _read_all(paths: Iterable[str], max_mb: float) -> Iterator[ArticleResult]:
    for path in paths:
        try:
            yield ArticleResult(path, textio.read_article(path, max_mb))
        except ClaimsError as e:
            yield ArticleResult(path, error=str(e))


def extract_articles(paths: Iterable[str], *, nlp=None, profile=None, batch_size: int = 64,
                     n_process: int = 1, known=None, max_mb: float = textio.MAX_ARTICLE_MB) -> Iterator[ArticleResult]:
    """Claims of each article, in input order; unreadable files carry ``error``.

    ``known(article)`` may return the claims already extracted from the same
    bytes (from a store); such articles are not parsed again. With
    ``n_process`` > 1, worker processes parse *and* analyse whole articles,
    so the work on top of the parser runs on every core too.
    """
    import multiprocessing

    from .nlp import MAX_CHUNK, load_nlp

    nlp = nlp or load_nlp()
    classifier = make_classifier(profile)
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _run_pool(_read_all(paths, max_mb), nlp, classifier, batch_size, n_process, known)
    return _run(_read_all(paths, max_mb), nlp, classifier, batch_size, n_process, MAX_CHUNK, known)


def extract_text(text: str, name: str = "-", *, nlp=None, profile=None) -> list[Claim]:
    """Claims of one text held in memory."""
    from .nlp import MAX_CHUNK, load_nlp

    nlp = nlp or load_nlp()
    classifier = make_classifier(profile)
    article = Article(name=name, path=name, text=textio.normalise_newlines(text))
    for res in _run(iter([ArticleResult(name, article)]), nlp, classifier, 64, 1, MAX_CHUNK):
        return res.claims
    return []


def make_classifier(profile):
    """A classifier for a Profile, a profile name or path, or the default (None)."""
    from .classify import Classifier
    from .profiles import Profile, load

    if not isinstance(profile, Profile):
        profile = load(profile)
    return Classifier(profile)


# What a worker process analyses with: set in the parent before forking.
_WORKER: dict = {}


def _analyse_in_worker(article: Article, batch_size: int) -> tuple[list[Claim], str | None]:
    from .nlp import MAX_CHUNK

    res = ArticleResult(article.path, article)
    for done in _run(iter([res]), _WORKER["nlp"], _WORKER["classifier"], batch_size, 1, MAX_CHUNK):
        return done.claims, done.error
    return [], None


def _run_pool(results: Iterator[ArticleResult], nlp, classifier, batch_size, n_process, known):
    """Articles analysed by forked workers (the pipeline is shared
    copy-on-write, not reloaded), yielded in input order. At most a few
    articles per worker are in flight, so memory stays flat."""
    import multiprocessing
    from collections import deque

    _WORKER.update(nlp=nlp, classifier=classifier)
    window = 4 * n_process
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        pending: deque = deque()

        def finish(res, job):
            if job is not None:
                res.claims, res.error = job.get()
            return res

        for res in results:
            if res.article is not None and known is not None:
                stored = known(res.article)
                if stored is not None:
                    res.claims, res.cached = stored, True
            job = None
            if res.article is not None and not res.cached:
                job = pool.apply_async(_analyse_in_worker, (res.article, batch_size))
            pending.append((res, job))
            while len(pending) > window or (pending and (pending[0][1] is None or pending[0][1].ready())):
                yield finish(*pending.popleft())
        while pending:
            yield finish(*pending.popleft())


def _run(results: Iterator[ArticleResult], nlp, classifier, batch_size, n_process, max_chunk, known=None):
    queue: dict[int, list] = {}   # article index -> [result, paragraphs, expected, parsed]
    done_in_order: list[int] = []

    def pieces():
        for idx, res in enumerate(results):
            if res.article is not None and known is not None:
                stored = known(res.article)
                if stored is not None:
                    res.claims, res.cached = stored, True
            if res.article is None or res.cached:
                queue[idx] = [res, [], 0, []]
                done_in_order.append(idx)
                yield "", (idx, -1, 0)
                continue
            paragraphs, parts = prepare(res.article, max_chunk)
            queue[idx] = [res, paragraphs, len(parts), []]
            if not parts:
                yield "", (idx, -1, 0)
            for pi, cs, ce in parts:
                yield res.article.text[cs:ce], (idx, pi, cs)

    kwargs = {"batch_size": batch_size, "as_tuples": True}
    if n_process and n_process != 1:
        kwargs["n_process"] = n_process
    for doc, (idx, pi, off) in nlp.pipe(pieces(), **kwargs):
        entry = queue[idx]
        res, paragraphs, expected, parsed = entry
        if pi >= 0:
            parsed.append((pi, off, doc))
        if len(parsed) < expected:
            continue
        del queue[idx]
        if res.article is not None and not res.cached:
            try:
                res.claims = analyse_article(res.article, parsed, paragraphs, classifier)
            except ClaimsError as e:
                res.error = str(e)
        yield res
