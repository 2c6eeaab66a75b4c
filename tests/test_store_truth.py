"""The store tells the truth (issue 13): which article a claim comes from,
which profile labelled it, counts a user can reproduce, a batch that goes
on past a missing path, standard input with a name. Each through the CLI
(CliRunner over a real SQLite file) and through the Python API."""

import csv
import io
import json
import shlex
import shutil
import sqlite3
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.pipeline.extract import extract_into
from claimcli.pipeline.info import info
from claimcli.stores.sqlite import Store

pytestmark = pytest.mark.slow

runner = CliRunner()
PROFILES = Path(__file__).parent.parent / "data" / "profiles"
SAMPLES = Path(__file__).parent.parent / "data" / "samples"

WIRE = """Toll Plan Divides Traders

Council leader Ada Moreno said the congestion charge had cut traffic in the old town.

“The toll is a disaster for small business,” said Ivo Petrak, who runs a bakery on the ring road.

Buses will run every ten minutes once the toll starts.
"""


def run(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def jsonl(output):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture()
def syndicated(tmp_path):
    """One story, the same bytes, in two outlets' folders (syndicated copy:
    stored twice only with --allow-copies, as these tests ask)."""
    for outlet in ("nyt", "wapo"):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "x.txt").write_text(WIRE, encoding="utf-8")
    return tmp_path


# ---- 1. two files with one name ----------------------------------------

def test_two_same_named_files_keep_their_own_claims_through_the_cli(syndicated):
    db = syndicated / "c.db"
    res = run("extract", syndicated / "nyt", syndicated / "wapo", "-f", "jsonl", "--db", db, "-p", "congestion-charge",
              "--allow-copies")
    assert res.exit_code == 0, res.stderr
    rows = jsonl(res.stdout)
    by_article = defaultdict(list)
    for r in rows:
        by_article[r["article"]].append(r)
    assert sorted(by_article) == ["nyt/x.txt", "wapo/x.txt"]
    nyt, wapo = by_article["nyt/x.txt"], by_article["wapo/x.txt"]
    assert [r["text"] for r in nyt] == [r["text"] for r in wapo] and len(nyt) == 4
    assert {r["article_key"] for r in nyt} == {str((syndicated / "nyt" / "x.txt").resolve())}
    assert not {r["id"] for r in nyt} & {r["id"] for r in wapo}
    # the second outlet's claims repeat the first's, never themselves
    assert [r["duplicate_of"] for r in wapo] == [r["id"] for r in nyt]
    assert all(r["duplicate_of"] is None for r in nyt)
    con = sqlite3.connect(db)
    assert con.execute("SELECT a.name, count(c.id) FROM articles a JOIN claims c ON c.article_id = a.id "
                       "GROUP BY a.id ORDER BY a.name").fetchall() == [("nyt/x.txt", 4), ("wapo/x.txt", 4)]
    cells = jsonl(run("compare", "--rows", "article", "--cols", "stance", "--db", db, "-f", "jsonl",
                      "--background").stdout)
    totals = defaultdict(int)
    for cell in cells:
        totals[cell["article"]] += cell["claims"]
    assert dict(totals) == {"nyt/x.txt": 4, "wapo/x.txt": 4}
    # the same bytes at the same paths: the same ids
    again = run("extract", syndicated / "nyt", syndicated / "wapo", "-f", "jsonl", "--db", syndicated / "2.db",
                "-p", "congestion-charge", "--allow-copies")
    assert [r["id"] for r in jsonl(again.stdout)] == [r["id"] for r in rows]


def test_two_same_named_files_through_the_python_api(syndicated, nlp):
    with Store(str(syndicated / "c.db")) as store:
        results = list(extract_into(store, [str(syndicated / "nyt"), str(syndicated / "wapo")], nlp=nlp,
                                    profile="congestion-charge", allow_copies=True))
        assert [r.article.name for r in results] == ["nyt/x.txt", "wapo/x.txt"]
        first, second = (r.claims for r in results)
        assert [c.duplicate_of for c in second] == [c.id for c in first]
        stored = store.db.execute("SELECT count(*), count(DISTINCT article_id) FROM claims").fetchone()
        assert tuple(stored) == (8, 2)


def test_a_later_run_names_a_same_named_file_by_its_folder(syndicated, nlp):
    with Store(str(syndicated / "c.db")) as store:
        (one,) = extract_into(store, [str(syndicated / "nyt")], nlp=nlp, profile="congestion-charge")
        (two,) = extract_into(store, [str(syndicated / "wapo")], nlp=nlp, profile="congestion-charge",
                              allow_copies=True)
        assert (one.article.name, two.article.name) == ("x.txt", "wapo/x.txt")
        counts = store.db.execute("SELECT count(*) FROM claims GROUP BY article_id").fetchall()
        assert [tuple(r) for r in counts] == [(4,), (4,)]


# ---- 2. the profile that labelled the store ----------------------------

def _profile_copy(tmp_path):
    path = tmp_path / "toll.toml"
    shutil.copy(PROFILES / "congestion-charge.toml", path)
    return path


def test_an_edited_profile_relabels_unchanged_bytes(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text(WIRE, encoding="utf-8")
    prof, db = _profile_copy(tmp_path), tmp_path / "c.db"
    first = run("extract", tmp_path / "in", "-f", "jsonl", "--db", db, "-p", prof, "-v")
    bus = [r for r in jsonl(first.stdout) if r["text"].startswith("Buses")]
    assert bus[0]["reasons"] == []
    with prof.open("a", encoding="utf-8") as f:
        f.write('\n[reasons.bus_service]\nlabel = "Bus service"\ndescription = "How often buses run."\n'
                'patterns = ["bus * run"]\n')
    second = run("extract", tmp_path / "in", "-f", "jsonl", "--db", db, "-p", prof, "-v")
    assert second.exit_code == 0, second.stderr
    assert f"{tmp_path / 'in' / 'x.txt'}: re-labelled: the profile changed" in second.stderr.splitlines()
    assert [r["reasons"] for r in jsonl(second.stdout) if r["text"].startswith("Buses")] == [["bus_service"]]
    stored = sqlite3.connect(db).execute("SELECT reasons FROM claims WHERE text LIKE 'Buses%'").fetchall()
    assert stored == [('["bus_service"]',)]
    # unchanged again: nothing re-labelled
    third = run("extract", tmp_path / "in", "-f", "jsonl", "--db", db, "-p", prof, "-v")
    assert "re-labelled" not in third.stderr and jsonl(third.stdout) == jsonl(second.stdout)
    # another article, then another edit, and a run over the first one only: the other is named stale
    (tmp_path / "y.txt").write_text("Ivo Petrak said the toll was fair.\n", encoding="utf-8")
    assert run("extract", tmp_path / "y.txt", "--db", db, "-p", prof, "-q").exit_code == 0
    prof.write_text(prof.read_text(encoding="utf-8").replace('"bus * run"', '"bus * run|leave"'), encoding="utf-8")
    fourth = run("extract", tmp_path / "in", "--db", db, "-p", prof, "-f", "jsonl")
    assert fourth.stderr.splitlines()[-1] == (
        f"Note: 1 other article(s) in {db} were labelled by an earlier version of profile 'congestion-charge' "
        "or another pipeline; extract them again to re-label them")


def test_a_second_profile_on_one_store_is_a_clear_error(tmp_path):
    (tmp_path / "x.txt").write_text(WIRE, encoding="utf-8")
    db = tmp_path / "c.db"
    assert run("extract", tmp_path / "x.txt", "--db", db, "-p", "congestion-charge", "-q").exit_code == 0
    before = sqlite3.connect(db).execute("SELECT id, stance, reasons FROM claims ORDER BY id").fetchall()
    res = run("extract", tmp_path / "x.txt", "--db", db, "-p", "russia-armenia")
    assert res.exit_code == 1
    assert res.stderr == (f"Error: {db}: its claims are labelled with profile 'congestion-charge', not "
                          f"'russia-armenia'; one store holds one topic's stances and reasons. Extract into another "
                          f"store (--db NEW.db) for 'russia-armenia', or pass --profile congestion-charge\n")
    assert sqlite3.connect(db).execute("SELECT id, stance, reasons FROM claims ORDER BY id").fetchall() == before
    # info names the profile that labelled the store, not the default
    data = json.loads(run("info", "--db", db, "-f", "json").stdout)
    assert data["profile"].startswith("congestion-charge (")
    assert [(r["profile"], r["articles"]) for r in data["store"]["labelled_by"]] == [("congestion-charge", 1)]
    # and the reading commands label with it: its reason ids are known without --profile
    assert run("query", "--reason", "traffic", "--db", db, "-f", "jsonl").exit_code == 0


def test_the_profile_is_recorded_through_the_python_api(tmp_path, nlp):
    (tmp_path / "x.txt").write_text(WIRE, encoding="utf-8")
    prof = _profile_copy(tmp_path)
    db = str(tmp_path / "c.db")
    with Store(db) as store:
        (res,) = extract_into(store, [str(tmp_path / "x.txt")], nlp=nlp, profile=str(prof))
        assert res.status == "new"
        (labelled,) = store.labellings()
        assert (labelled["profile"], labelled["profile_path"], labelled["articles"]) == ("congestion-charge",
                                                                                          str(prof), 1)
        (res,) = extract_into(store, [str(tmp_path / "x.txt")], nlp=nlp, profile=str(prof))
        assert (res.status, res.cached) == ("current", True)
        prof.write_text(prof.read_text(encoding="utf-8").replace('"toll", ', ""), encoding="utf-8")
        run_ = extract_into(store, [str(tmp_path / "x.txt")], nlp=nlp, profile=str(prof))
        (res,) = run_
        assert (res.status, res.cached) == ("profile", False)
        other_pipeline = replace(run_.labelling, pipeline="claims 0.0.1; en_core_web_sm 3.7.0")
        assert store.status(res.article, other_pipeline) == "pipeline"
        assert store.status(res.article, run_.labelling) == "current"
    assert info(db)["profile"] == f"congestion-charge ({prof})"


# ---- 3. counts a user can reproduce ------------------------------------

@pytest.fixture(scope="module")
def repeated_store(tmp_path_factory):
    """The sample articles and a copy of one under another name: clusters
    that span articles, so counting claims and counting clusters differ."""
    d = tmp_path_factory.mktemp("repeated")
    shutil.copytree(SAMPLES, d / "in")
    first = sorted((d / "in").iterdir())[0]
    (d / "in" / "zz_copy.txt").write_bytes(first.read_bytes())
    db = d / "claims.db"
    res = run("extract", d / "in", "--db", db, "-q", "-f", "jsonl")
    assert res.exit_code == 0, res.stderr
    return db


def test_compare_cells_equal_the_printed_query_and_the_csv(repeated_store):
    db = repeated_store
    cells = jsonl(run("compare", "--rows", "speaker", "--cols", "stance", "--db", db, "-f", "jsonl").stdout)
    out = run("export", "claims", "--db", db).stdout
    exported = [r for r in csv.DictReader(io.StringIO(out)) if r["background"] == "False"]
    by_cell = defaultdict(set)
    raw = defaultdict(int)
    for r in exported:   # a claim of several people counts for each of them
        people = r["speakers"].split(";") if ";" in r["speakers"] else [r["speaker_canonical"] or "(author)"]
        for person in people:
            key = (person, r["stance"])
            by_cell[key].add(r["cluster"])
            raw[key] += 1
    assert any(raw[(c["speaker"], c["stance"])] > c["claims"] for c in cells), "no cell with repeats"
    for cell in cells:
        args = shlex.split(cell["query"])
        assert args[:2] == ["claims", "query"] and "--unique" in args
        listed = jsonl(run(*args[1:], "-f", "jsonl").stdout)
        assert len(listed) == cell["claims"] == len(by_cell[(cell["speaker"], cell["stance"])]), cell


def test_reasons_csv_reproduces_the_reason_by_article_table(repeated_store):
    db = repeated_store
    table = list(csv.DictReader(io.StringIO(run("compare", "--rows", "reason", "--cols", "article", "--db", db,
                                                "-f", "csv").stdout)))
    rows = list(csv.DictReader(io.StringIO(run("export", "reasons", "--db", db).stdout)))
    clusters = defaultdict(set)
    for r in rows:
        if r["background"] == "False":
            clusters[(r["reason"], r["article"])].add(r["cluster"])
    assert table
    for line in table:
        for article, n in line.items():
            if article not in ("reason", "claims"):
                assert int(n) == len(clusters[(line["reason"], article)]), (line["reason"], article)


def test_the_table_says_what_it_counts(repeated_store):
    res = run("compare", "--rows", "speaker", "--cols", "stance", "--db", repeated_store)
    assert res.stderr == ("Counts are unique claims (a near-duplicate cluster once). The claims behind a cell: "
                          "claims query --unique --speaker ROW --stance COLUMN\n")


def test_export_filters_are_those_of_query(repeated_store):
    q = jsonl(run("query", "--attribution", "direct", "--contains", "russia", "--db", repeated_store,
                  "-f", "jsonl").stdout)
    e = jsonl(run("export", "claims", "--attribution", "direct", "--contains", "russia", "--db", repeated_store,
                  "-f", "jsonl").stdout)
    assert q and [r["id"] for r in e] == [r["id"] for r in q]
    u = jsonl(run("export", "claims", "--unique", "--attribution", "direct", "--db", repeated_store,
                  "-f", "jsonl").stdout)
    assert len({r["cluster"] for r in u}) == len(u)


# ---- 4. a missing path --------------------------------------------------

def test_a_missing_path_does_not_stop_the_python_api(tmp_path, nlp):
    (tmp_path / "x.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "y.txt").write_text("Ada Moreno said the buses were full.\n", encoding="utf-8")
    with Store(str(tmp_path / "c.db")) as store:
        run_ = extract_into(store, [str(tmp_path / "x.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "b")],
                            nlp=nlp, profile="congestion-charge")
        results = list(run_)
        assert [r.error for r in results] == [f"{tmp_path / 'missing.txt'}: no such file or folder", None, None]
        assert (run_.articles, run_.claims, run_.failed) == (2, 5, [results[0].error])
        assert store.counts()["articles"] == 2


# ---- 5. standard input --------------------------------------------------

def test_standard_input_gets_the_name_given(tmp_path):
    db = tmp_path / "c.db"
    res = run("extract", "-", "--name", "wire-0612.txt", "-f", "jsonl", "--db", db, "-p", "congestion-charge",
              input=WIRE)
    assert res.exit_code == 0, res.stderr
    assert {(r["article"], r["article_key"]) for r in jsonl(res.stdout)} == {("wire-0612.txt", "stdin:wire-0612.txt")}
    # the same name again with other text replaces that article
    run("extract", "-", "--name", "wire-0612.txt", "--db", db, "-p", "congestion-charge",
        input="Ivo Petrak said the toll was fair.\n")
    con = sqlite3.connect(db)
    assert con.execute("SELECT name, path FROM articles").fetchall() == [("wire-0612.txt", "stdin:wire-0612.txt")]
    out = run("export", "claims", "--db", db).stdout
    assert [r["article"] for r in csv.DictReader(io.StringIO(out))] == ["wire-0612.txt"]
    assert run("query", "--article", "wire-0612", "--db", db, "-f", "jsonl").stdout.count("\n") == 1
