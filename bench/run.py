"""``make bench``: speed and memory figures, each against a baseline measured
in the same run on the same machine, so a noisy machine moves both sides.

    python bench/run.py [--only throughput,jobs,help,store,memory,dedup,report,dask,link,parquet,huge] [--quick]

``dask``, ``link`` and ``parquet`` need the extra claims[scale]; ``dask``
runs on PolNeAR train (../shared/corpus/polnear/train/text, or
$CLAIMS_BENCH_CORPUS) unless --quick.

Every measurement runs in a child process: wall time is taken around it and
peak memory comes from ``os.wait4`` for that child. So does the work that
makes the big inputs (stores, parts): Linux starts a child's peak RSS at its
parent's, so this process stays small.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import synth  # noqa: E402

PY = sys.executable
CLAIMS = [PY, "-m", "claimcli.cli"]


# ---- running children ----------------------------------------------------

def measure(cmd: list[str], *, env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MiB, and standard output of one child.
    Both outputs go to files, read once the child is gone: a pipe nobody
    reads while we wait would fill (64 KB) and block the child. The peak
    starts from this process's own (Linux hands a parent's high-water RSS to
    the child it spawns), so everything big runs in a child, never here."""
    out, err_file = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=err_file, cwd=ROOT, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    err = _read(err_file)
    if p.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n{err}")
    return wall, usage.ru_maxrss / 1024, _read(out)


def _read(f) -> str:
    f.seek(0)
    return f.read().decode(errors="replace")


def measure_tree(cmd: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak RSS in MiB (summed over the child and
    its descendants, sampled every 0.2 s), and standard output of one child.
    CPU comes from ``os.wait4``: the child's own and that of the processes it
    waited for (forked ``--jobs`` workers, Dask's worker processes)."""
    import threading

    import psutil

    out, err_file = tempfile.TemporaryFile(), tempfile.TemporaryFile()     # files, not pipes (``measure``)
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=err_file, cwd=ROOT)
    peak, done = [0], threading.Event()

    def sample():
        try:
            root = psutil.Process(p.pid)
            while not done.wait(0.2):
                rss = 0
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        rss += proc.memory_info().rss
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], rss)
        except psutil.Error:
            pass

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, status, usage = os.wait4(p.pid, 0)
    done.set()
    th.join()
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{_read(err_file)}")
    return wall, usage.ru_utime + usage.ru_stime, peak[0] / 2**20, _read(out)


# ``claims extract`` as the figures run it on ``corpus``: every copy of a
# sample analysed, linked and stored, as an article of its own (without
# --allow-copies a copy is analysed, then skipped with a line on stderr, and
# the figures would time and size a store of five articles)
EXTRACT = CLAIMS + ["extract", "--allow-copies", "-q", "-f", "jsonl"]


def child(name: str, *args: str) -> list[str]:
    return [PY, str(Path(__file__).resolve()), "--child", name, *args]


def line(name: str, text: str, ratio: float, goal: str) -> None:
    print(f"{name:<11} {text}  ratio {ratio:.2f}  (goal {goal})", flush=True)


def corpus(folder: Path, copies: int, max_paragraphs: int | None = None) -> int:
    """The sample articles repeated ``copies`` times (distinct files); words.
    A copy has the bytes of its sample, which ``claims extract`` analyses but
    does not store unless ``--allow-copies`` (see ``EXTRACT``)."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    samples = sorted(synth.SAMPLES.glob("*.txt"))
    for i in range(copies):
        for s in samples:
            text = s.read_text(encoding="utf-8")
            if max_paragraphs:
                text = "\n\n".join([p for p in text.split("\n") if p.strip()][:max_paragraphs]) + "\n"
            (folder / f"{s.stem}_{i:04}.txt").write_text(text, encoding="utf-8")
            words += len(text.split())
    return words


# ---- the children ----------------------------------------------------------

def child_pipe(folder: str, n_process: str = "1") -> None:
    """The baseline: the same pipeline over the same paragraphs, nothing else."""
    from claimcli.nlp.pipeline import load_nlp

    nlp = load_nlp()
    paras = (p for f in sorted(Path(folder).glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n")
             if p.strip())
    n = sum(len(d) for d in nlp.pipe(paras, batch_size=64, n_process=int(n_process)))
    print(n)


def child_link(n: str, link: str) -> None:
    """Link ``n`` planted claims (or only generate them: the memory baseline)."""
    from claimcli.dedup.linker import Linker
    from claimcli.models import Claim

    planted = synth.planted_claims(int(n))
    claims = [Claim(article=f"a{i // 40}.txt", text=t, start=0, end=len(t), article_sha256=str(i))
              for i, t in enumerate(planted.texts)]
    if link != "yes":
        print(json.dumps({"n": len(claims)}))
        return
    t = time.perf_counter()
    linker = Linker()
    cluster: list[str] = []
    for at in range(0, len(claims), 40):      # articles of 40 claims
        part = claims[at:at + 40]
        links = linker.link(part)
        # ``Links`` (since 0ff4f22); before, link() set each claim's cluster
        cluster += [links.cluster(c.id) for c in part] if hasattr(links, "cluster") else [c.cluster for c in part]
    seconds = time.perf_counter() - t
    found = sum(cluster[d] == cluster[o] for d, o in planted.near.items())
    linked = [i for i, c in enumerate(claims) if cluster[i] != c.id]
    right = sum(i in planted.near and cluster[i] == cluster[planted.near[i]] for i in linked)
    print(json.dumps({"seconds": seconds, "recall": found / len(planted.near),
                      "precision": right / max(len(linked), 1), "planted": len(planted.near),
                      "apart": len(planted.apart)}))


def child_allpairs(n: str, sample: str) -> None:
    """The brute-force baseline: ``sample`` queries against all ``n`` claims
    with one cdist, extrapolated to all pairs."""
    from rapidfuzz import fuzz, process

    from claimcli.dedup.linker import normalise

    norms = [normalise(t) for t in synth.planted_claims(int(n)).texts]
    q = norms[:int(sample)]
    t = time.perf_counter()
    for at in range(0, len(q), 100):
        process.cdist(q[at:at + 100], norms, scorer=fuzz.ratio, processor=None, score_cutoff=90, workers=-1,
                      dtype="uint8")
    print(json.dumps({"seconds": (time.perf_counter() - t) * len(norms) / len(q)}))


def child_dask(folder: str, out: str, workers: str) -> None:
    """``claims extract --engine dask`` as the CLI runs it (extract, then link)."""
    from claimcli.pipeline import engine
    from claimcli.stores import linking as link

    s = engine.run([folder], out, n_workers=int(workers))
    t = time.perf_counter()
    link.link_store(out)
    print(json.dumps({"startup": s.startup, "words": s.words, "claims": s.claims, "extract": s.seconds,
                      "link": time.perf_counter() - t, "worker_cpu": s.worker_cpu, "errors": len(s.errors)}))


def child_batchlink(folder: str) -> None:
    from claimcli.stores.linking import link_store

    t = time.perf_counter()
    st = link_store(folder)
    print(json.dumps({"total": time.perf_counter() - t, "link": st.seconds, "claims": st.claims,
                      "distinct": st.distinct, "pairs": st.pairs, "links": st.links}))


def child_storequeries(db: str) -> None:
    """The store figure's reads, timed in this process (no start-up)."""
    from claimcli.stores.queries import Filters, compare, query
    from claimcli.stores.sqlite import Store

    with Store(db, readonly=True) as store:
        (typical, _), (heavy, _) = found = speakers_to_query(store.db)
        scan = timed(lambda: store.db.execute("SELECT count(*) FROM claims WHERE text LIKE '%zqzq%'").fetchone(), 3)
        q = timed(lambda: query(store, Filters(speaker=typical)))
        q_heavy = timed(lambda: query(store, Filters(speaker=heavy), limit=100))
        tables = {f"{r} x {c}" + (f" --limit {lim}" if lim else ""): timed(lambda: compare(store, r, c, limit=lim))
                  for r, c, lim in (("speaker", "stance", None), ("reason", "stance", None),
                                    ("article", "reason", 20), ("speaker", "reason", 20))}
    print(json.dumps({"typical": found[0], "heavy": found[1], "scan": scan, "q": q, "q_heavy": q_heavy,
                      "tables": tables}))


def child_pqqueries(db: str, folder: str) -> None:
    """The parquet figure's reads, on both stores, timed in this process."""
    from claimcli.stores.queries import Filters, compare, query
    from claimcli.stores.duckdb import ParquetStore
    from claimcli.stores.sqlite import Store

    results = {}
    for kind, store in (("sqlite", Store(db, readonly=True)), ("parquet", ParquetStore(folder))):
        with store:
            if kind == "sqlite":
                (typical, _), (heavy, _) = speakers_to_query(store.db)
            results[kind] = {
                f"query --speaker '{typical}'": timed(lambda: query(store, Filters(speaker=typical))),
                f"query --speaker '{heavy}' --limit 100": timed(lambda: query(store, Filters(speaker=heavy), limit=100)),
                "query --reason reason_03 --stance critical --limit 100":
                    timed(lambda: query(store, Filters(reason="reason_03", stance="critical"), limit=100)),
                "compare speaker x stance": timed(lambda: compare(store, "speaker", "stance")),
                "compare reason x stance": timed(lambda: compare(store, "reason", "stance")),
                "compare article x reason --limit 20": timed(lambda: compare(store, "article", "reason", limit=20)),
                "compare speaker x stance --stance critical": timed(lambda: compare(store, "speaker", "stance",
                                                                                    Filters(stance="critical"))),
            }
    print(json.dumps(results))


def child_parts(folder: str, n: str) -> None:
    synth.planted_parts(folder, int(n))


def child_bigstore(db: str, n: str) -> None:
    t = time.perf_counter()
    synth.big_store(db, int(n))
    print(json.dumps({"seconds": time.perf_counter() - t}))


def child_toparquet(db: str, folder: str) -> None:
    t = time.perf_counter()
    synth.parquet_from_store(db, folder)
    print(json.dumps({"seconds": time.perf_counter() - t}))


CHILDREN = {"pipe": child_pipe, "link": child_link, "allpairs": child_allpairs,
            "dask": child_dask, "batchlink": child_batchlink, "bigstore": child_bigstore, "toparquet": child_toparquet,
            "storequeries": child_storequeries, "pqqueries": child_pqqueries, "parts": child_parts}


# ---- the figures -----------------------------------------------------------

def timed(fn, runs: int = 5) -> float:
    """Median wall time of ``fn`` over ``runs`` calls: one slow call on a
    noisy machine does not move it."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_throughput(tmp: Path, quick: bool) -> None:
    folder = tmp / "throughput"
    words = corpus(folder, 4 if quick else 12)
    best_ours, best_bare = float("inf"), float("inf")
    for _ in range(1 if quick else 2):          # alternate, keep the best of each
        bare, _, _ = measure(child("pipe", str(folder)))
        ours, _, _ = measure(EXTRACT + [str(folder), "--db", str(tmp / f"t{random.random()}.db"), "--jobs", "1"])
        best_bare, best_ours = min(best_bare, bare), min(best_ours, ours)
    n = len(list(folder.glob("*.txt")))
    line("throughput", f"claims extract --jobs 1 {words / best_ours:,.0f} words/s vs bare nlp.pipe {words / best_bare:,.0f} "
         f"words/s ({n} articles, {words:,} words, model load included in both)", best_bare / best_ours, ">= 0.85")


def bench_jobs(tmp: Path, quick: bool) -> None:
    folder = tmp / "jobs"
    words = corpus(folder, 4 if quick else 16)
    times = {}
    for jobs in (1, 2):
        times[jobs], _, _ = measure(EXTRACT + [str(folder), "--db", str(tmp / f"jobs{jobs}.db"), "--jobs", str(jobs)])
    line("jobs", f"--jobs 2 {words / times[2]:,.0f} words/s vs --jobs 1 {words / times[1]:,.0f} words/s "
         f"({os.cpu_count()} cores)", times[1] / times[2], ">= 1.7")


def bench_help(tmp: Path, quick: bool) -> None:
    script = Path(PY).with_name("claims")
    cmd = [str(script)] if script.exists() else CLAIMS
    runs = 3 if quick else 9
    base = statistics.median(measure([PY, "-c", "import typer, rich"])[0] for _ in range(runs))
    ours = statistics.median(measure(cmd + ["--help"])[0] for _ in range(runs))
    line("help", f"claims --help {ours * 1000:.0f} ms vs python -c 'import typer, rich' {base * 1000:.0f} ms",
         ours / base, "<= 2.5")


_BIG: dict[int, tuple[Path, float]] = {}


def big_store(tmp: Path, n: int) -> tuple[Path, float]:
    """The generated store of ``n`` claims and the seconds it took to build,
    built once a run (``store`` and ``parquet`` read the same one), in a
    child: a child's peak RSS (``os.wait4``) starts from its parent's, so
    the parent stays small for the memory figures that come after."""
    if n not in _BIG:
        db = tmp / f"big{n}.db"
        _, _, out = measure(child("bigstore", str(db), str(n)))
        _BIG[n] = db, json.loads(out)["seconds"]
    return _BIG[n]


def speakers_to_query(db) -> tuple:
    """(name, claims) of a speaker with a few hundred claims and of the one
    with the most. Queried by full name, as a user asks for one person: the
    generated store has 20,000 people over 20,000 surnames drawn at random,
    so most surnames belong to several people (a surname alone is then
    ambiguous: a usage error since 2665ed9)."""
    return tuple(tuple(db.execute(
        f"SELECT s.name, count(*) AS n FROM claims c JOIN speakers s ON s.id = c.speaker_id GROUP BY s.id "
        f"ORDER BY {order}, s.id LIMIT 1").fetchone()) for order in ("abs(count(*) - 300)", "count(*) DESC"))


def bench_store(tmp: Path, quick: bool) -> None:
    n = 100_000 if quick else 1_000_000
    db, built = big_store(tmp, n)
    r = json.loads(measure(child("storequeries", str(db)))[2])
    (typical, n_typical), (heavy, n_heavy), scan, q, q_heavy, tables = (
        r[k] for k in ("typical", "heavy", "scan", "q", "q_heavy", "tables"))
    print(f"store       {n:,} generated claims (built in {built:.0f} s); a full scan of claims takes "
          f"{scan * 1000:.0f} ms", flush=True)
    line("query", f"query --speaker '{typical}' ({n_typical} claims) {q * 1000:.1f} ms; "
         f"--speaker '{heavy}' --limit 100 (of {n_heavy}) {q_heavy * 1000:.1f} ms; vs full scan",
         max(q, q_heavy) / scan, "<= 100 ms")
    line("compare", ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in tables.items()) + "; vs full scan",
         max(tables.values()) / scan, "<= 100 ms")


def bench_memory(tmp: Path, quick: bool) -> None:
    sizes = (20, 200) if quick else (100, 1000)
    peaks = {}
    for n in sizes:
        folder = tmp / f"mem{n}"
        corpus(folder, n // 5, max_paragraphs=8)
        _, peaks[n], _ = measure(EXTRACT + [str(folder), "--db", str(tmp / f"mem{n}.db"), "--jobs", "2"])
    a, b = sizes
    line("memory", f"peak RSS of claims extract: {b} articles {peaks[b]:.0f} MiB vs {a} articles {peaks[a]:.0f} MiB",
         peaks[b] / peaks[a], "flat, about 1.0")


def bench_dedup(tmp: Path, quick: bool) -> None:
    n = 20_000 if quick else 100_000
    wall, rss, out = measure(child("link", str(n), "yes"))
    base_wall, base_rss, _ = measure(child("link", str(n), "no"))
    r = json.loads(out)
    _, _, brute = measure(child("allpairs", str(n), "200"))
    brute_s = json.loads(brute)["seconds"]
    print(f"dedup       linking {n:,} claims ({r['planted']:,} planted near-duplicates, {r['apart']:,} negated or "
          f"renumbered copies): {r['seconds']:.1f} s (goal <= 30 s), +{rss - base_rss:.0f} MiB over generating them "
          f"(peak {rss:.0f} MiB, goal <= 2 GiB); recall {r['recall']:.4f} (goal >= 0.99), precision "
          f"{r['precision']:.4f}", flush=True)
    line("dedup", f"blocked linking {r['seconds']:.1f} s vs all-pairs cdist {brute_s:.0f} s (extrapolated from 200 rows)",
         r["seconds"] / brute_s, "far below 1")


def bench_report(tmp: Path, quick: bool) -> None:
    folder, db = tmp / "report", tmp / "report.db"
    corpus(folder, 4 if quick else 20)
    measure(EXTRACT + [str(folder), "--db", str(db), "--jobs", "2"])
    html = tmp / "report.html"
    runs = 3 if quick else 5
    ours = [measure(CLAIMS + ["report", "--db", str(db), "-o", str(html)]) for _ in range(runs)]
    base = [measure(CLAIMS + ["export", "claims", "--db", str(db), "-f", "jsonl", "-o", str(tmp / "all.jsonl")])
            for _ in range(runs)]
    wall, base_wall = statistics.median(w for w, _, _ in ours), statistics.median(w for w, _, _ in base)
    n = sum(1 for _ in (tmp / "all.jsonl").open(encoding="utf-8"))
    line("report", f"claims report {wall:.2f} s, {html.stat().st_size / 1e6:.1f} MB, peak {max(m for _, m, _ in ours):.0f} "
         f"MiB ({len(list(folder.iterdir()))} articles, {n:,} claims) vs claims export claims -f jsonl {base_wall:.2f} s",
         wall / base_wall, "<= 4")


def _words(folder: Path) -> int:
    return sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in folder.rglob("*.txt"))


def bench_dask(tmp: Path, quick: bool) -> None:
    polnear = Path(os.environ.get("CLAIMS_BENCH_CORPUS", ROOT.parent / "shared" / "corpus" / "polnear" / "train" / "text"))
    if quick or not polnear.is_dir():
        folder = tmp / "dask"
        corpus(folder, 4 if quick else 40)
        name = f"the sample articles x{4 if quick else 40}"
    else:
        folder, name = polnear, "PolNeAR train"
    words = _words(folder)
    n = len(list(folder.rglob("*.txt")))
    # --allow-copies: with the sample articles (--quick) the Dask engine stores every copy too
    j_wall, j_cpu, j_mem, _ = measure_tree(EXTRACT + [str(folder), "--db", str(tmp / "dask-jobs2.db"), "--jobs", "2"])
    d_wall, d_cpu, d_mem, out = measure_tree(child("dask", str(folder), str(tmp / "dask-out"), "2"))
    r = json.loads(out)
    per_k = lambda cpu: cpu / words * 1000
    print(f"dask        {name}: {n} articles, {words:,} words, {r['claims']:,} claims; LocalCluster 2 workers x 1 thread",
          flush=True)
    print(f"dask        --engine dask {words / d_wall:,.0f} words/s, {per_k(d_cpu):.3f} CPU-s per 1k words, "
          f"start-up {r['startup']:.1f} s, link {r['link']:.1f} s, peak memory {d_mem:.0f} MiB (all processes); "
          f"--jobs 2 {words / j_wall:,.0f} words/s, {per_k(j_cpu):.3f} CPU-s per 1k words, peak memory {j_mem:.0f} MiB",
          flush=True)
    import sqlite3

    import duckdb

    local = set(sqlite3.connect(tmp / "dask-jobs2.db").execute("SELECT id, stance, reasons, cluster FROM claims"))
    dask = set(duckdb.connect().execute(f"SELECT id, stance, reasons, cluster FROM "
                                        f"read_parquet('{tmp / 'dask-out' / 'tables' / 'claims.parquet'}')").fetchall())
    print(f"dask        the same claims, labels and clusters as --jobs 2: {'yes' if local == dask else 'NO'} "
          f"({len(dask):,} vs {len(local):,})", flush=True)
    parts, tables = (sum(f.stat().st_size for f in (tmp / "dask-out" / sub).rglob("*.parquet")) for sub in ("parts", "tables"))
    print(f"dask        Parquet written: parts {parts / words * 1000:,.0f} bytes and tables {tables / words * 1000:,.0f} "
          f"bytes per 1k words; SQLite store {(tmp / 'dask-jobs2.db').stat().st_size / words * 1000:,.0f} bytes", flush=True)
    line("dask", f"CPU-s per 1k words, Dask {per_k(d_cpu):.3f} vs --jobs 2 {per_k(j_cpu):.3f}", d_cpu / j_cpu, "<= 1.1")


def bench_link(tmp: Path, quick: bool) -> None:
    sizes = (10_000, 40_000) if quick else (25_000, 100_000, 400_000)
    for n in sizes:
        folder = tmp / f"link{n}"
        measure(child("parts", str(folder), str(n)))
        wall, _, rss, out = measure_tree(child("batchlink", str(folder)))
        r = json.loads(out)
        print(f"link        claims link on {r['claims']:,} claims ({r['distinct']:,} distinct texts): {wall:.1f} s "
              f"(linking {r['link']:.1f} s, the rest reading parts and writing tables), {r['pairs'] / r['claims']:.2f} "
              f"candidate pairs per claim, {r['links']:,} linked, peak {rss:.0f} MiB", flush=True)


def bench_parquet(tmp: Path, quick: bool) -> None:
    n = 100_000 if quick else 1_000_000
    (db, _), folder = big_store(tmp, n), tmp / "pq"
    built = json.loads(measure(child("toparquet", str(db), str(folder)))[2])["seconds"]

    results = json.loads(measure(child("pqqueries", str(db), str(folder)))[2])
    print(f"parquet     {n:,} generated claims, the same in SQLite and in Parquet (converted in {built:.0f} s)", flush=True)
    for k, pq_s in results["parquet"].items():
        sq = results["sqlite"][k]
        print(f"parquet     {k}: DuckDB over Parquet {pq_s * 1000:.1f} ms vs SQLite {sq * 1000:.1f} ms "
              f"({pq_s / sq:.2f}x)", flush=True)
    # DuckDB answers no query in under about a millisecond; below 5 ms a
    # ratio says nothing a user would notice, so those count as 5 ms
    floor = lambda s: max(s, 0.005)
    worst = max(floor(results["parquet"][k]) / floor(results["sqlite"][k]) for k in results["sqlite"])
    total = sum(results["parquet"].values()) / sum(results["sqlite"].values())
    line("parquet", f"all of these together {total:.2f}x; the slowest one (times under 5 ms as 5 ms), "
         f"Parquet vs SQLite", worst, "<= 2")


def bench_huge(tmp: Path, quick: bool) -> None:
    """One article of 5, 20 and 50 MB (``--max-size 60``): wall time and peak
    RSS of ``claims extract --jobs 1`` on each, against the smallest. Linear
    time keeps seconds per MB flat (ratio about 1.0); memory bounded by a
    section keeps the peak flat too."""
    sizes = (0.5, 1, 2) if quick else (5, 20, 50)
    runs = {}
    for mb in sizes:
        path = tmp / f"huge{mb:g}.txt"
        words = synth.huge_article(path, mb)
        wall, rss, _ = measure(CLAIMS + ["extract", str(path), "--max-size", "60", "--db", str(tmp / f"huge{mb:g}.db"),
                                         "-q", "-f", "jsonl", "--jobs", "1"])
        runs[mb] = (wall, rss, words)
        print(f"huge        {mb:g} MB article ({words:,} words): {wall:.0f} s ({wall / mb:.1f} s per MB, "
              f"{words / wall:,.0f} words/s), peak {rss:.0f} MiB", flush=True)
        path.unlink()
    a, b = sizes[0], sizes[-1]
    (wa, ra, _), (wb, rb, _) = runs[a], runs[b]
    line("huge", f"{b:g} MB: {wb / 60:.1f} min (goal <= 10 min), peak {rb:.0f} MiB (goal <= 2048); "
         f"seconds per MB at {b:g} MB vs at {a:g} MB", (wb / b) / (wa / a), "linear, about 1.0")
    line("huge", f"peak RSS at {b:g} MB {rb:.0f} MiB vs at {a:g} MB {ra:.0f} MiB", rb / ra,
         "bounded by a section, about 1.0")


FIGURES = {"throughput": bench_throughput, "jobs": bench_jobs, "help": bench_help, "store": bench_store,
           "memory": bench_memory, "dedup": bench_dedup, "report": bench_report, "dask": bench_dask,
           "link": bench_link, "parquet": bench_parquet, "huge": bench_huge}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        CHILDREN[sys.argv[2]](*sys.argv[3:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated figures: " + ",".join(FIGURES))
    ap.add_argument("--quick", action="store_true", help="smaller inputs, for trying the harness")
    args = ap.parse_args()
    names = args.only.split(",") if args.only else list(FIGURES)
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        ap.error(f"unknown figure(s): {', '.join(unknown)}")
    tmp = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    try:
        print(f"# claims bench: {os.cpu_count()} cores, python {sys.version.split()[0]}", flush=True)
        for name in names:
            FIGURES[name](tmp, args.quick)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
