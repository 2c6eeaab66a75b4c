"""Running the batch core over a stream of articles: in this process a
window at a time (``in_process``), or in forked worker processes that share
the loaded pipeline (``in_workers``); results come back in input order."""

from __future__ import annotations

import os
import sys
from typing import Iterator

from ..errors import WorkerDied
from .batch import ArticleResult, extract_batch

_PR_SET_PDEATHSIG = 1      # <linux/prctl.h>


def die_with_parent(parent: int, kernel: bool = True) -> None:
    """End this worker process when ``parent`` (the process that started it)
    dies, however it dies: a ``kill -9`` of the parent must not leave workers
    blocked on its queues, holding a pipeline's memory, for good.

    On Linux the kernel sends SIGKILL at the parent's death
    (``PR_SET_PDEATHSIG``); everywhere, and in case the parent died before
    that was set, a thread watches for this process being re-parented. The
    workers hold nothing to save: only their parent writes the store.
    The kernel's signal follows the *thread* that forked, so a parent that
    forks from another thread than its main one (which may end first)
    passes ``kernel=False`` and relies on the watchdog alone.
    """
    import signal
    import threading
    import time

    if kernel and sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):      # no libc prctl: the watchdog alone
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="claims-parent-watch", daemon=True).start()


def in_process(results: Iterator[ArticleResult], nlp, classifier, batch_size, progress=None) -> Iterator[ArticleResult]:
    """Results in input order, a window of articles at a time: those that
    need parsing share one ``extract_batch`` stream (short articles fill the
    parser's batches together); cached and unreadable ones pass through."""
    from itertools import islice

    while True:
        window = list(islice(results, batch_size))
        if not window:
            return
        todo = [r.article is not None and not r.cached for r in window]
        done = extract_batch([r.article for r, t in zip(window, todo) if t], nlp, classifier, batch_size=batch_size,
                             progress=progress)
        for res, parse in zip(window, todo):
            if parse:
                new = next(done)
                res.claims, res.error, res.exc = new.claims, new.error, new.exc
            yield res


def _work(nlp, classifier, batch_size, jobs, done, parent, report, main_thread=True) -> None:
    """A worker process: the pipeline and classifier come from the fork, not
    from module state; errors go back as text (exceptions may not pickle).
    With ``report``, a long article's progress goes back as it is made. It
    ends with its parent (``die_with_parent``)."""
    die_with_parent(parent, kernel=main_thread)
    for idx, article in iter(jobs.get, None):
        tell = (lambda a, d, t, idx=idx: done.put((PROGRESS, idx, (d, t)))) if report else None
        for res in extract_batch([article], nlp, classifier, batch_size=batch_size, progress=tell):
            done.put((idx, res.claims, res.error))


PROGRESS = "progress"


def in_workers(results: Iterator[ArticleResult], nlp, classifier, batch_size, n_process, progress=None):
    """Articles analysed by forked workers (the pipeline is shared
    copy-on-write, not reloaded), yielded in input order. At most a few
    articles per worker are in flight, so memory stays flat."""
    import multiprocessing
    import queue as queue_mod
    import threading
    from collections import deque

    ctx = multiprocessing.get_context("fork")
    jobs, done = ctx.Queue(), ctx.Queue()
    workers = [ctx.Process(target=_work, args=(nlp, classifier, batch_size, jobs, done, os.getpid(), progress is not None,
                                 threading.current_thread() is threading.main_thread()),
                           daemon=True)
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
                    raise WorkerDied("a worker process died (out of memory?)")
                continue
            if idx == PROGRESS:                 # (PROGRESS, article index, (done, total))
                art = next((r.article for n, r in pending if n == claims), None)
                if art is not None:
                    progress(art, *error)
                continue                        # not a result: wait on for one
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
