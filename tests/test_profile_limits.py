"""A profile that would make matching slow is refused when it is loaded,
naming its file and line: too many `*` gaps, a slot of thousands of
alternatives, hyphenated alternatives that multiply into thousands of
word sequences, or lists of patterns too long in all or on one word."""

import time

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.errors import ProfileError
from claimcli.judging.profiles import MAX_PROFILE_SEQUENCES, MAX_SEQUENCES_PER_WORD, load
from claimcli.nlp.lemmas import MAX_ALTERNATIVES, MAX_GAPS, check_pattern, compile_pattern, sequence_count

HEAD = 'id = "ferries"\nname = "Ferry fares"\n[target]\nterms = ["ferry fare", "fare"]\n[stances.neutral]\n'


def _profile(tmp_path, reason_lines: list[str], head: str = HEAD):
    """The reason's k-th pattern (from 0) is on line 9 + k."""
    path = tmp_path / "ferries.toml"
    path.write_text(head + "[reasons.cost]\nlabel = \"Cost\"\npatterns = [\n" + "".join(f"  {ln},\n" for ln in reason_lines)
                    + "]\n", encoding="utf-8")
    return path


def _refused(path) -> str:
    t = time.perf_counter()
    with pytest.raises(ProfileError) as e:
        load(str(path))
    assert time.perf_counter() - t < 5            # refused at once, not after compiling the lot
    return str(e.value)


def test_too_many_gaps_are_refused_on_their_line(tmp_path):
    path = _profile(tmp_path, ['"raise * fare"', '"raise * * * * fare"'])
    assert _refused(path) == (f"{path}:10: reason 'cost': pattern 'raise * * * * fare': 4 * slots; at most {MAX_GAPS} "
                              "(each lets up to 3 words in, and together they multiply the ways a match can go on)")
    assert check_pattern("raise * fare * again * now") is None          # three: still fine


def test_a_slot_of_thousands_of_alternatives_is_refused(tmp_path):
    huge = "|".join(f"word{i}" for i in range(3000))
    path = _profile(tmp_path, ['"raise fare"', f'"cut {huge}"'])
    assert _refused(path) == (f"{path}:10: reason 'cost': pattern 'cut {huge}': a slot of 3000 alternatives; "
                              f"at most {MAX_ALTERNATIVES} (split the list over several patterns)")


def test_hyphenated_alternatives_that_multiply_are_refused(tmp_path):
    slot = "cut-price|low-cost|half-fare"
    assert sequence_count(f"{slot} {slot} {slot}") == len(compile_pattern(f"{slot} {slot} {slot}")) == 27
    pattern = " ".join([slot] * 4)                                       # 3 ** 4 = 81 sequences
    path = _profile(tmp_path, [f'"{pattern}"'])
    assert _refused(path) == (f"{path}:9: reason 'cost': pattern '{pattern}': its hyphenated alternatives make 81 "
                              "word sequences; at most 64 (fewer hyphenated words per slot, or more patterns)")


def test_a_list_too_long_in_all_is_refused_at_the_pattern_that_crosses(tmp_path):
    lines = [f'"fare{i} rise{i}"' for i in range(MAX_PROFILE_SEQUENCES + 10)]
    path = _profile(tmp_path, lines)
    msg = _refused(path)
    crossing = MAX_PROFILE_SEQUENCES - 2            # two target terms come first
    assert msg.startswith(f"{path}:{9 + crossing}: the profile's patterns make more than {MAX_PROFILE_SEQUENCES} "
                          f"word sequences (with pattern 'fare{crossing} rise{crossing}')"), msg


def test_too_many_patterns_on_one_word_are_refused(tmp_path):
    lines = [f'"the fare{i}"' for i in range(MAX_SEQUENCES_PER_WORD + 1)]
    path = _profile(tmp_path, lines)
    assert _refused(path) == (
        f"{path}:{9 + MAX_SEQUENCES_PER_WORD}: more than {MAX_SEQUENCES_PER_WORD} patterns start with 'the' "
        f"(with pattern 'the fare{MAX_SEQUENCES_PER_WORD}'); every 'the' in a text would be walked that often: "
        "start them with a rarer word")


def test_target_terms_are_held_to_the_same_limits(tmp_path):
    head = HEAD.replace('terms = ["ferry fare", "fare"]', 'terms = ["ferry fare",\n  "ferry * * * * fare"]')
    path = _profile(tmp_path, ['"raise fare"'], head=head)
    assert _refused(path) == (f"{path}:5: target term 'ferry * * * * fare': 4 * slots; at most {MAX_GAPS} "
                              "(each lets up to 3 words in, and together they multiply the ways a match can go on)")


def test_the_cli_names_the_file_and_line_without_a_traceback(tmp_path):
    path = _profile(tmp_path, ['"raise * * * * fare"'])
    res = CliRunner().invoke(app, ["profiles", str(path)])
    assert res.exit_code == 1
    assert res.stderr.strip() == (f"Error: {path}:9: reason 'cost': pattern 'raise * * * * fare': 4 * slots; at most "
                                  f"{MAX_GAPS} (each lets up to 3 words in, and together they multiply the ways a "
                                  "match can go on)")


def test_the_shipped_profiles_are_within_the_limits():
    for name in ("russia-armenia", "congestion-charge"):
        assert load(name).reasons
