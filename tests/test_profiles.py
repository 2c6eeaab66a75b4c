"""Topic profiles: reasons, stance and negation on sentences written for these tests."""

import shutil
from pathlib import Path

import pytest

from claimcli.errors import ProfileError
from claimcli.pipeline.extract import RULES, extract_text
from claimcli.judging.profiles import installed_profiles, load

DATA = Path(__file__).parent.parent / "data" / "profiles"

REASONS = [
    ("ukraine_war", "Moscow has moved most of its troops to the Ukrainian front."),
    ("turkey_ties", "The Kremlin does not want to damage its growing rapprochement with Ankara."),
    ("azerbaijan_ties", "Russia values its energy cooperation with Baku too much to take risks."),
    ("arms_sales", "Russia keeps supplying modern weapons to both capitals."),
    ("arms_sales", "Russian arms sales to the region rose again last year."),
    ("pashinyan_government", "The Kremlin never forgave the Velvet Revolution that brought the new government to power."),
    ("armenian_intransigence", "Moscow blames Yerevan for clinging to the status quo in the talks."),
    ("mediator_role", "Russia wants to remain the only mediator between the two sides."),
    (("transport_corridor", "sanctions_economy"), "Moscow hopes a new rail link across the south will open trade routes."),
    ("sanctions_economy", "Western sanctions have pushed Russia to look for new markets in Asia."),
    ("military_capacity", "Russia's military is overstretched after two years of fighting."),
    ("territorial_law", "Moscow says the fighting takes place on internationally recognised Azerbaijani land."),
    ("leverage", "The conflict gives the Kremlin leverage over both governments."),
    ("foreign_policy_doctrine", "Russian foreign policy is tactical and avoids hot conflicts."),
    ("csto_weakness", "The CSTO once again proved ineffective when a member asked for help."),
    ("western_rivalry", "Moscow fears that NATO will gain a foothold in the region."),
]


@pytest.fixture(scope="module")
def default_profile():
    return load("russia-armenia")


@pytest.mark.parametrize("reasons,text", REASONS, ids=[f"{r if isinstance(r, str) else r[0]}-{i}" for i, (r, _) in enumerate(REASONS)])
def test_each_reason_is_recognised(nlp, default_profile, reasons, text):
    """Each text cites its reason and no other (a row with several names them all)."""
    want = [reasons] if isinstance(reasons, str) else list(reasons)
    (claim,) = extract_text(text, nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == want
    found = [e for e in claim.evidence if e.reason in {r.id for r in default_profile.reasons}]
    assert [e.reason for e in found] == want
    assert all(text[e.start:e.end] == e.text for e in found)


def test_the_default_profile_has_the_taxonomy_ids(default_profile):
    assert set(default_profile.stances) == {"critical", "supportive", "neutral"}
    assert len(default_profile.reasons) == 15


@pytest.mark.parametrize("text,stance", [
    ("Moscow betrayed its ally and abandoned it in the war.", "critical"),
    ("Russia's restraint in the crisis was wise and legitimate.", "supportive"),
    ("Russia has a military base in the north of the country.", "neutral"),
    ("Turkey betrayed its partners and abandoned the talks.", "neutral"),
])
def test_stance_toward_the_target(nlp, default_profile, text, stance):
    (claim,) = extract_text(text, nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.stance == stance


def test_negated_reason_does_not_count(nlp, default_profile):
    (claim,) = extract_text("Moscow held back, though not out of weakness.", nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == []
    (claim,) = extract_text("Moscow held back out of weakness.", nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == ["military_capacity"]


def test_a_negation_inside_the_pattern_is_meant(nlp, default_profile):
    (claim,) = extract_text("The Kremlin said it would not take sides in the dispute.", nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == ["mediator_role"]


def test_custom_profile_from_a_path(nlp, tmp_path):
    path = tmp_path / "mine.toml"
    shutil.copy(DATA / "congestion-charge.toml", path)
    prof = load(str(path))
    (claim,) = extract_text("The congestion charge is an unfair burden on small business owners.", nlp=nlp, profile=prof, labeller=RULES)
    assert claim.stance == "critical"
    assert claim.reasons == ["cost_burden"]


def test_installed_profiles_include_both():
    assert {"russia-armenia", "congestion-charge"} <= set(installed_profiles())


def test_malformed_profile_names_the_line_and_problem(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\nname = "X"\n[target]\nterms = ["x"]\n[stances.neutral]\n'
                   '[reasons.r1]\npatterns = ["ok words", "* starts badly"]\n', encoding="utf-8")
    with pytest.raises(ProfileError) as e:
        load(str(bad))
    assert str(e.value) == f"{bad}:7: reason 'r1': pattern '* starts badly': a pattern cannot start or end with *"


def test_invalid_toml_is_reported(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"not valid TOML: .*line 1"):
        load(str(bad))


def test_unknown_profile_lists_the_installed_ones():
    with pytest.raises(ProfileError, match="unknown profile 'nope'; installed: .*russia-armenia"):
        load("nope")


@pytest.mark.slow
def test_profiles_command_validates_a_file(tmp_path):
    from typer.testing import CliRunner
    from claimcli.cli import app

    res = CliRunner().invoke(app, ["profiles", str(DATA / "congestion-charge.toml"), "-f", "csv"])
    assert res.exit_code == 0
    assert "reason,transit_funding" in res.stdout.replace("\r", "")
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "X"\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["profiles", str(bad)])
    assert res.exit_code == 1 and "missing `id" in res.stderr


@pytest.mark.parametrize("text", [
    "Turkish engineers are building a corridor along the river.",     # a topical word, nothing about Russia
    "Russian peacekeepers arrived in the town on Monday.",             # about Russia, but no factor cited
    "Shelling was heard on both sides of the line near the town.",
])
def test_a_bare_topical_word_is_no_reason(nlp, default_profile, text):
    (claim,) = extract_text(text, nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == []


def test_an_actor_close_to_the_target_is_a_reason(nlp, default_profile):
    (claim,) = extract_text("Moscow and Ankara agreed on a joint monitoring centre.", nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == ["turkey_ties"]
    (claim,) = extract_text("Ankara sent engineers to the region, and the talks in Vienna failed.", nlp=nlp,
                            profile=default_profile, labeller=RULES)
    assert claim.reasons == []


def test_a_reason_in_a_paragraph_about_the_target(nlp, default_profile):
    first, second = extract_text("Russia is keeping its distance. Its army is bogged down in Ukraine.", nlp=nlp,
                                 profile=default_profile, labeller=RULES)
    assert (first.reasons, second.reasons) == ([], ["ukraine_war", "military_capacity"])
    (alone,) = extract_text("Its army is bogged down in Ukraine.", nlp=nlp, profile=default_profile, labeller=RULES)
    assert alone.reasons == []


def test_background_is_flagged_not_dropped(nlp, default_profile):
    text = ("Russia's envoy flew to Baku on Monday.\n\n"
            "The town has 4,000 inhabitants and a bakery.\n\n"
            "“The road is closed,” said Anna Petrosyan, a farmer.")
    claims = extract_text(text, nlp=nlp, profile=default_profile, labeller=RULES)
    assert [(c.text[:20], c.background) for c in claims] == [
        ("Russia's envoy flew ", False), ("The town has 4,000 i", True), ("“The road is closed,", False)]
    assert claims[1].record()["background"] is True


@pytest.mark.slow
def test_both_shipped_profiles_pass_their_examples(nlp):
    from claimcli.pipeline.examples import check_examples

    for name in ("russia-armenia", "congestion-charge"):
        prof = load(name)
        results = check_examples(prof, nlp=nlp)
        assert len(results) >= 5, name
        assert [r for r in results if not r["ok"]] == [], name


@pytest.mark.slow
def test_profiles_command_runs_the_examples_and_names_the_failures(tmp_path):
    from typer.testing import CliRunner
    from claimcli.cli import app

    path = tmp_path / "mine.toml"
    text = (DATA / "congestion-charge.toml").read_text(encoding="utf-8")
    path.write_text(text + '\n[[examples]]\ntext = "The toll was introduced in May."\nstance = "critical"\n'
                    'reasons = ["traffic"]\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["profiles", str(path), "-f", "csv"])
    assert res.exit_code == 1
    n = len(load(str(path)).examples)
    assert f"examples: {n - 1} of {n} pass" in res.stderr
    assert "examples #1,critical traffic,neutral,The toll was introduced in May." in res.stderr.replace("\r", "")
    res = CliRunner().invoke(app, ["profiles", str(DATA / "congestion-charge.toml")])
    assert res.exit_code == 0


def test_an_example_with_an_unknown_reason_is_a_profile_error(tmp_path):
    path = tmp_path / "mine.toml"
    text = (DATA / "congestion-charge.toml").read_text(encoding="utf-8")
    path.write_text(text + '\n[[examples]]\ntext = "The toll rose."\nreasons = ["noise"]\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"mine.toml:\d+: examples #1: unknown reason 'noise'"):
        load(str(path))


def test_the_alliance_faulted_cites_its_weakness(nlp, default_profile):
    first, second = extract_text("The CSTO held a summit in Moscow. The alliance did nothing when Armenia was attacked.",
                                 nlp=nlp, profile=default_profile, labeller=RULES)
    assert (second.stance, second.reasons) == ("critical", ["csto_weakness"])
    assert [(e.text, e.role) for e in second.evidence if e.reason == "csto_weakness"] == [
        ("did nothing", "faults the alliance")]
    (claim,) = extract_text("Turkey's alliance with Baku did nothing to calm Moscow.", nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == []


def test_a_factor_that_must_be_the_targets_own(nlp, default_profile):
    (claim,) = extract_text("A weakened Armenia now looks to Moscow for gas.", nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == []
    (claim,) = extract_text("A weakened Russia cannot police the region.", nlp=nlp, profile=default_profile, labeller=RULES)
    assert claim.reasons == ["military_capacity"]


@pytest.mark.parametrize("addition,message", [
    ('\n[reasons.x]\npatterns = ["russia\'s army"]\n', "reason 'x': pattern \"russia's army\": \"russia's\" is two words to the parser"),
    ('\n[reasons.x]\npatterns = ["can\'t * help"]\n', "\"can't\" is two words to the parser"),
    ('\n[stances.angry]\npatterns = ["rage"]\n', "stance 'angry': say whether it faults or defends the target"),
    ('\n[[examples]]\ntext = "The toll rose."\nreasons = "traffic"\n', "examples #1: `reasons` must be a list of reason ids"),
    ('\n[[examples]]\ntext = "The toll rose."\nstances = "critical"\n', "examples #1: unknown key 'stances'"),
])
def test_profile_mistakes_are_named(tmp_path, addition, message):
    path = tmp_path / "mine.toml"
    path.write_text((DATA / "congestion-charge.toml").read_text(encoding="utf-8") + addition, encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load(str(path))
    assert message in str(err.value)
