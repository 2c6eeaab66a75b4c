"""``claims extract --engine dask``: the same extraction over a Dask cluster.

A Dask bag over the inputs; each partition reads its articles (local paths
or fsspec URLs), runs the batch core of ``extract`` on them and writes its own
Parquet parts, so only a small summary travels back to the client. A worker
plugin loads the spaCy pipeline and the profile once per worker, not once
per task.

Worker settings are those measured in issue 15: Dask's defaults cost 36-51%
more CPU on this work, through the ``MALLOC_TRIM_THRESHOLD_`` its nanny sets
(glibc then returns freed memory to the system after every parse, and maps
it again for the next) and its statistical profiler (a thread sampling every
stack 100 times a second). A ``LocalCluster`` started here has neither; on an
existing cluster the plugin stops the profiler and raises the trim threshold
with ``mallopt`` when it sets up.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from ..errors import ClaimsError, InputError, TooBig
from ..stores import parquet
from ..stores.base import check_one_topic

PLUGIN = "claims-model"
# What Dask's nanny sets before spawning a worker, less MALLOC_TRIM_THRESHOLD_.
WORKER_ENVIRON = {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1}
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": WORKER_ENVIRON,
}
# mallopt(3) parameters, for workers whose environment we did not set
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def _quiet_worker(worker) -> None:
    """Stop the statistical profiler, and keep freed memory in the process
    (glibc's own default, which Dask's nanny turns off)."""
    for name in ("profile", "profile-cycle"):
        pc = worker.periodic_callbacks.pop(name, None)
        if pc is not None:
            pc.stop()
    if os.environ.get("MALLOC_TRIM_THRESHOLD_"):
        try:
            import ctypes

            libc = ctypes.CDLL("libc.so.6")
            libc.mallopt(_M_MMAP_THRESHOLD, 32 * 1024 * 1024)
            libc.mallopt(_M_TRIM_THRESHOLD, 64 * 1024 * 1024)
        except OSError:      # not glibc: nothing to undo
            pass


try:
    from distributed import WorkerPlugin as _Base
except ImportError:          # pragma: no cover - the scale extra is checked before use
    _Base = object


class ModelPlugin(_Base):
    """The pipeline and classifier, loaded once when a worker starts."""

    name = PLUGIN
    idempotent = False

    def __init__(self, model: str | None, profile, client_pid: int | None = None):
        self.model = model
        self.profile = profile
        self.client_pid = client_pid      # set for a LocalCluster this client started
        self.nlp = self.classifier = self.labelling = None

    def setup(self, worker):
        from .extract import labelling, make_classifier
        from ..nlp.pipeline import load_nlp

        _quiet_worker(worker)
        if self.client_pid is not None and os.getppid() == self.client_pid:
            # a worker of our own LocalCluster ends with the client, even on
            # its kill -9 (Dask's nanny pipe does too, unless the worker is stuck)
            from .workers import die_with_parent

            die_with_parent(self.client_pid)
        self.nlp = load_nlp(self.model)
        self.classifier = make_classifier(self.profile)     # its labeller: once per worker
        self.labelling = labelling(self.nlp, self.profile, self.classifier.labeller)


# ---- inputs -------------------------------------------------------------------

def is_url(source: str) -> bool:
    return "://" in source


def collect_sources(sources: list[str]) -> list[str]:
    """Local files and folders as ``claims extract`` reads them; fsspec URLs
    (``s3://bucket/news/``, ``file:///data/*.txt``) by listing or glob."""
    from ..text.reading import ARTICLE_SUFFIXES, collect_paths, key_of

    out: list[str] = []
    for src in sources:
        if src == "-":
            raise InputError("the Dask engine reads files or URLs, not standard input")
        if not is_url(src):
            out.extend(key_of(p) for p in collect_paths([src]))
            continue
        import fsspec

        fs, path = fsspec.core.url_to_fs(src)
        proto = src.split("://", 1)[0]
        if any(ch in path for ch in "*?["):
            found = sorted(fs.glob(path))
        elif fs.isdir(path):
            found = sorted(p for p in fs.find(path) if p.lower().endswith(ARTICLE_SUFFIXES))
        elif fs.exists(path):
            found = [path]
        else:
            raise InputError(f"{src}: no such file or folder")
        if not found:
            raise InputError(f"{src}: no articles (*.txt, *.md) there")
        if proto in ("file", "local"):       # a local file has one identity, its absolute path
            out.extend(key_of(p) for p in found)
        else:
            out.extend(p if "://" in p else f"{proto}://{p}" for p in found)
    seen: set = set()
    return [s for s in out if not (s in seen or seen.add(s))]


def _read(source: str, max_mb: float):
    """An article from a local path or a URL, with the same errors as the CLI."""
    from ..text import reading as textio

    if not is_url(source):
        return textio.read_article(source, max_mb)
    import fsspec

    limit = int(max_mb * 1e6)
    try:
        with fsspec.open(source, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except OSError as e:
        raise InputError(f"{source}: cannot read ({e})") from None
    if len(data) > limit:
        raise TooBig(f"{source}: more than the {max_mb:g} MB one article may have")
    return textio.article_from_bytes(data, textio.basename(source), source)


# ---- one partition, on a worker ---------------------------------------------------

def _analyse(articles: list, nlp, classifier, batch_size: int):
    """The batch core over articles held in memory, results in input order."""
    from .batch import extract_batch

    return list(extract_batch(articles, nlp, classifier, batch_size=batch_size))


def extract_partition(items: list[tuple], root: str, part: str, max_mb: float, batch_size: int) -> dict:
    """Read, analyse and write one partition; return what the client reports.
    ``items`` are (input index, article id, source, name in records, what
    the store holds for it: ``parquet.Known`` or None)."""
    from datetime import datetime, timezone

    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN]
    cpu = time.process_time()
    summary = {"errors": [], "unchanged": [], "done": [], "claims": 0, "words": 0}
    todo = []
    for index, article_id, source, name, known in items:
        try:
            article = _read(source, max_mb)
        except ClaimsError as e:        # the error itself, so the client knows its kind
            summary["errors"].append((index, e))
            continue
        article.name = name
        if known is not None and known.current(article.sha256, plugin.labelling):
            summary["unchanged"].append(index)
            continue
        todo.append((index, article_id, article))
    rows = {kind: [] for kind in parquet.KINDS}
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    results = _analyse([a for _, _, a in todo], plugin.nlp, plugin.classifier, batch_size) if todo else []
    for (index, article_id, article), res in zip(todo, results):
        if res.error:
            summary["errors"].append((index, res.error))
            continue
        rows["articles"].append(parquet.article_row(article, article_id, now, plugin.labelling))
        for seq, c in enumerate(res.claims):
            rows["claims"].append(parquet.claim_row(c, article_id, seq))
            rows["reasons"].extend(parquet.reason_rows(c, article_id, seq))
        summary["done"].append((index, article.key, article_id))
        summary["claims"] += len(res.claims)
        summary["words"] += len(article.text.split())
    # claims and reasons first: a part's article rows mark it as complete
    for kind in ("claims", "reasons", "articles"):
        parquet.write_part(root, kind, part, rows[kind])
    summary["cpu"] = time.process_time() - cpu
    return summary


def _partition_task(items, root, run_id, max_mb, batch_size):
    items = list(items)
    part = f"{run_id}-{items[0][0]:08d}" if items else run_id
    return [extract_partition(items, root, part, max_mb, batch_size)]


# ---- the client ---------------------------------------------------------------

@dataclass
class RunSummary:
    output: str
    inputs: int = 0
    extracted: int = 0
    unchanged: int = 0
    claims: int = 0
    words: int = 0
    worker_cpu: float = 0.0
    startup: float = 0.0
    seconds: float = 0.0
    errors: list = field(default_factory=list)   # per input, in input order: a ClaimsError, or its text
    link: object = None          # link.LinkStats, when the run linked
    linked: bool = False         # the store's tables are up to date with its parts


def local_cluster(n_workers: int | None = None, threads: int = 1):
    """A LocalCluster sized to the machine, one thread per worker process
    (the parser holds the GIL), with the measured worker settings."""
    import logging

    import dask
    from distributed import LocalCluster

    n = n_workers or os.cpu_count() or 1
    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(n_workers=n, threads_per_worker=threads, processes=True, dashboard_address=None,
                            silence_logs=logging.ERROR)


def client_for(cluster: str | None, n_workers: int | None = None):
    """A client of the cluster at ``cluster``, else of a new LocalCluster
    (closed with the client)."""
    from distributed import Client

    if cluster:
        try:
            return Client(cluster, timeout="30s"), None
        except OSError as e:
            raise ClaimsError(f"{cluster}: cannot reach the Dask scheduler ({e})") from None
    lc = local_cluster(n_workers)
    return Client(lc), lc


def partition_size(n_inputs: int, n_workers: int) -> int:
    """Big enough that the parser's batches fill, small enough that every
    worker gets several partitions (and a slow one does not hold the run)."""
    return max(1, min(64, -(-n_inputs // max(4 * n_workers, 1))))


def run(sources: list[str], output: str, *, cluster: str | None = None, n_workers: int | None = None,
        model: str | None = None, profile=None, max_mb: float = 5.0, batch_size: int = 64,
        part_size: int | None = None, on_progress=None, link_threshold: float | None = None) -> RunSummary:
    """Extract ``sources`` into the Parquet store at ``output``; inputs whose
    bytes are already there are skipped. With ``link_threshold``, then link
    the store (``link.link_store``), scoring candidate pairs on the same
    cluster. Errors of single articles are in the summary; the run fails
    (ClaimsError) only when it cannot run at all."""
    import dask.bag as db
    from distributed import as_completed

    from .extract import make_classifier
    from ..judging.profiles import Profile, load
    from ..text.reading import basename, run_names

    t0 = time.perf_counter()
    found = collect_sources(sources)
    prof = profile if isinstance(profile, Profile) else load(profile)
    make_classifier(prof)                       # a bad profile fails here, not on every worker
    root = parquet.create(output)
    known = parquet.known_articles(root)
    check_one_topic(output, (k.profile for k in known.values()), prof.id, folder=True)
    next_id = max((k.article_id for k in known.values()), default=0) + 1
    # named as the local run names them
    names = run_names(found, lambda wanted: [k for k in known if basename(k) in wanted])
    items = [(i, next_id + i, src, names[src], known.get(src)) for i, src in enumerate(found)]
    summary = RunSummary(output=str(root), inputs=len(found))
    client, lc = client_for(cluster, n_workers)
    try:
        client.register_plugin(ModelPlugin(model, prof, os.getpid() if lc is not None else None), name=PLUGIN)
        summary.startup = time.perf_counter() - t0
        workers = len(client.scheduler_info()["workers"]) or 1
        size = part_size or partition_size(len(items), workers)
        bag = db.from_sequence(items, partition_size=size)
        run_id = parquet.new_run_id()
        parts = bag.map_partitions(_partition_task, str(root), run_id, max_mb, batch_size).to_delayed()
        futures = client.compute(parts)
        errors: list[tuple[int, object]] = []
        done: list[tuple[int, str, int]] = []
        for fut in as_completed(futures):
            for s in fut.result():
                errors += s["errors"]
                done += s["done"]
                summary.unchanged += len(s["unchanged"])
                summary.claims += s["claims"]
                summary.words += s["words"]
                summary.worker_cpu += s["cpu"]
                if on_progress:
                    on_progress(len(s["done"]) + len(s["unchanged"]) + len(s["errors"]), summary.claims, len(items))
        summary.extracted = len(done)
        summary.errors = [e for _, e in sorted(errors, key=lambda x: x[0])]
        stale = {known[src].article_id for _, src, _ in done if src in known}
        parquet.drop_articles(root, stale)
        meta = parquet.read_meta(root)
        meta["linked"] = meta.get("linked", False) and not done
        parquet.write_meta(root, meta)
        summary.seconds = time.perf_counter() - t0
        summary.linked = meta["linked"]
        if link_threshold is not None:
            from ..stores.linking import link_store

            summary.link = link_store(str(root), link_threshold, client=client)
            summary.linked = True
    except ClaimsError:
        raise
    except Exception as e:
        raise ClaimsError(f"the Dask run failed: {type(e).__name__}: {e}") from e
    finally:
        client.close()
        if lc is not None:
            lc.close()
    return summary
