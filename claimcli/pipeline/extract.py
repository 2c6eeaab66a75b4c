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

from ..text import segment, reading as textio
from .claims import analyse_article
from ..errors import ClaimsError
from ..models import Article, Claim, Labelling


@dataclass
class ArticleResult:
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None      # one line naming the input; the claims are then empty
    cached: bool = False          # claims came from the store: same bytes, same profile and pipeline
    status: str = ""              # extract_into: new, changed, profile, pipeline (re-labelled) or current
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


def _read_all(paths: Iterable[str], max_mb: float, stdin_name: str | None = None,
              names: dict[str, str] | None = None) -> Iterator[ArticleResult]:
    for path in paths:
        try:
            article = textio.read_article(path, max_mb, name=stdin_name)
        except ClaimsError as e:
            yield ArticleResult(error=str(e), exc=e)
            continue
        article.name = (names or {}).get(article.key, article.name)
        yield ArticleResult(article)


def extract_batch(articles: Iterable[Article], nlp, classifier, *, batch_size: int = 64) -> Iterator[ArticleResult]:
    """The batch core: claims of each article, yielded in input order.

    Takes articles already in memory (``textio.article_from_bytes``), a
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


def extract_articles(paths: Iterable[str], *, nlp=None, profile=None, batch_size: int = 64,
                     n_process: int = 1, known=None, max_mb: float = textio.MAX_ARTICLE_MB,
                     stdin_name: str | None = None, names: dict[str, str] | None = None) -> Iterator[ArticleResult]:
    """Claims of each article, in input order; unreadable files carry ``error``.

    ``known(article)`` may return the claims already extracted from the same
    bytes (from a store); such articles are not parsed again. ``names`` maps
    article keys to the names records give them (default: the basename);
    standard input is named ``stdin_name``, else after its content. With
    ``n_process`` > 1, forked worker processes run ``extract_batch`` on
    whole articles, so the work on top of the parser runs on every core too.
    """
    import multiprocessing

    from ..nlp.pipeline import load_nlp

    nlp = nlp or load_nlp()
    classifier = make_classifier(profile)
    results = _with_known(_read_all(paths, max_mb, stdin_name, names), known)
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _in_workers(results, nlp, classifier, batch_size, n_process)
    return _in_process(results, nlp, classifier, batch_size)


def extract_text(text: str, name: str = "text", *, nlp=None, profile=None) -> list[Claim]:
    """Claims of one text held in memory; an analysis error raises."""
    from ..nlp.pipeline import load_nlp

    nlp = nlp or load_nlp()
    article = Article(name=name, path=name, text=textio.normalise_newlines(text))
    for res in extract_batch([article], nlp, make_classifier(profile)):
        if res.exc is not None:
            raise res.exc
        return res.claims
    return []


def labelling(nlp, profile) -> Labelling:
    """The profile (id and a hash of its content, wherever its file lives)
    and the pipeline: what the store records as having labelled an article."""
    import hashlib
    import json
    from dataclasses import asdict

    from ..nlp.pipeline import pipeline_version

    content = {k: v for k, v in asdict(profile).items() if k != "path"}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    return Labelling(profile.id, digest, pipeline_version(nlp), profile.path)


class Extraction:
    """One run of ``extract_into``: iterate it for each input's result, in
    input order, each article already written to the store (linked to its
    near-duplicates, within the run and against the store) when it comes.

    Opening checks what can fail for the whole run (the profile, the
    pipeline, a store labelled with another profile) and raises
    ``ClaimsError``; a path that is missing or unreadable comes back as a
    result with ``error`` and the run goes on. ``articles``, ``claims`` and
    ``failed`` sum up what was done so far. ``n_process`` 0 picks the
    workers: every core (up to 4) for 8 files or more, else one process.
    """

    def __init__(self, store, paths: Iterable[str], *, nlp=None, profile=None, n_process: int = 0,
                 threshold: float | None = None, max_mb: float = textio.MAX_ARTICLE_MB,
                 stdin_name: str | None = None, batch_size: int = 64):
        from ..dedup.linker import DEFAULT_THRESHOLD, Linker
        from ..nlp.pipeline import load_nlp
        from ..judging.profiles import Profile, load

        self.store = store
        self._missing: list[ClaimsError] = []
        self.files = textio.collect_paths(list(paths), self._missing)
        self.profile = profile if isinstance(profile, Profile) else load(profile)
        self.nlp = nlp or load_nlp()
        self.labelling = labelling(self.nlp, self.profile)
        store.check_profile(self.labelling)
        self.linker = Linker(store, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
        self.n_process = n_process or _auto_jobs(len(self.files))
        self.max_mb, self.stdin_name, self.batch_size = max_mb, stdin_name, batch_size
        self.articles = self.claims = 0
        self.failed: list[str] = []

    @property
    def total(self) -> int:
        """Inputs this run reports on: the articles found and the paths missing."""
        return len(self.files) + len(self._missing)

    def _names(self) -> dict[str, str]:
        """Basenames, made longer where two articles (in this run or already
        in the store) share one."""
        from pathlib import PurePosixPath

        keys = [textio.key_of(f) for f in self.files if f != "-"]
        stored = self.store.keys_named({PurePosixPath(k.replace("\\", "/")).name for k in keys})
        names = textio.display_names(keys + stored)
        return {k: names[k] for k in keys}

    def __iter__(self) -> Iterator[ArticleResult]:
        for e in self._missing:
            self.failed.append(str(e))
            yield ArticleResult(error=str(e), exc=e)
        status: dict[str, str] = {}

        def known(article):
            status[article.key] = self.store.status(article, self.labelling)
            return self.store.stored_claims(article) if status[article.key] == "current" else None

        for res in extract_articles(self.files, nlp=self.nlp, profile=self.profile, batch_size=self.batch_size,
                                    n_process=self.n_process, known=known, max_mb=self.max_mb,
                                    stdin_name=self.stdin_name, names=self._names()):
            if res.error:
                self.failed.append(res.error)
                yield res
                continue
            art = res.article
            res.status = status.pop(art.key, "new")
            if not res.cached:
                keys = self.linker.link(res.claims, exclude_path=art.key)
                self.store.write_article(art, res.claims, keys, self.labelling)
            self.articles += 1
            self.claims += len(res.claims)
            yield res

    def stale(self) -> int:
        """Stored articles of this profile that another run labelled with an
        earlier content of it, or another pipeline."""
        return self.store.stale(self.labelling)


def _auto_jobs(n_files: int) -> int:
    """Every core, up to 4, once there are enough files to pay for the workers' start."""
    import os

    return min(os.cpu_count() or 1, 4) if n_files >= 8 else 1


def extract_into(store, paths: Iterable[str], **options) -> Extraction:
    """Read, analyse, link near-duplicates and write: what ``claims
    extract`` does, as a library call (the options are ``Extraction``'s)::

        with Store("claims.db") as store:
            for result in extract_into(store, ["articles/"]):
                print(result.article.name if result.article else result.error, len(result.claims))
    """
    return Extraction(store, paths, **options)


def make_classifier(profile):
    """A classifier for a Profile, a profile name or path, or the default (None)."""
    from ..judging.reasons import Classifier
    from ..judging.profiles import Profile, load

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
