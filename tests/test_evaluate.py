"""`claims evaluate` on gold files the tests write, through the CLI and the
library: every figure, the confusion, and the claims behind the errors."""

import json

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.pipeline.evaluate import evaluate_paths

pytestmark = pytest.mark.slow

ARTICLE = """Harbour Talks Stall

The Kremlin failed to help its ally when the port was blockaded.

“We will not pay for this,” said Ivo Petrak, the port director.

The port handles 4,000 ships a year.
"""


def span(text: str) -> dict:
    start = ARTICLE.index(text)
    return {"start": start, "end": start + len(text), "text": text}


@pytest.fixture()
def annotated(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "text" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    gold = [
        {"article": "harbour.txt", **span("The Kremlin failed to help its ally when the port was blockaded."),
         "speaker": None, "attribution": "author", "stance": "critical", "reasons": ["military_capacity"]},
        {"article": "harbour.txt", **span("“We will not pay for this,” said Ivo Petrak, the port director."),
         "speaker": "Ivo Petrak", "attribution": "direct", "stance": "neutral", "reasons": []},
    ]
    (tmp_path / "gold" / "harbour.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    return tmp_path


def test_evaluate_prints_every_figure_as_json(annotated):
    res = CliRunner().invoke(app, ["evaluate", "--gold", str(annotated / "gold"), "-f", "json", "--labeller", "rules"])
    assert res.exit_code == 0, res.stderr
    got = json.loads(res.stdout)
    assert {k: got[k] for k in ("articles", "gold_claims", "predicted_claims", "coverage", "claim_precision",
                                "attribution_accuracy", "stance_accuracy", "stance_macro_f1")} == {
        "articles": 1, "gold_claims": 2, "predicted_claims": 2, "coverage": 1.0, "claim_precision": 1.0,
        "attribution_accuracy": 1.0, "stance_accuracy": 1.0, "stance_macro_f1": 1.0}
    assert got["speaker"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert got["stance_confusion"] == {"critical": {"critical": 1}, "neutral": {"neutral": 1}}
    assert got["reasons"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert got["per_reason"] == {"military_capacity": {"tp": 0, "fp": 0, "fn": 1, "precision": 0.0,
                                                       "recall": 0.0, "f1": 0.0}}
    assert got["wrong"] == [{"article": "harbour.txt", "start": ARTICLE.index("The Kremlin"),
                             "text": "The Kremlin failed to help its ally when the port was blockaded.",
                             "problems": ["reasons [], gold ['military_capacity']"]}]
    assert got["missed"] == [] and got["false"] == []


def test_background_claims_count_only_when_asked(annotated):
    scores = evaluate_paths(annotated / "gold", [str(annotated / "text")], with_background=True)
    assert (scores.predicted_claims, scores.claim_precision) == (4, 0.5)
    assert [f["text"] for f in scores.false] == ["Harbour Talks Stall", "The port handles 4,000 ships a year."]


def test_the_table_names_the_measures_and_the_errors(annotated):
    res = CliRunner().invoke(app, ["evaluate", "--gold", str(annotated / "gold" / "harbour.jsonl"),
                                   str(annotated / "text")])
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert "stance macro-F1                     1.0" in lines
    assert "speaker P / R / F1                  1.0 / 1.0 / 1.0" in lines
    assert any(line.startswith("military_capacity  0   0   1") for line in lines)
    assert "wrong labels" in lines


@pytest.mark.parametrize("args,message", [
    (["--gold", "{tmp}/nothing"], "Error: {tmp}/nothing: no such gold file or folder"),
    (["--gold", "{tmp}/gold", "{tmp}/elsewhere"], "Error: none of the articles the gold names (harbour.txt) is among {tmp}/elsewhere"),
])
def test_clear_errors(annotated, tmp_path, args, message):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "other.txt").write_text("Nothing here.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate"] + [a.format(tmp=tmp_path) for a in args])
    assert res.exit_code == 1
    assert res.stderr.strip() == message.format(tmp=tmp_path)


def test_a_broken_gold_line_is_named(annotated):
    (annotated / "gold" / "bad.jsonl").write_text('{"article": "harbour.txt", "start": 0}\nnot json\n',
                                                 encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", "--gold", str(annotated / "gold"), "--labeller", "rules"])
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {annotated / 'gold' / 'bad.jsonl'}:1: a gold claim needs end"


def test_gold_whose_text_no_longer_matches_its_offsets_is_named(annotated):
    gold = annotated / "gold" / "harbour.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines()
    moved = json.loads(lines[1])
    moved["start"] += 3
    moved["end"] += 3                     # as if the article had gained three characters above it
    gold.write_text(lines[0] + "\n" + json.dumps(moved) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), str(annotated / "text"), "--labeller", "rules"])
    assert res.exit_code == 1 and res.stdout == ""
    found = ARTICLE[moved["start"]:moved["end"]]
    assert res.stderr.strip() == (
        f"Error: {gold}:2: the gold text no longer matches the article at {moved['start']}-{moved['end']}: "
        f"gold '“We will not pay for this,” said Ivo Petrak, the port director.', article {found!r} "
        "(was the article edited?)")


FACTS = "Ledger of the Harbour\n\n" + "\n\n".join(
    f"Berth {n} takes ships of up to {n * 1000} tonnes." for n in range(1, 13)) + "\n"


def test_json_lists_every_missed_claim_the_table_the_first_ten(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "ledger.txt").write_text(FACTS, encoding="utf-8")
    gold = []
    for n in range(1, 13):                # background sentences: left out of the predictions, so all missed
        text = f"Berth {n} takes ships of up to {n * 1000} tonnes."
        gold.append({"article": "ledger.txt", "start": FACTS.index(text), "end": FACTS.index(text) + len(text),
                     "text": text, "speaker": None, "attribution": "author", "stance": "neutral", "reasons": []})
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    args = ["evaluate", "--gold", str(tmp_path / "gold.jsonl"), str(tmp_path / "text"), "--labeller", "rules"]
    res = CliRunner().invoke(app, [*args, "-f", "json"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["missed"] == [{"article": "ledger.txt", "start": g["start"], "text": g["text"]}
                                                for g in gold]
    table = CliRunner().invoke(app, args).stdout
    listed = table[table.index("missed (no predicted claim)"):].splitlines()[2:]
    assert [ln.split(None, 2)[2] for ln in listed if ln.startswith("ledger.txt")] == [g["text"] for g in gold[:10]]
