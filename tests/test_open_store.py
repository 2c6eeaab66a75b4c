"""One way to open a store (``stores.open_store``), one protocol both kinds
answer (``ClaimStore``), the same answers from both, a read that never
writes, and library errors that name no flag while the CLI still does.

The two stores are written here from the same claims of our own (no spaCy,
no Dask): the SQLite one as ``claims extract`` writes it, the Parquet one as
the Dask engine's workers write parts and ``claims link`` builds its tables.
The tests that need the Parquet side (pyarrow, DuckDB: ``claims[scale]``)
are marked ``scale``; the SQLite ones run without the extra.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.errors import StoreError
from claimcli.models import Article, Claim, Evidence, Labelling
from claimcli.stores import ClaimStore, NoStore, NotAStore, ReadOnlyStore, open_store
from claimcli.stores import queries
from claimcli.stores.sqlite import SCHEMA_VERSION, NeedsMigration, Store

ROOT = Path(__file__).resolve().parent.parent
LAB = Labelling("russia-armenia", "f00d", "claims test; no pipeline")
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


# ---- the same claims in both stores -----------------------------------------

def _articles():
    """Three articles of our own, with outlets and dates, speakers who recur
    by surname, a joint claim, an unnamed source and reasons with evidence.
    Built anew for each store (writing fills in the claims)."""
    said = {
        "harbour.txt": ("Tidewater Gazette", "2024-03-02", [
            ("The ferry levy is unfair to islanders.", "Ines Okafor", "harbour master", "critical", ["fees"]),
            ("Cargo volumes fell in winter.", None, None, "neutral", []),
            ("The pier budget is sound.", "Brandt", None, "supportive", ["budget"]),
            ("The council ignored the fishers.", "a senior official", None, "critical", ["process"]),
        ]),
        "council.txt": ("Valley Courier", "2024-04-11", [
            ("Okafor misread the budget tables.", "Okafor", None, "supportive", ["fees", "budget"]),
            ("The new pier opens in May.", "Tom Brandt and Ada Brandt", "councillors", "neutral", []),
            ("Residents were never consulted.", "a senior official", "at the ministry", "critical", ["process"]),
        ]),
        "letters.txt": ("", "", [
            ("The toll doubles the cost of a school run.", "Ada Brandt", "mayor", "critical", ["fees"]),
        ]),
    }
    out = []
    for name, (outlet, published, lines) in said.items():
        text = "\n".join(t for t, *_ in lines)
        art = Article(name=name, path=f"/virtual/{name}", text=text, outlet=outlet, published=published)
        claims, pos = [], 0
        for t, speaker, role, stance, reasons in lines:
            words = t.rstrip(".").split()
            at = lambda i: pos + t.index(words[i])
            # the first reason's evidence: the second word (and the third, in a long claim); the
            # stance's cue: the last word (and the one before it)
            many = (1, 2) if len(words) > 8 else (1,)
            ev = [Evidence(r, words[i], at(i), at(i) + len(words[i])) for r in reasons[:1] for i in many]
            if stance != "neutral":
                ev += [Evidence(f"stance:{stance}", words[-i], at(-i), at(-i) + len(words[-i]), role=f"conduct {i}")
                       for i in many]
            c = Claim(**art.claim_fields(), text=t, start=pos, end=pos + len(t), speaker=speaker, speaker_role=role,
                      attribution="reported" if speaker else "author", stance=stance, reasons=list(reasons),
                      evidence=ev, cue="said" if speaker else None)
            claims.append(c)
            pos += len(t) + 1
        out.append((art, claims))
    return out


def _sqlite(path: Path) -> str:
    with Store(str(path)) as store:
        for art, claims in _articles():
            store.write_article(art, claims, None, LAB)
    return str(path)


def _parquet(folder: Path) -> str:
    from claimcli.stores import linking, parquet

    root = parquet.create(folder)
    rows = {kind: [] for kind in parquet.KINDS}
    for aid, (art, claims) in enumerate(_articles(), 1):
        rows["articles"].append(parquet.article_row(art, aid, "2024-05-01T00:00:00+00:00", LAB))
        for seq, c in enumerate(claims):
            rows["claims"].append(parquet.claim_row(c, aid, seq))
            rows["reasons"].extend(parquet.reason_rows(c, aid, seq))
    for kind in ("claims", "reasons", "articles"):
        parquet.write_part(str(root), kind, "run-00000", rows[kind])
    linking.link_store(str(root))
    return str(root)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("both")
    return _sqlite(tmp / "c.db"), _parquet(tmp / "pq")


def _answers(store) -> dict:
    """What every reader returns, as plain data."""
    F = queries.Filters
    out = {"query": [c.record() for c in queries.query(store, F())],
           "query --speaker okafor": [c.id for c in queries.query(store, F(speaker="okafor"))],
           "query --outlet, --since": [c.id for c in queries.query(store, F(outlet="valley courier", since="2024-04"))],
           "speakers": queries.speakers(store, ["critical", "neutral", "supportive"]),
           "speakers --background": queries.speakers(store, background=True),
           "reasons": list(queries.reason_rows(store)),
           "records": list(queries.claim_records(store)),
           "clusters": queries.clusters(store, min_size=1),
           "articles": store.articles(), "labellings": store.labellings(), "labelled_with": store.labelled_with(),
           "counts": {k: v for k, v in store.counts().items() if k in ("articles", "claims", "speakers")},
           "titles": queries.article_titles(store), "roles": queries.speaker_roles(store),
           "places": queries.claim_places(store, F()),
           "review": [c.id for c in store.to_review()], "corrections": store.corrections()}
    for rows, cols in (("speaker", "stance"), ("reason", "article"), ("outlet", "stance"), ("month", "reason"),
                       ("year", "speaker")):
        for f in (F(), F(stance="critical")):
            t = queries.compare(store, rows, cols, f)
            out[f"compare {rows} {cols} {f.stance}"] = (t.row_labels, t.col_labels, t.counts, t.row_totals)
    return out


@pytest.mark.scale
def test_both_stores_are_claim_stores_and_give_the_same_answers(both):
    db, pq = both
    with open_store(db) as lite, open_store(pq) as duck:
        assert type(lite).__name__ == "Store" and type(duck).__name__ == "ParquetStore"
        assert isinstance(lite, ClaimStore) and isinstance(duck, ClaimStore)
        ours, theirs = _answers(lite), _answers(duck)
    assert ours == theirs
    # and they hold what was written: a surname joins its one full name, a
    # full name upgrades an earlier lone surname, a joint claim counts for
    # each person, an unnamed source is one per article
    assert [(r["speaker"], r["claims"], r["aliases"]) for r in ours["speakers"]] == [
        ("Ada Brandt", 2, []), ("Ines Okafor", 2, ["Okafor"]), ("Tom Brandt", 2, ["Brandt", "Tom Brandt and Ada Brandt"]),
        ("a senior official (council.txt)", 1, ["a senior official"]),
        ("a senior official (harbour.txt)", 1, ["a senior official"])]
    assert ours["compare outlet stance ()"][2] == {
        ("Tidewater Gazette", "critical"): 2, ("Tidewater Gazette", "neutral"): 1, ("Tidewater Gazette", "supportive"): 1,
        ("Valley Courier", "critical"): 1, ("Valley Courier", "neutral"): 1, ("Valley Courier", "supportive"): 1,
        ("(no outlet)", "critical"): 1}
    assert [(r["reason"], r["evidence"], r["stance_why"]) for r in ours["reasons"]] == [
        ("fees", "ferry", "islanders (conduct 1)"), ("budget", "pier", "sound (conduct 1)"),
        ("process", "council", "fishers (conduct 1)"), ("fees", "misread", "tables (conduct 1)"),
        ("budget", None, "tables (conduct 1)"), ("process", "were", "consulted (conduct 1)"),
        ("fees", "toll | doubles", "run (conduct 1); school (conduct 2)")]


@pytest.mark.scale
def test_a_parquet_store_refuses_every_change_in_words_of_its_own(both):
    _, pq = both
    with pytest.raises(ReadOnlyStore, match="written by the Dask engine alone, and opens for reading only"):
        open_store(pq, readonly=False)
    with open_store(pq) as store:
        for change in (lambda: store.correct("x", {"stance": "neutral"}), lambda: store.remove("/virtual/a.txt"),
                       lambda: store.merge_speakers([1], 2), lambda: store.split_speaker("Okafor")):
            with pytest.raises(ReadOnlyStore):
                change()
    res = run("correct", "abcd", "--stance", "neutral", "--db", pq)
    assert res.exit_code == 1
    assert res.stderr == (f"Error: {pq}: a Parquet store is written by the Dask engine alone, and opens for reading "
                          f"only (extract into it with --engine dask --output {pq}); remove, correct, review and "
                          "speakers merge/split work on a SQLite store\n")


@pytest.mark.scale
def test_the_protocol_is_what_both_stores_define():
    """Without a store at hand: every member of the protocol is on each class
    (``path`` and ``db`` are set when one opens)."""
    from claimcli.stores.duckdb import ParquetStore

    members = {n for n in vars(ClaimStore) if not n.startswith("_")} | set(ClaimStore.__annotations__) \
        | {"__enter__", "__exit__"}
    assert {"claims", "claim_rows", "dialect", "labelled_with", "correct", "close"} <= members
    for cls in (Store, ParquetStore):
        assert {m for m in members - {"path", "db"} if not hasattr(cls, m)} == set(), cls.__name__


# ---- opening: which store, and errors that say what is wrong ------------------

def test_open_store_names_what_is_wrong_in_words_without_flags(tmp_path):
    (tmp_path / "notes.txt").write_text("Not a database at all.\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    cases = [(tmp_path / "missing.db", NoStore, "no claim store here"),
             (tmp_path / "notes.txt", NotAStore, "not a SQLite database; refusing to overwrite it"),
             (tmp_path / "folder", NotAStore, "is a folder, not a claim store")]
    for path, kind, words in cases:
        with pytest.raises(kind) as e:
            open_store(str(path))
        assert str(e.value) == f"{path}: {words}"
        assert "--" not in str(e.value) and "`" not in str(e.value)
    with pytest.raises(NotAStore):
        open_store(str(tmp_path / "notes.txt"), readonly=False)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "Not a database at all.\n"
    assert not (tmp_path / "missing.db").exists()          # a reading open created nothing


@pytest.mark.parametrize("where,said", [
    ("missing.db", "no claim store here; run `claims extract` first or pass --db"),
    ("notes.txt", "not a SQLite database; refusing to overwrite it (choose another --db)"),
])
def test_the_cli_adds_the_flag_that_fixes_it(tmp_path, where, said):
    (tmp_path / "notes.txt").write_text("Not a database at all.\n", encoding="utf-8")
    for args in (("query",), ("speakers",), ("export", "claims"), ("corrections",), ("articles",)):
        res = run(*args, "--db", tmp_path / where)
        assert res.exit_code == 1, args
        assert res.stderr == f"Error: {tmp_path / where}: {said}\n", args


@pytest.mark.scale
def test_link_and_the_dask_output_keep_their_hints(tmp_path):
    (tmp_path / "plain").mkdir()
    res = run("link", tmp_path / "plain")
    assert res.stderr == f"Error: {tmp_path / 'plain'}: not a Parquet claim store (made by `claims extract --engine dask --output DIR`)\n"
    from claimcli.stores import EmptyStore, NotAFolder, linking, parquet

    parquet.create(tmp_path / "empty")
    with pytest.raises(EmptyStore, match=r"holds no claims yet$"):
        linking.link_store(str(tmp_path / "empty"))
    res = run("link", tmp_path / "empty")
    assert res.stderr == (f"Error: {tmp_path / 'empty'}: holds no claims yet; run `claims extract --engine dask "
                          f"--output {tmp_path / 'empty'}` first\n")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(NotAFolder, match=r"is a file, not a folder for a Parquet store$"):
        parquet.create(tmp_path / "file")


def test_opening_a_sqlite_store_imports_neither_duckdb_nor_pyarrow(tmp_path):
    db = _sqlite(tmp_path / "c.db")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    read = ("import sys\nfrom claimcli.stores import open_store, queries\n"
            "with open_store(sys.argv[1]) as s:\n    print(len(queries.query(s, queries.Filters())))\n")
    out = subprocess.run([sys.executable, "-c", read + "print('duckdb' in sys.modules, 'pyarrow' in sys.modules)", db],
                         capture_output=True, text=True, env=env, check=True).stdout.split()
    assert out == ["8", "False", "False"]


@pytest.mark.scale
def test_the_parquet_readers_module_makes_no_connection_when_imported():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", "import claimcli.stores.duckdb as d; print(d._names.cache_info().currsize)"],
                         capture_output=True, text=True, env=env, check=True).stdout.split()
    assert out == ["0"]


# ---- a read-only store never writes -------------------------------------------

def _state(folder: Path) -> dict:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


def test_reading_leaves_the_store_and_its_folder_as_they_were(tmp_path):
    db = _sqlite(tmp_path / "c.db")
    before = _state(tmp_path)
    assert list(before) == ["c.db"]
    with Store(db, readonly=True) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"      # as the writer left it
        assert len(queries.query(store, queries.Filters())) == 8
        list(queries.reason_rows(store))
        queries.compare(store, "speaker", "reason", queries.Filters(stance="critical"))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM corrections")
        with pytest.raises(StoreError, match="opened read-only"):
            store.correct(queries.query(store, queries.Filters())[0].id, {"stance": "neutral"})
    assert _state(tmp_path) == before                   # no -wal, no -shm, the same bytes and time
    # while a writer has it open, a reader leaves the writer's files as they are
    writer = Store(db)
    with Store(db, readonly=True) as store:
        assert len(store.claims()) == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.db", "c.db-shm", "c.db-wal"]
    writer.close()
    assert _state(tmp_path) == before


def test_a_read_only_store_of_an_older_schema_is_not_migrated_behind_its_back(tmp_path):
    from test_store import _schema_2_store       # a store as an earlier release left it

    path = tmp_path / "old.db"
    _schema_2_store(path)
    before = _state(tmp_path)
    with pytest.raises(NeedsMigration, match=rf"schema 2 needs migrating to {SCHEMA_VERSION} before it is read"):
        Store(str(path), readonly=True)
    assert _state(tmp_path) == before
    # a reading command asks for the migration in the open (``open_store(migrate=True)``), then reads
    with open_store(str(path), migrate=True) as store:
        assert [c.speaker for c in queries.query(store, queries.Filters(speaker="brandt"))] == ["Zoë Brandt"]
    with Store(str(path), readonly=True) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


# ---- the rules with two homes, checked against each other ---------------------

def test_role_learning_is_sqlites_lower_case_comparison():
    """``identity.fuller_role`` replaced an SQL condition; stores written
    before it must learn roles as they did: SQLite's lower() folds ASCII only."""
    from claimcli.stores.identity import fuller_role

    con = sqlite3.connect(":memory:")
    pairs = [(None, "mayor"), ("mayor", "deputy mayor"), ("Mayor", "Deputy MAYOR"), ("mayor", "mayor"),
             ("deputy mayor", "mayor"), ("président", "vice-PRÉSIDENT"), ("PRÉSIDENT", "vice-président"),
             ("Ärztin", "leitende ärztin"), ("", "chief"), ("chief", ""), ("chief", None)]
    for old, new in pairs:
        sql = con.execute("SELECT ? IS NOT NULL AND ? != '' AND (? IS NULL OR (length(?) > length(?) "
                          "AND instr(lower(?), lower(?)) > 0))", (new, new, old, new, old, new, old)).fetchone()[0]
        assert fuller_role(old, new) == bool(sql), (old, new)


def test_the_replayed_speakers_are_the_stores_own(tmp_path):
    """The in-memory directory (``claims link``) and the SQLite table make
    the same people, names, roles, scopes and aliases from the same claims."""
    from claimcli.models import people_of
    from claimcli.stores.identity import Speakers

    db = _sqlite(tmp_path / "c.db")
    replay = Speakers()
    for art, claims in _articles():
        for c in claims:
            if c.speaker:
                replay.ids_of(c.speaker, people_of(c.speaker), c.speaker_role, (art.key, art.name))
    con = sqlite3.connect(db)
    assert [tuple(r) for r in con.execute("SELECT id, name, role, scope FROM speakers ORDER BY id")] == [
        (i + 1, n, r, s) for i, (n, r, s) in enumerate(zip(replay.names, replay.roles, replay.scopes))]
    assert sorted(con.execute("SELECT speaker_id, alias FROM speaker_aliases")) == sorted(
        (i + 1, a) for i, al in enumerate(replay.aliases) for a in al)


def _open_when_all_are_ready(path, start):
    start.wait()
    try:
        Store(path).db.close()
    except StoreError as e:
        print(e, file=sys.stderr)
        os._exit(1)


def test_extractions_that_start_together_on_a_new_store_all_open_it(tmp_path):
    # SQLite answers all but one switch of a new file to WAL with "database is
    # locked" at once, not after the busy timeout: CI saw two extractions fail so
    fork = multiprocessing.get_context("fork")
    exits = []
    for n in range(30):
        start = fork.Barrier(3)
        procs = [fork.Process(target=_open_when_all_are_ready, args=(str(tmp_path / f"shared{n}.db"), start))
                 for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        exits += [p.exitcode for p in procs]
    assert exits == [0] * 90
