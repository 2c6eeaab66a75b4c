"""``--help`` ends with real examples, and the read commands' examples run
as written on a store of the bundled samples; shell completion offers the
store's speakers and articles and the profiles' reasons, stances and names,
without importing spaCy or rapidfuzz."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.cli.examples import EXAMPLES
from stories import build

CLAIMS = str(Path(sys.executable).parent / "claims")
SAMPLES = Path(__file__).parent.parent / "data" / "samples"
runner = CliRunner()


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_every_help_ends_with_its_examples(command):
    res = runner.invoke(app, [*command.split(), "--help"])
    assert res.exit_code == 0, res.output
    tail = res.stdout[res.stdout.index("Examples:"):].splitlines()
    shown = [ln.strip() for ln in tail[1:] if ln.strip() and not ln.strip().startswith("#")]
    assert shown == [cmd for _, cmd in EXAMPLES[command]]             # whole lines, not re-wrapped
    assert 2 <= len(shown) <= 3 and all(c.startswith(f"claims {command}") or c.startswith("cat ") for c in shown)


READERS = ("speakers", "query", "compare", "duplicates", "report", "export reasons", "export claims",
           "datasette-metadata")


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("samples") / "claims.db"
    res = runner.invoke(app, ["extract", str(SAMPLES), "--db", str(db), "-q", "-f", "jsonl"])
    assert res.exit_code == 0, res.stderr
    return db


@pytest.mark.slow
@pytest.mark.parametrize("command", READERS)
def test_the_readers_examples_run_on_the_samples(command, sample_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for _, example in EXAMPLES[command]:
        args = shlex.split(example)[1:]
        res = runner.invoke(app, [*args, "--db", str(sample_store)])
        assert res.exit_code == 0, (example, res.stderr)
        if "-o" in args:
            assert (tmp_path / args[args.index("-o") + 1]).stat().st_size > 100
        else:
            assert res.stdout.strip(), example


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("complete"))


def complete(line: str, **env) -> tuple[list[str], str]:
    """What bash completion offers for the last word of ``line`` (values one
    per line), and the modules imported meanwhile (-X importtime)."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    env = {**os.environ, "_CLAIMS_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1),
           "PYTHONPROFILEIMPORTTIME": "1", **env}
    res = subprocess.run([CLAIMS], env=env, capture_output=True, text=True, check=True)
    return [ln for ln in res.stdout.splitlines() if ln], res.stderr


def test_completion_offers_the_stores_speakers_and_articles(db):
    assert complete(f"claims query --db {db} --speaker ")[0] == [
        "Anna Sargsyan", "David Sargsyan", "Margarethe Lindqvist-Osei", "Tomasz Wierzbicki",
        "a spokesman for the foreign ministry (kestrel.txt)"]
    assert complete(f"claims query --db {db} --not-speaker Ma")[0] == ["Margarethe Lindqvist-Osei"]
    assert complete(f"claims compare --article k", CLAIMS_DB=str(db))[0] == ["kestrel.txt"]     # $CLAIMS_DB too
    assert complete(f"claims query --db {db.parent / 'none.db'} --speaker ")[0] == []          # no store: nothing
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) == [db.name]   # no -wal, -shm left


def test_completion_offers_the_profiles_reasons_stances_and_names(db):
    assert complete(f"claims query --db {db} --reason arm")[0] == ["arms_sales", "armenian_intransigence"]
    assert complete(f"claims query --db {db} --stance ")[0] == ["critical", "supportive", "neutral"]
    assert complete(f"claims query --db {db.parent / 'none.db'} --profile congestion-charge --reason ")[0] == [
        "traffic", "air_quality", "cost_burden", "transit_funding"]
    assert complete("claims profiles ")[0] == ["congestion-charge", "russia-armenia"]
    assert complete("claims query --attribution ")[0] == ["direct", "reported", "author"]


def test_completion_is_cheap(db):
    _, imports = complete(f"claims query --db {db} --speaker ")
    modules = {ln.split("|")[-1].strip() for ln in imports.splitlines() if "|" in ln}
    assert "claimcli.cli.complete" in modules
    assert not {m for m in modules if m.split(".")[0] in ("spacy", "rapidfuzz", "numpy", "duckdb")}
