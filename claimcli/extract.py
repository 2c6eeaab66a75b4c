"""The extraction pipeline as a Python API: articles in, claims out.

``extract_batch`` is the core every runner shares (in process, forked
workers, a cluster): articles in memory go through ``nlp.pipe`` paragraph by
paragraph in batches (across article boundaries, so short articles still
fill a batch), and each article's claims are yielded as soon as its last
paragraph is parsed. ``extract_articles`` reads paths and streams; memory
stays flat in the corpus size.
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
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None      # one line naming the input; the claims are then empty
    cached: bool = False          # claims came from the store: same bytes, same profile and pipeline
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


def _read_all(paths: Iterable[str], max_mb: float, stdin_name: str | None = None) -> Iterator[ArticleResult]:
    for path in paths:
        try:
            yield ArticleResult(textio.read_article(path, max_mb, name=stdin_name))
        except ClaimsError as e:
            yield ArticleResult(error=str(e), exc=e)


def extract_batch(articles: Iterable[Article], nlp, classifier, *, batch_size: int = 64) -> Iterator[ArticleResult]:
    """The batch core: claims of each article, yielded in input order.

    Takes articles already in memory (``textio.article_from_bytes``), a
    loaded pipeline and a ``Classifier``, and touches nothing else (no
    files, no store, no process-wide state), so a local worker, a Dask task
    or a notebook runs the same extraction. An article whose analysis fails
    comes back with ``error`` (and ``exc``) set; the others go on.
    """
    from .nlp import MAX_CHUNK

    queue: dict[int, list] = {}   # article index -> [article, paragraphs, expected, parsed]

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


def extract_articles(paths: Iterable[str], *, nlp=None, profile=None, batch_size: int = 64,
                     n_process: int = 1, known=None, max_mb: float = textio.MAX_ARTICLE_MB,
                     stdin_name: str | None = None) -> Iterator[ArticleResult]:
    """Claims of each article, in input order; unreadable files carry ``error``.

    ``known(article)`` may return the claims already extracted from the same
    bytes (from a store); such articles are not parsed again. With
    ``n_process`` > 1, forked worker processes run ``extract_batch`` on
    whole articles, so the work on top of the parser runs on every core too.
    """
    import multiprocessing

    from .nlp import load_nlp

    nlp = nlp or load_nlp()
    classifier = make_classifier(profile)
    results = _with_known(_read_all(paths, max_mb, stdin_name), known)
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _in_workers(results, nlp, classifier, batch_size, n_process)
    return _in_process(results, nlp, classifier, batch_size)


def extract_text(text: str, name: str = "text", *, nlp=None, profile=None) -> list[Claim]:
    """Claims of one text held in memory; an analysis error raises."""
    from .nlp import load_nlp

    nlp = nlp or load_nlp()
    article = Article(name=name, path=name, text=textio.normalise_newlines(text))
    for res in extract_batch([article], nlp, make_classifier(profile)):
        if res.exc is not None:
            raise res.exc
        return res.claims
    return []


def make_classifier(profile):
    """A classifier for a Profile, a profile name or path, or the default (None)."""
    from .classify import Classifier
    from .profiles import Profile, load

    if not isinstance(profile, Profile):
        profile = load(profile)
    return Classifier(profile)


def _with_known(results: Iterator[ArticleResult], known) -> Iterator[ArticleResult]:
    for res in results:
        if res.article is not None and known is not None:
            stored = known(res.article)
            if stored is not None:
                res.claims, res.cached = stored, True
        yield res


def _in_process(results: Iterator[ArticleResult], nlp, classifier, batch_size) -> Iterator[ArticleResult]:
    """Results in input order, a window of articles at a time: those that
    need parsing share one ``extract_batch`` stream (short articles fill the
    parser's batches together); cached and unreadable ones pass through."""
    from itertools import islice

    while True:
        window = list(islice(results, batch_size))
        if not window:
            return
        todo = [r.article is not None and not r.cached for r in window]
        done = extract_batch([r.article for r, t in zip(window, todo) if t], nlp, classifier, batch_size=batch_size)
        for res, parse in zip(window, todo):
            if parse:
                new = next(done)
                res.claims, res.error, res.exc = new.claims, new.error, new.exc
            yield res


def _work(nlp, classifier, batch_size, jobs, done) -> None:
    """A worker process: the pipeline and classifier come from the fork, not
    from module state; errors go back as text (exceptions may not pickle)."""
    for idx, article in iter(jobs.get, None):
        for res in extract_batch([article], nlp, classifier, batch_size=batch_size):
            done.put((idx, res.claims, res.error))


def _in_workers(results: Iterator[ArticleResult], nlp, classifier, batch_size, n_process):
    """Articles analysed by forked workers (the pipeline is shared
    copy-on-write, not reloaded), yielded in input order. At most a few
    articles per worker are in flight, so memory stays flat."""
    import multiprocessing
    import queue as queue_mod
    from collections import deque

    ctx = multiprocessing.get_context("fork")
    jobs, done = ctx.Queue(), ctx.Queue()
    workers = [ctx.Process(target=_work, args=(nlp, classifier, batch_size, jobs, done), daemon=True)
               for _ in range(n_process)]
    for w in workers:
        w.start()
    pending: deque = deque()          # (index or None, result) in input order
    finished: dict[int, tuple] = {}
    window = 4 * n_process

    def collect(block: bool) -> None:
        while True:
            try:
                idx, claims, error = done.get(timeout=1.0) if block else done.get_nowait()
            except queue_mod.Empty:
                if not block:
                    return
                if not all(w.is_alive() for w in workers):
                    raise RuntimeError("a worker process died (out of memory?); run again with --jobs 1")
                continue
            finished[idx] = (claims, error)
            return

    def ready():
        while pending:
            idx, res = pending[0]
            if idx is not None:
                if idx not in finished:
                    return
                res.claims, res.error = finished.pop(idx)
            pending.popleft()
            yield res

    try:
        for n, res in enumerate(results):
            if res.article is not None and not res.cached:
                jobs.put((n, res.article))
                pending.append((n, res))
            else:
                pending.append((None, res))
            collect(block=False)
            while len(pending) > window:
                yield from ready()
                if len(pending) > window:
                    collect(block=True)
            yield from ready()
        while pending:
            yield from ready()
            if pending:
                collect(block=True)
    finally:
        for _ in workers:
            jobs.put(None)
        for w in workers:
            w.join(timeout=5)
            if w.is_alive():
                w.terminate()
