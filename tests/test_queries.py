"""Reading the store through the CLI: speakers, query, compare, export.

Two stores: one built from articles written here (known speakers, known
counts), one from the bundled sample articles (real news text), where the
tests check that the commands agree with each other.
"""

import csv
import io
import json
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).parent.parent / "data" / "samples"

HARBOUR = """Port Fees Rise Again

Zoë Lindqvist, chief economist at the Baltic Shippers Association, said that the new fees would push cargo to rival ports.

“The fees are a tax on every ferry passenger,” Lindqvist said.

Port fees will rise by a fifth in March.

Port fees will rise by a fifth in March.
"""

FERRIES = """Ferry Operators Count the Cost

Lindqvist told reporters that two ferry lines had already cut sailings.

Marek Nowak, a harbour pilot, said the queues were shorter than last year.
"""

runner = CliRunner()


def run(*args, **kw):
    res = runner.invoke(app, [str(a) for a in args], **kw)
    return res


def jsonl(output):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def own_store(tmp_path_factory):
    d = tmp_path_factory.mktemp("own")
    (d / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (d / "ferries.txt").write_text(FERRIES, encoding="utf-8")
    db = d / "claims.db"
    res = run("extract", d, "--db", db, "-q", "-f", "jsonl")
    assert res.exit_code == 0, res.stderr
    return db


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("samples") / "claims.db"
    res = run("extract", SAMPLES, "--db", db, "-q", "-f", "jsonl")
    assert res.exit_code == 0, res.stderr
    return db


def test_one_speaker_across_articles(own_store):
    rows = jsonl(run("speakers", "--db", own_store, "-f", "jsonl").stdout)
    (zoe,) = [r for r in rows if "Lindqvist" in r["speaker"]]
    assert zoe["speaker"] == "Zoë Lindqvist"
    assert zoe["role"] == "chief economist at the Baltic Shippers Association"
    assert zoe["articles"] == 2 and zoe["claims"] == 3


@pytest.mark.parametrize("name", ["Zoë Lindqvist", "zoe lindqvist", "LINDQVIST", "Lindqvist"])
def test_query_by_full_name_or_surname_case_and_accents_aside(own_store, name):
    res = run("query", "--speaker", name, "--db", own_store, "-f", "jsonl")
    assert res.exit_code == 0, res.stderr
    rows = jsonl(res.stdout)
    # the store's one name for her; each claim keeps what its article says
    assert {r["speaker_canonical"] for r in rows} == {"Zoë Lindqvist"}
    assert {(r["article"], r["speaker"]) for r in rows} == {("harbour.txt", "Zoë Lindqvist"), ("ferries.txt", "Lindqvist")}
    assert len(rows) == 3


def test_unknown_speaker_names_the_nearest(own_store):
    res = run("query", "--speaker", "Lindkvist", "--db", own_store)
    assert res.exit_code == 2                 # a usage error
    assert res.stderr.strip() == "Error: no speaker matches 'Lindkvist'; did you mean: Zoë Lindqvist?"
    assert res.stdout == ""


def test_query_filters_combine(own_store):
    rows = jsonl(run("query", "--article", "ferries", "--attribution", "reported", "--contains", "QUEUES",
                     "--db", own_store, "-f", "jsonl").stdout)
    assert [r["speaker"] for r in rows] == ["Marek Nowak"]
    assert len(jsonl(run("query", "--db", own_store, "-f", "jsonl", "--limit", "2").stdout)) == 2


def test_a_speaker_name_is_never_sql(own_store):
    res = run("query", "--speaker", "x' OR '1'='1", "--db", own_store, "-f", "jsonl")
    assert res.exit_code == 2 and "no speaker matches" in res.stderr
    res = run("query", "--contains", "' OR 1=1 --", "--db", own_store, "-f", "jsonl")
    assert res.exit_code == 0 and res.stdout == ""


def test_near_duplicates_count_once_in_compare(own_store):
    # background sentences (nothing about the profile's target) are counted when asked
    author = jsonl(run("query", "--attribution", "author", "--contains", "rise by a fifth", "--db", own_store,
                       "-f", "jsonl", "--background").stdout)
    assert len(author) == 2 and author[1]["duplicate_of"] == author[0]["id"]
    cells = jsonl(run("compare", "--rows", "speaker", "--cols", "article", "--contains", "rise by a fifth",
                      "--db", own_store, "-f", "jsonl", "--background").stdout)
    assert cells == [{"speaker": "(author)", "article": "harbour.txt", "claims": 1,
                      "query": "claims query --article harbour.txt --attribution author --contains 'rise by a fifth' "
                               f"--background --unique --db {own_store}"}]


def test_compare_cells_are_the_claims_query_lists(sample_store):
    """Every cell's count is the number of distinct clusters its query lists."""
    for rows, cols in (("speaker", "stance"), ("reason", "article")):
        res = run("compare", "--rows", rows, "--cols", cols, "--db", sample_store, "-f", "jsonl")
        assert res.exit_code == 0, res.stderr
        cells = jsonl(res.stdout)
        assert len(cells) > 5
        for cell in cells[:12]:
            args = shlex.split(cell["query"])[2:]
            listed = jsonl(run("query", *args, "--db", sample_store, "-f", "jsonl").stdout)
            assert len({r["cluster"] for r in listed}) == cell["claims"], cell


def test_compare_table_is_ordered_by_weight(sample_store):
    res = run("compare", "--rows", "reason", "--cols", "stance", "--db", sample_store, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    totals = [int(r["claims"]) for r in rows]
    assert totals == sorted(totals, reverse=True) and totals[0] > 0
    header = list(rows[0])
    col_sums = [sum(int(r[c]) for r in rows) for c in header[1:-1]]
    assert col_sums == sorted(col_sums, reverse=True)


def test_compare_rejects_the_same_dimension_twice(sample_store):
    res = run("compare", "--rows", "stance", "--cols", "stance", "--db", sample_store)
    assert res.exit_code == 2      # a usage error, and the library's words name no flag
    assert res.stderr.strip() == "Error: the rows and the columns are both 'stance'; compare two different dimensions"


def test_reasons_csv_reads_back(sample_store, tmp_path):
    out = tmp_path / "reasons.csv"
    res = run("export", "reasons", "--output", out, "--db", sample_store)
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["reason", "reason_label", "claim_id", "article", "speaker", "speaker_role",
                             "attribution", "stance", "stance_why", "cluster", "duplicate_of", "background",
                             "speaker_canonical", "evidence", "text"]
    judged = [r for r in rows if r["stance"] != "neutral"]
    assert judged and all(r["stance_why"] for r in judged)       # why, shown: the words and whom they judge
    assert all(r["stance_why"] == "" for r in rows if r["stance"] == "neutral")
    # the export's SQL says why in the claim record's words (Claim.stance_why)
    records = {c["id"]: c for c in map(json.loads, run("export", "claims", "-f", "jsonl", "--db",
                                                         sample_store).stdout.splitlines())}
    assert [r["stance_why"] for r in rows] == [records[r["claim_id"]]["stance_why"] or "" for r in rows]
    con = sqlite3.connect(sample_store)
    pairs = con.execute("SELECT count(DISTINCT claim_id || reason) FROM claim_reasons "
                        "WHERE reason NOT LIKE 'stance:%'").fetchone()[0]
    assert len(rows) == pairs
    arms = [r for r in rows if r["reason"] == "arms_sales"]
    assert arms and all(r["reason_label"] != "arms_sales" and r["evidence"] for r in arms)
    texts = dict(con.execute("SELECT id, text FROM claims"))
    assert all(texts[r["claim_id"]] == r["text"] for r in rows)


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    art = tmp_path / "formula.txt"
    art.write_text('Prices\n\n=HYPERLINK("http://example.com","Russian arms sales") is what the memo said.\n\n'
                   "@SUM(A1) Russia sold weapons to both sides, said Ana Pereira.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    assert run("extract", art, "--db", db, "-q").exit_code == 0
    for sub in ("claims", "reasons"):
        res = run("export", sub, "--db", db)
        rows = list(csv.DictReader(io.StringIO(res.stdout)))
        starts = [r["text"][:2] for r in rows if "HYPERLINK" in r["text"] or "SUM" in r["text"]]
        assert starts and set(starts) <= {"'=", "'@"}, starts


def test_export_claims_jsonl_is_every_claim(own_store, tmp_path):
    out = tmp_path / "all.jsonl"
    res = run("export", "claims", "-f", "jsonl", "-o", out, "--db", own_store)
    assert res.exit_code == 0
    assert "claim(s) ->" in res.stderr
    exported = jsonl(out.read_text(encoding="utf-8"))
    everything = jsonl(run("query", "--db", own_store, "-f", "jsonl", "--background").stdout)
    assert [r["id"] for r in exported] == [r["id"] for r in everything]


def test_a_failed_export_leaves_the_old_file(own_store, tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("yesterday's export\n", encoding="utf-8")
    res = run("export", "claims", "-o", out, "--speaker", "Nobody Known", "--db", own_store)
    assert res.exit_code == 2
    assert out.read_text(encoding="utf-8") == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


def test_reading_a_missing_store_is_a_clear_error(tmp_path):
    res = run("speakers", "--db", tmp_path / "none.db")
    assert res.exit_code == 1
    assert "no claim store here" in res.stderr
    assert not (tmp_path / "none.db").exists()


def test_two_processes_extract_into_one_store(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for d, text in ((one, HARBOUR), (two, FERRIES)):
        d.mkdir()
        for i in range(3):
            (d / f"{d.name}{i}.txt").write_text(text.replace("March", f"March {2020 + i}"), encoding="utf-8")
    db = tmp_path / "shared.db"
    cmd = [sys.executable, "-m", "claimcli.cli", "extract", "--db", str(db), "-q", "-f", "jsonl", "--allow-copies"]
    procs = [subprocess.Popen(cmd + [str(d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in (one, two)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    printed = {r["id"] for out, _ in outs for r in jsonl(out)}
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {r[0] for r in con.execute("SELECT id FROM claims")} == printed
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 6


def test_duplicates_lists_clusters_with_their_members(own_store):
    assert run("duplicates", "--db", own_store, "-f", "jsonl").stdout == ""   # the repeat is background
    found = jsonl(run("duplicates", "--db", own_store, "-f", "jsonl", "--background").stdout)
    assert [(c["size"], c["articles"]) for c in found] == [(2, ["harbour.txt"])]
    assert [m["score"] for m in found[0]["members"]] == [100.0, 100.0]
    assert found[0]["members"][0]["id"] == found[0]["cluster"]
    assert run("duplicates", "--db", own_store, "--min-size", "3", "-f", "jsonl").stdout == ""
    assert run("duplicates", "--db", own_store, "--article", "ferries.txt", "-f", "jsonl").stdout == ""
    table = run("duplicates", "--db", own_store, "--background").stdout.splitlines()
    assert table[0].split() == ["cluster", "size", "id", "article", "start", "speaker", "score", "text"]
    assert len(table) == 3


def test_compare_limit_keeps_the_heaviest_rows(sample_store):
    full = run("compare", "--rows", "article", "--cols", "reason", "--db", sample_store, "-f", "csv").stdout
    top = run("compare", "--rows", "article", "--cols", "reason", "--db", sample_store, "-f", "csv", "-n", "2").stdout
    full_rows = list(csv.DictReader(io.StringIO(full)))
    top_rows = list(csv.DictReader(io.StringIO(top)))
    assert len(top_rows) == 2
    assert [(r["article"], r["claims"]) for r in top_rows] == [(r["article"], r["claims"]) for r in full_rows[:2]]
