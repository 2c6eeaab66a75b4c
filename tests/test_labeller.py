"""The trained labeller: training from gold the test writes, the model file,
what it refuses, and the shipped model being what the repository's data
trains. Texts here are written for the tests."""

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcli.cli import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "a1.txt": [
        ("Moscow Leaves Its Ally Alone", "author", None, "critical", []),
        ("Russia abandoned Armenia when the shelling began, a veteran diplomat said on Monday.", "reported",
         "diplomat", "critical", []),
        ("The Kremlin insisted that its peacekeepers had done everything the truce allowed.", "reported",
         "Kremlin", "supportive", []),
        ("The weather in the valley was mild for the season.", None, None, None, None),
    ],
    "a2.txt": [
        ("Kremlin Defends Its Restraint", "author", None, "supportive", []),
        ("Russia was right to stay out of a war on Azerbaijani soil, Dmitry Peskov told reporters.", "reported",
         "Peskov", "supportive", ["territorial_law"]),
        ("Critics in Yerevan said Moscow had betrayed its oldest ally.", "reported", "critics", "critical", []),
        ("Buses left the square before noon.", None, None, None, None),
    ],
}


def write_gold(tmp_path: Path) -> tuple[Path, Path]:
    text_dir, gold_dir = tmp_path / "text", tmp_path / "gold"
    text_dir.mkdir()
    gold_dir.mkdir()
    for name, rows in ARTICLES.items():
        text, gold = "", []
        for sentence, attribution, key, stance, reasons in rows:
            start = len(text)
            text += sentence + "\n"
            if stance is None:
                continue
            gold.append({"article": name, "start": start, "end": start + len(sentence), "text": sentence,
                         "speaker": key, "speaker_keys": [key.lower()] if key else None,
                         "attribution": attribution, "stance": stance, "reasons": reasons, "duplicate_of": None})
        (text_dir / name).write_text(text, encoding="utf-8")
        (gold_dir / (name[:-4] + ".jsonl")).write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    return text_dir, gold_dir


def test_train_then_evaluate_and_extract_with_the_model(tmp_path):
    text_dir, gold_dir = write_gold(tmp_path)
    model = tmp_path / "m.npz"
    runner = CliRunner()
    res = runner.invoke(app, ["train", "--gold", str(gold_dir), str(text_dir), "--output", str(model),
                              "--no-examples", "--cv", "2", "--format", "json"])
    assert res.exit_code == 0, res.output
    folds = json.loads(res.stdout)
    assert folds["gold_claims"] == 6 and folds["coverage"] == 1.0
    assert model.is_file()

    res = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), str(text_dir), "--labeller", str(model),
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)
    assert scores["gold_claims"] == 6

    res = runner.invoke(app, ["extract", str(text_dir), "--db", str(tmp_path / "c.db"), "--labeller", str(model),
                              "--format", "jsonl", "--quiet"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(records) == 8
    for r in records:
        assert 0.0 < r["stance_confidence"] <= 1.0
        assert set(r["reason_confidence"]) == set(r["reasons"])


def test_a_model_round_trips_through_its_file(tmp_path):
    from claimcli.judging.labeller import Labeller, View

    shipped = Labeller.load(ROOT / "data" / "models" / "russia-armenia.npz")
    shipped.save(tmp_path / "copy.npz")
    copy = Labeller.load(tmp_path / "copy.npz")
    views = [View("Moscow failed its ally.", "Moscow failed its ally.", "", {"rule:critical": 1.0})]
    for a, b in zip(shipped.probabilities(views), copy.probabilities(views)):
        assert np.allclose(a, b)


def test_a_model_for_another_topic_is_refused(tmp_path):
    runner = CliRunner()
    text = tmp_path / "t.txt"
    text.write_text("The charge is unfair, shopkeepers said.\n", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(text), "--db", str(tmp_path / "c.db"), "--profile", "congestion-charge",
                              "--labeller", str(ROOT / "data" / "models" / "russia-armenia.npz")])
    assert res.exit_code == 1
    assert "was trained for profile 'russia-armenia'" in res.output
    assert "are not the profile's" in res.output or "reasons the profile does not" in res.output


def test_a_file_that_is_no_model_is_an_error(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    text = tmp_path / "t.txt"
    text.write_text("Moscow said nothing.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(text), "--db", str(tmp_path / "c.db"), "--labeller", str(bad)])
    assert res.exit_code == 1
    assert f"{bad}: not a claims model" in res.output


# What a reader takes from each (text written for the test): the stance and
# reasons the shipped model must give the claim that holds the fragment.
MISREAD = "the shipped model still misreads it (see the issue 19 note); strict: a fix makes this fail"
READINGS = [
    ("Russia did not just fail to protect the Armenians of the enclave; it abandoned them.", "critical", []),
    pytest.param("Moscow was right not to intervene in a war fought on land the whole world recognises as "
                 "Azerbaijan's.", "supportive", ["territorial_law"], marks=pytest.mark.xfail(reason=MISREAD, strict=True)),
    pytest.param("Russia will not intervene, a senior official in Moscow said on Tuesday.", "neutral", [],
                 marks=pytest.mark.xfail(reason=MISREAD, strict=True)),
    pytest.param("Russia has not fulfilled its obligations to Armenia under the treaty, the speaker of parliament said.",
                 "critical", [], marks=pytest.mark.xfail(reason=MISREAD, strict=True)),
    pytest.param("The Kremlin rejected the accusations as baseless and blamed the government in Yerevan for the crisis.",
                 "supportive", ["pashinyan_government"], marks=pytest.mark.xfail(reason=MISREAD, strict=True)),
]


@pytest.mark.parametrize("text,stance,reasons", READINGS)
def test_the_shipped_model_reads_stance_and_reasons(extract, text, stance, reasons):
    (claim,) = [c for c in extract(text) if c.text.strip()]
    assert (claim.stance, claim.reasons) == (stance, reasons)
    assert claim.stance_confidence is not None


def test_the_shipped_model_is_what_the_data_trains(nlp):
    """`make model` again, in memory: the same data and seed give the
    shipped weights (the shared corpus must sit beside the checkout, as it
    does in CI)."""
    from claimcli.judging.labeller import Labeller
    from claimcli.pipeline import training

    sources = training.read_sources(ROOT / "data" / "training" / "sources.toml")
    assert {"real", "seeds"} <= {s.name for s in sources}, "../shared/corpus/real and ../shared/eval/gold are needed"
    shipped = Labeller.load(ROOT / "data" / "models" / "russia-armenia.npz")
    again = training.train(sources, profile="russia-armenia", nlp=nlp)
    assert again.header["features"] == shipped.header["features"]
    assert again.header["examples"] == shipped.header["examples"]
    for name in ("stance_w", "stance_b", "reason_w", "reason_b", "mean", "scale"):
        assert np.allclose(getattr(again, name), getattr(shipped, name), atol=1e-3), name
    assert np.allclose(again.threshold, shipped.threshold)


def test_min_confidence_keeps_the_surer_labels(tmp_path):
    text_dir, _ = write_gold(tmp_path)
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    res = runner.invoke(app, ["extract", str(text_dir), "--db", db, "-f", "jsonl", "-q"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    cut = sorted(r["stance_confidence"] for r in records if not r["background"])[2]
    res = runner.invoke(app, ["query", "--db", db, "--min-confidence", str(cut), "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    kept = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert kept == [r["id"] for r in records if not r["background"] and r["stance_confidence"] >= cut]
    res = runner.invoke(app, ["query", "--db", db, "--min-confidence", "high"])
    assert res.exit_code == 2                     # a usage error (issue 22)
    assert "the least confidence is a probability from 0 to 1, not 'high'" in res.output
