"""A `kill -9` of `claims extract` takes its workers with it: forked
`--jobs` workers and a Dask run's local cluster alike. Nothing of the run
may be left holding memory once the parent is gone."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ARTICLE = "\n\n".join(
    f"Harbour engineer Liv Andersen{i} said the lock gates {i} would be replaced before winter. "
    f"“The old gates leak at every tide,” Andersen{i} said, adding that the works would cost {i} million."
    for i in range(40)) + "\n"


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for k in range(n):
        (folder / f"gates{k:02}.txt").write_text(ARTICLE.replace("lock", f"lock{k}"), encoding="utf-8")
    return folder


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def _kill_mid_run(cmd: list[str], started, n_children: int, timeout: float = 240) -> tuple[list, list]:
    """Run ``cmd`` in its own process group, wait until it has ``n_children``
    descendants and ``started()`` says work is under way, SIGKILL the parent
    alone, and return (its descendants then, those still alive 5 s later)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    kids: list = []
    try:
        deadline = time.time() + timeout
        while time.time() < deadline:
            time.sleep(0.2)
            assert proc.poll() is None, "the run ended before it could be killed: give it more work"
            kids = _descendants(proc.pid)
            if len(_alive(kids)) >= n_children and started():
                break
        else:
            pytest.fail(f"no {n_children} workers under way within {timeout} s")
        kids = _descendants(proc.pid)        # whatever it started by now
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.time() + 5
        while _alive(kids) and time.time() < deadline:
            time.sleep(0.1)
        return kids, _alive(kids)
    finally:
        for p in _alive(kids):               # never leave them to the next test
            p.kill()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.slow
def test_kill_9_of_a_jobs_2_extract_leaves_no_worker(tmp_path):
    folder = _corpus(tmp_path / "in", 24)
    db = tmp_path / "c.db"

    def started() -> bool:              # the workers are analysing: articles reach the store
        import sqlite3
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            try:
                return con.execute("SELECT count(*) FROM articles").fetchone()[0] >= 2
            finally:
                con.close()
        except sqlite3.Error:
            return False

    kids, left = _kill_mid_run([sys.executable, "-m", "claimcli.cli", "extract", str(folder), "--db", str(db),
                                "-q", "-f", "jsonl", "--jobs", "2"], started, n_children=2)
    assert len(kids) >= 2
    assert left == [], f"still running 5 s after the parent's SIGKILL: {[(p.pid, p.name()) for p in left]}"


@pytest.mark.scale
def test_kill_9_of_a_dask_extract_leaves_no_worker(tmp_path):
    pytest.importorskip("distributed")
    folder = _corpus(tmp_path / "in", 24)
    out = tmp_path / "parquet"

    def started() -> bool:              # a partition's parts are written: the workers are under way
        return any((out / "parts" / "claims").glob("*.parquet")) if (out / "parts" / "claims").is_dir() else False

    kids, left = _kill_mid_run([sys.executable, "-m", "claimcli.cli", "extract", str(folder), "--engine", "dask",
                                "--output", str(out), "--jobs", "2", "-q"], started, n_children=2)
    assert len(kids) >= 2
    assert left == [], f"still running 5 s after the client's SIGKILL: {[(p.pid, p.name()) for p in left]}"
