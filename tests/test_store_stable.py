"""Stored claims stay as they were: adding articles to a store changes
only what is about the store as a whole (near-duplicate clusters and the
one name a speaker has across articles), never what a claim's own article
says. Texts written for this test."""

import json

import pytest
from typer.testing import CliRunner

from claimcli.cli import app

pytestmark = pytest.mark.slow

PORT = """Port Levy Row Deepens

Brandt said the harbour levy would drive cargo to other ports.

A senior official said the ferry subsidy would end in May.

The council will vote on the levy next week.

“We cannot wait for the council,” said Ines Duarte, who runs a shipping firm.
"""

FEES = """Harbour Fees Rise

Laura Brandt, the harbour master, said the levy would pay for the new breakwater.

A senior official said the subsidy would stay.

The council will vote on the levy next week.

Duarte said the fees were too high.
"""

# what a store may change about a claim when other articles arrive
STORE_WIDE = ("cluster", "duplicate_of", "speaker_canonical")


def _export(db):
    res = CliRunner().invoke(app, ["export", "claims", "-f", "jsonl", "--db", str(db)])
    assert res.exit_code == 0, res.output
    return {r["id"]: r for r in map(json.loads, res.stdout.splitlines())}


def _extract(folder, db):
    res = CliRunner().invoke(app, ["extract", str(folder), "--labeller", "rules", "--db", str(db), "-q", "-f", "jsonl"])
    assert res.exit_code == 0, res.output


def test_a_second_folder_leaves_the_first_folders_claims_as_they_were(tmp_path):
    for folder, name, text in (("one", "port.txt", PORT), ("two", "fees.txt", FEES)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "c.db"
    _extract(tmp_path / "one", db)
    before = _export(db)
    _extract(tmp_path / "two", db)
    after = _export(db)
    assert set(before) < set(after)
    strip = lambda r: {k: v for k, v in r.items() if k not in STORE_WIDE}
    assert [strip(after[i]) for i in before] == [strip(r) for r in before.values()]
    # what did change: the store's names, and the repeated sentence's cluster
    changed = {(before[i]["text"][:22], k, before[i][k], after[i][k]) for i in before for k in STORE_WIDE
               if before[i][k] != after[i][k]}
    assert changed == {("Brandt said the harbou", "speaker_canonical", "Brandt", "Laura Brandt")}
    fees = [r for r in after.values() if r["article"] == "fees.txt"]
    assert [(r["speaker"], r["speaker_canonical"]) for r in fees if r["speaker"]] == [
        ("Laura Brandt", "Laura Brandt"), ("A senior official", "A senior official (fees.txt)"),
        ("Duarte", "Ines Duarte")]
    repeated = [r for r in after.values() if r["text"] == "The council will vote on the levy next week."]
    assert [r["duplicate_of"] for r in repeated] == [None, repeated[0]["id"]]
