"""Why a claim got its labels: ``claims explain CLAIM_ID`` for a stored
claim, and the failing examples of ``claims profiles FILE``, from the
evidence and confidences stored with each claim."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.judging.profiles import load
from claimcli.output.explain import explain_claim, stance_explained
from stories import build

runner = CliRunner()
PROFILES = Path(__file__).parent.parent / "data" / "profiles"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("explain"))


def record_of(db, speaker: str, n: int = 0) -> dict:
    res = runner.invoke(app, ["query", "--db", str(db), "--speaker", speaker, "-f", "jsonl"])
    return json.loads(res.stdout.splitlines()[n])


def test_explain_prints_the_speaker_cue_stance_and_reasons(db):
    rec = record_of(db, "Margarethe Lindqvist-Osei", 1)
    res = runner.invoke(app, ["explain", rec["id"], "--db", str(db)])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.splitlines() == [
        "what         why",
        f"claim        {rec['text']}",
        f"id           {rec['id']}",
        f"article      kestrel.txt, characters {rec['start']}-{rec['end']}: "
        "Harbour Authority Weighs a Second Terminal at Kestrel Bay",
        "speaker      Margarethe Lindqvist-Osei",
        "attribution  reported: reported speech, from the cue “said”",
        "stance       critical: from “selling weapons to both sides” (topical of Moscow); by the rules",
        "reasons      Arms sales (arms_sales): “selling weapons to both sides”, "
        "Mediator role (mediator_role): “broker”",
    ]
    assert runner.invoke(app, ["explain", rec["id"][:8], "--db", str(db)]).stdout == res.stdout   # its start will do


def test_explain_says_when_no_cue_fired(db):
    rec = record_of(db, "Tomasz Wierzbicki", 1)
    rows = {r["what"]: r["why"] for r in explain_claim(rec, profile=load())}
    assert rows["stance"] == "neutral: no cue for another stance fired: the default; by the rules"
    assert rows["reasons"] == ["none cited"]
    res = runner.invoke(app, ["explain", rec["id"], "--db", str(db), "-f", "json"])
    data = json.loads(res.stdout)
    assert data["claim"] == rec and data["explanation"]["stance"] == rows["stance"]


def test_the_trained_labellers_confidence_is_shown():
    rec = {"text": "Moscow looked away.", "stance": "critical", "stance_confidence": 0.834, "reasons": ["leverage"],
           "reason_confidence": {"leverage": 0.61}, "evidence": [
               {"reason": "stance:critical", "text": "looked away", "start": 7, "end": 18, "role": "conduct of Moscow"},
               {"reason": "stance:supportive", "text": "Moscow", "start": 0, "end": 6, "role": None}]}
    assert stance_explained(rec, load()) == ("critical: from “looked away” (conduct of Moscow); by the trained labeller, "
                                       "p 0.83; outweighed: “Moscow” (supportive)")
    rec["evidence"] = [{"reason": "stance:critical", "text": rec["text"], "start": 0, "end": 19, "role": None}]
    assert stance_explained(rec, load()) == "critical: no single cue: the sentence as a whole; by the trained labeller, p 0.83"


def test_an_unknown_claim_id_is_a_usage_error(db):
    res = runner.invoke(app, ["explain", "cffffffffffffff", "--db", str(db)])
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr.strip() == ("Error: no claim has the id 'cffffffffffffff' "
                                  "(a claim's id is the `id` field of its record)")


def test_profiles_explains_each_failing_example(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text((PROFILES / "congestion-charge.toml").read_text(encoding="utf-8")
                    + '\n[[examples]]\ntext = "The toll was introduced in May."\nstance = "critical"\nreasons = ["traffic"]\n'
                    '\n[[examples]]\ntext = "Drivers say the toll is a success, though traffic is worse than ever."\n'
                    'stance = "critical"\nreasons = ["traffic"]\n', encoding="utf-8")
    res = runner.invoke(app, ["profiles", str(path), "-f", "csv"])
    assert res.exit_code == 1
    failing = res.stderr[res.stderr.index("failing examples"):].splitlines()
    assert failing == [
        "failing examples (why: the stance and reasons each got, from which words):",
        "source,expected,got,text,why",
        "examples #1,critical traffic,neutral,The toll was introduced in May.,"
        "stance neutral: no cue for another stance fired: the default; by the rules;no cue for: traffic",
        "examples #2,critical traffic,supportive traffic,"
        "\"Drivers say the toll is a success, though traffic is worse than ever.\","
        "stance supportive: from “success” (topical of toll); by the rules;reason Traffic (traffic): “traffic”",
    ]
