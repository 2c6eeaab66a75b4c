"""Tables that fit: ``query``, ``compare`` and ``speakers`` rendered at 80,
120 and 160 columns, compared as whole text with the snapshots in
tests/snapshots (``UPDATE_SNAPSHOTS=1 pytest tests/test_tables.py`` writes
them anew; read the diff before committing it). Besides the snapshots, the
rules every width must keep: no line wider than the terminal, no word
broken inside, no column under 8 characters, labels rather than ids."""

import io
import os
import re
from pathlib import Path

import pytest

from claimcli.judging.profiles import load
from claimcli.output import tables, writers
from claimcli.stores.queries import Filters, article_titles, compare, query, speaker_columns, speakers
from claimcli.stores.sqlite import Store
from stories import FISHERMEN, KESTREL, build

SNAPSHOTS = Path(__file__).parent / "snapshots"
WIDTHS = (80, 120, 160)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(build(tmp_path_factory.mktemp("tables")), readonly=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def profile():
    return load()


def render(store, profile, what: str, width: int) -> str:
    out = io.StringIO()
    if what == "query":
        records = [c.record() for c in query(store, Filters(background=True), profile=profile)]
        tables.write_claims(records, out, titles=article_titles(store), profile=profile, width=width,
                            terminal=True)
    elif what == "speakers":
        rows = speakers(store, profile.stance_ids)
        tables.write_speakers(rows, speaker_columns(rows), out, profile=profile, width=width, terminal=True)
    else:
        rows, cols = what.split("-")[1:]
        table = compare(store, rows, cols, profile=profile)
        view = tables.write_comparison(table, out, profile=profile, titles=article_titles(store),
                                       width=width, terminal=True)
        out.write("-- notes (standard error, not wrapped):\n" + "\n".join(tables.comparison_notes(table, view)) + "\n")
    return "\n".join(ln.rstrip() for ln in out.getvalue().splitlines()) + "\n"


TABLES = ("query", "compare-speaker-reason", "compare-article-stance", "compare-reason-article", "speakers")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("what", TABLES)
def test_table_matches_its_snapshot(store, profile, what, width):
    screen = render(store, profile, what, width)
    path = SNAPSHOTS / f"{what}-{width}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(screen, encoding="utf-8")
    assert screen == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_too_wide_and_no_word_broken(store, profile, width):
    for what in TABLES:
        screen = render(store, profile, what, width).split("-- notes")[0]
        assert max(len(ln) for ln in screen.splitlines()) <= width, what
    words = set(render(store, profile, "query", width).split())
    for text in (KESTREL, FISHERMEN):
        for word in text.split():
            assert word in words, word                      # "Lindqvist-Osei", "“The", "neighbours." whole
    header = render(store, profile, "compare-speaker-reason", width)
    assert "arms_sales" not in header and "Arms" in header   # labels, not ids


@pytest.mark.parametrize("width", WIDTHS)
def test_no_column_under_eight_characters(store, profile, width):
    table = compare(store, "speaker", "reason", profile=profile)
    view = tables.comparison_view(table, profile=profile, width=width)
    lines = [[writers._lines(r, c.keys) for c in view.layout] for r in view.rows]
    numeric = [writers.is_numeric(view.rows, c.keys[0]) for c in view.layout]
    w, _ = writers._column_widths(lines, view.layout, width - 2 * (len(view.layout) - 1) - 1, numeric)
    assert min(w) >= 8
    assert writers.table_width(w) <= width


def test_compare_says_how_many_columns_are_left_at_80(store, profile):
    table = compare(store, "speaker", "reason", profile=profile)
    narrow = tables.comparison_view(table, profile=profile, width=80)
    wide = tables.comparison_view(table, profile=profile, width=160)
    assert narrow.of == wide.of == len(table.col_labels) == 5
    assert 0 < narrow.shown < wide.shown == 5
    assert [c.header for c in narrow.layout[1:-1]] == [               # the heaviest first, by label
        {r.id: r.label for r in profile.reasons}[rid] for rid in table.col_labels[:narrow.shown]]
    notes = tables.comparison_notes(table, narrow)
    assert notes[-1] == f"The {narrow.shown} heaviest of 5 reason columns fit; {5 - narrow.shown} more not shown."


def test_the_total_says_what_it_counts(store, profile):
    by_reason = compare(store, "speaker", "reason", profile=profile)
    by_stance = compare(store, "speaker", "stance", profile=profile)
    assert not by_reason.adds_up() and by_stance.adds_up()
    assert tables.comparison_view(by_reason, width=120).layout[-1].header == "all claims"
    assert tables.comparison_view(by_stance, width=120).layout[-1].header == "total"
    assert tables.comparison_notes(by_reason, tables.comparison_view(by_reason, width=160))[1] == (
        "all claims: the row's unique claims, each once, so not the sum of its cells "
        "(a claim cites several reasons, or none).")


def test_shorten_cuts_between_words():
    assert tables.shorten("Harbour Authority Weighs a Second Terminal", 24) == "Harbour Authority…"
    assert tables.shorten("Short title", 24) == "Short title"
    assert tables.shorten("Harbour, Authority", 12) == "Harbour…"


def test_limit_cols_keeps_the_heaviest_columns_in_any_format(store):
    from typer.testing import CliRunner

    from claimcli.cli import app

    res = CliRunner().invoke(app, ["compare", "--rows", "speaker", "--cols", "stance", "--limit-cols", "2",
                                   "--db", store.path, "-f", "csv"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.replace("\r", "").splitlines() == [
        "speaker,critical,neutral,claims",            # the two heaviest stances; the total still counts all
        "Anna Sargsyan,1,0,2",
        "Margarethe Lindqvist-Osei,1,1,2",
        "Tomasz Wierzbicki,1,1,2",
        "David Sargsyan,0,1,1",
        "a spokesman for the foreign ministry (kestrel.txt),0,0,1",
    ]
