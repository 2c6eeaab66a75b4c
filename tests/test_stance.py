"""Stance as the claim's judgement of the target's conduct, on sentences
written for these tests: who is judged, negation and denial, blame moved,
the target as experiencer, hypotheticals, and the evidence that says why."""

import pytest

from claimcli.pipeline.extract import RULES, extract_text
from claimcli.judging.profiles import load


@pytest.fixture(scope="module")
def profile():
    return load("russia-armenia")


def judged(nlp, profile, text):
    claims = extract_text(text, nlp=nlp, profile=profile, labeller=RULES)
    assert len(claims) == 1, [c.text for c in claims]
    claim = claims[0]
    cues = [(e.text, e.role) for e in claim.evidence if e.reason.startswith("stance:")]
    return claim.stance, cues


STANCES = [
    # the target's own conduct, faulted
    ("Moscow turned its back on its oldest partner in the region.", "critical", "turned its back on", "conduct of Moscow"),
    ("The Kremlin stood idly by as the villages emptied.", "critical", "stood idly by", "conduct of Kremlin"),
    # one fact, one judgement: the promise not kept, not also the failing
    ("Russia failed to keep its promise of protection.", "critical", "keep its promise", "conduct of Russia, under 'failed'"),
    # the passive: the doer is the "by" agent, never the one it was done to
    ("Armenia was betrayed by Russia in 2023.", "critical", "betrayed", "conduct of Russia"),
    # copular negation
    ("Moscow is not a reliable partner.", "critical", "reliable partner", "conduct of Moscow, negated"),
    ("Russia's silence during the offensive spoke volumes.", "critical", "silence", "conduct of Russia"),
    ("This is another blow to Moscow's prestige in the Caucasus.", "critical", "blow to Moscow's prestige", "loss of Moscow"),
    # inaction: an act of help denied
    ("Russian troops did not intervene when the border posts were shelled.", "critical", "intervene", "help of troops, negated"),
    ("The CSTO has shown no readiness to step in.", "critical", "step in", "help of CSTO, negated"),
    ("Rather than sending troops, Moscow issued a statement.", "critical", "sending troops", "help of Moscow, 'Rather than'"),
    # "hardly" negates as "not" does (one list of negators, data/judgement.toml)
    ("Russia hardly helped Armenia during the war.", "critical", "helped", "help of Russia, negated"),
    ("Moscow hardly abandoned its ally.", "supportive", "abandoned", "conduct of Moscow, negated"),
    # blame aimed at the target by others
    ("Protesters in Yerevan blamed Russia for the defeat.", "critical", "blamed", "object of Russia"),
    ("Many Armenians now see Moscow as an unreliable partner.", "critical", "unreliable partner", "topical of Moscow"),
    # defended: achievements, kept commitments, blame denied or moved
    ("Moscow has honoured every commitment it made to Yerevan.", "supportive", "honoured every commitment", "conduct of Moscow"),
    ("It was Russia that brokered the truce between the two armies.", "supportive", "brokered the truce", "conduct of Russia"),
    ("Moscow denied that it had abandoned its ally.", "supportive", "abandoned", "conduct of it, denied"),
    ("The Kremlin bears no responsibility for the escalation.", "supportive", "bears no responsibility", "denial of Kremlin"),
    ("Claims that Russia betrayed Armenia are baseless.", "supportive", "betrayed", "conduct of Russia, 'Claims' called false"),
    ("Russia's mediation is viewed positively in both capitals.", "supportive", "positively", "vader of mediation"),
    # the target speaking: faulting another defends it
    ("Yerevan's reckless course caused this, the Kremlin said.", "supportive", "reckless", "conduct, the target faults another"),
    ("The Kremlin's spokesman said Yerevan's policy was reckless.", "supportive", "reckless", "conduct, the target faults another"),
    # a negation in a clause of its own does not reach the act
    ("Armenians will never forget that Moscow abandoned them.", "critical", "abandoned", "conduct of Moscow"),
    # no judgement of the target
    ("Turkey abandoned the talks and betrayed its partners.", "neutral", None, None),
    ("Much to the Kremlin's irritation, Yerevan joined the court.", "neutral", None, None),
    ("If Russia fails to act, Armenia will look elsewhere.", "neutral", None, None),
    ("Moscow does not want to interfere in the quarrel.", "neutral", None, None),
    ("The reasons for Russia's inaction are debated.", "neutral", None, None),
    ("Russia keeps a military base near the border.", "neutral", None, None),
    ("Russia supports a peaceful settlement of the dispute.", "neutral", None, None),
    ("Russia was abandoned by its former allies in Central Asia.", "neutral", None, None),
    ("Armenia is not to blame for the war, Russian diplomats were told.", "neutral", None, None),
    ("Moscow would have abandoned Armenia long ago if it could.", "neutral", None, None),
    ("The situation is tragic, Peskov said.", "neutral", None, None),
]


@pytest.mark.parametrize("text,stance,cue,role", STANCES, ids=[t[:40] for t, *_ in STANCES])
def test_stance_and_its_evidence(nlp, profile, text, stance, cue, role):
    got, cues = judged(nlp, profile, text)
    assert got == stance, cues
    assert cues == ([] if cue is None else [(cue, role)])


def test_a_denial_and_a_shift_of_blame_are_both_evidence(nlp, profile):
    assert judged(nlp, profile, "Russia is not to blame; the blame lies with Baku.") == (
        "supportive", [("not to blame", "denial of Russia"), ("blame lies with", "shift, blame on another")])


def test_a_rhetorical_question_judges_a_plain_one_weakly(nlp, profile):
    assert judged(nlp, profile, "Why did Moscow abandon its ally?")[0] == "critical"
    assert judged(nlp, profile, "Will Moscow abandon its ally?")[0] == "neutral"


def test_a_modal_alone_is_not_enough(nlp, profile):
    assert judged(nlp, profile, "Russia might betray its ally.")[0] == "neutral"
    # a counterfactual faults what was not done
    assert judged(nlp, profile, "Russia could have prevented the war.")[0] == "critical"


def test_a_pronoun_takes_the_target_from_its_paragraph(nlp, profile):
    claims = extract_text("Russia signed the treaty in 1997. Yet it abandoned its ally in 2023.", nlp=nlp, profile=profile, labeller=RULES)
    assert [c.stance for c in claims] == ["critical", "critical"]
    assert [(e.text, e.role) for e in claims[1].evidence] == [("abandoned", "conduct of it")]
    # the paragraph's judgement reaches the author's other sentence about Russia
    assert [(e.text, e.role) for e in claims[0].evidence] == [("abandoned", "in its paragraph")]
    claims = extract_text("Turkey signed the pact in 2021. Yet it abandoned its ally in 2023.", nlp=nlp, profile=profile, labeller=RULES)
    assert [c.stance for c in claims] == ["neutral", "neutral"]


def test_an_article_about_the_target_lends_it_pronouns_not_others_governments(nlp, profile):
    text = ("Russia and Armenia drift apart\n\n"
            "The government in Yerevan failed to protect the border villages.\n\n"
            "It failed to protect its ally.")
    claims = extract_text(text, nlp=nlp, profile=profile, labeller=RULES)
    assert [c.stance for c in claims] == ["neutral", "neutral", "critical"]


def test_a_paragraph_judges_only_when_it_points_one_way(nlp, profile):
    text = ("Moscow stood idly by while its ally was shelled. Russian troops stayed in their barracks.\n\n"
            "Moscow stood idly by. Moscow has always honoured its commitments. Russian troops stayed in their barracks.\n\n"
            "Russian troops stayed in their barracks.")
    assert [c.stance for c in extract_text(text, nlp=nlp, profile=profile, labeller=RULES)] == [
        "critical", "critical", "critical", "supportive", "neutral", "neutral"]


def test_another_topic_keeps_its_own_ids(nlp):
    prof = load("congestion-charge")
    (claim,) = extract_text("The congestion charge failed to cut traffic.", nlp=nlp, profile=prof, labeller=RULES)
    assert claim.stance == "critical"
    (claim,) = extract_text("The congestion charge has been a success.", nlp=nlp, profile=prof, labeller=RULES)
    assert claim.stance == "supportive"


def test_why_travels_with_the_claim(nlp, profile, tmp_path):
    """The stance's words and their role in JSON, the claims CSV and the table."""
    import csv
    import json

    from typer.testing import CliRunner

    from claimcli.cli import app

    (tmp_path / "a.txt").write_text("Moscow stood idly by as the border posts were shelled.\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    res = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--db", db, "-f", "jsonl"])
    (record,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert record["stance"] == "critical"
    assert record["stance_why"] == "stood idly by (conduct of Moscow)"
    assert {"reason": "stance:critical", "text": "stood idly by", "role": "conduct of Moscow"}.items() <= \
        record["evidence"][0].items()
    out = tmp_path / "claims.csv"
    CliRunner().invoke(app, ["export", "claims", "-o", str(out), "--db", db])
    (row,) = csv.DictReader(out.open(encoding="utf-8", newline=""))
    assert row["stance_why"] == "stood idly by (conduct of Moscow)"
    table = CliRunner().invoke(app, ["query", "--db", db]).stdout
    assert table.splitlines()[0].split() == ["article", "speaker", "speaker_role", "attribution", "cue", "stance",
                                           "stance_cue", "reasons", "text"]
    assert "critical  “stood idly by”" in table
