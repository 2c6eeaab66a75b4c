"""Filters that mean what they say, through ``claims query``: each filter
repeats (any of its values), each has a ``--not-`` form, reasons and
stances go by label or id, articles by file name, path, title or a prefix,
and a value that matches nothing, or more than one thing, is a usage error
(exit 2) that lists the candidates. The store is built from tests/stories.py."""

import json

import pytest
from typer.testing import CliRunner

from claimcli.errors import FilterError
from claimcli.stores.queries import Filters, query
from claimcli.stores.sqlite import Store
from stories import build

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("filters"))


def claims(db, *args) -> list[tuple[str | None, str]]:
    """(speaker as the store names them across articles, the first four
    words) of each claim the query lists."""
    from claimcli.cli import app

    res = runner.invoke(app, ["query", "--db", str(db), "-f", "jsonl", *map(str, args)])
    assert res.exit_code == 0, res.stderr
    return [(r["speaker_canonical"] if r["speaker"] else None, " ".join(r["text"].split()[:4]))
            for r in map(json.loads, res.stdout.splitlines())]


def error(db, *args) -> tuple[int, str]:
    from claimcli.cli import app

    res = runner.invoke(app, ["query", "--db", str(db), *map(str, args)])
    assert res.stdout == ""
    return res.exit_code, res.stderr.strip()


ANNA = [("Anna Sargsyan", "Anna Sargsyan, a member"), ("Anna Sargsyan", "“Moscow is the only")]
TOMASZ = [("Tomasz Wierzbicki", "“The alliance did nothing"), ("Tomasz Wierzbicki", "Wierzbicki said the treaty")]


def test_a_repeated_speaker_means_any_of_them(db):
    assert claims(db, "--speaker", "Anna Sargsyan", "--speaker", "wierzbicki") == ANNA + TOMASZ
    assert claims(db, "--speaker", "Anna Sargsyan", "--speaker", "wierzbicki", "--stance", "critical") == [
        ANNA[0], TOMASZ[0]]                                     # and every other filter still applies


def test_not_speaker_leaves_them_out(db):
    everyone = claims(db)
    assert claims(db, "--not-speaker", "Anna Sargsyan", "--not-speaker", "Tomasz Wierzbicki") == [
        c for c in everyone if c not in ANNA + TOMASZ]
    assert (None, "The Kremlin has played") not in everyone    # the spokesman is a speaker, not the author
    authors = claims(db, "--background", "--attribution", "author")
    assert claims(db, "--background", "--not-speaker", "Anna Sargsyan")[:1] == authors[:1]   # the author's stay


def test_a_shared_surname_is_an_error_that_lists_the_people(db):
    assert error(db, "--speaker", "Sargsyan") == (2, (
        "Error: 'Sargsyan' is more than one speaker: Anna Sargsyan (a member of the harbour committee); "
        "David Sargsyan (an economist at the fisheries cooperative). Give the full name, or each one you mean"))
    assert claims(db, "--speaker", "david sargsyan") == [("David Sargsyan", "David Sargsyan, an economist")]


def test_an_unknown_speaker_is_a_usage_error(db):
    assert error(db, "--speaker", "Wierzbicky") == (2, "Error: no speaker matches 'Wierzbicky'; did you mean: "
                                                       "Tomasz Wierzbicki?")


def test_reasons_by_label_id_or_start(db):
    arms = [("Margarethe Lindqvist-Osei", "Margarethe Lindqvist-Osei, deputy director")]
    lever = [("Anna Sargsyan", "Anna Sargsyan, a member")]
    assert claims(db, "--reason", "Arms sales") == claims(db, "--reason", "arms_sales") == arms
    assert claims(db, "--reason", "ARMS SALES") == claims(db, "--reason", "arms") == arms
    assert claims(db, "--reason", "Arms sales", "--reason", "Leverage") == lever + arms
    assert claims(db, "--not-reason", "Arms sales") == [c for c in claims(db) if c not in arms]


def test_an_ambiguous_or_unknown_reason_lists_the_candidates(db):
    assert error(db, "--reason", "ties") == (2, "Error: 'ties' could be more than one reason: "
                                                "Ties with Azerbaijan (azerbaijan_ties), Ties with Turkey (turkey_ties)")
    code, msg = error(db, "--reason", "fishing quotas")
    assert code == 2 and msg.startswith("Error: unknown reason 'fishing quotas'; known: Armenian intransigence "
                                         "(armenian_intransigence), Arms sales (arms_sales), CSTO weakness")


def test_stances_by_label_or_id_any_of_and_not(db):
    supportive = [("Anna Sargsyan", "“Moscow is the only"),
                  ("a spokesman for the foreign ministry (kestrel.txt)", "The Kremlin has played")]
    assert claims(db, "--stance", "Supportive") == supportive
    assert claims(db, "--stance", "supportive", "--stance", "critical") == [
        c for c in claims(db) if c in supportive or c[1] in ("Anna Sargsyan, a member",
                                                           "Margarethe Lindqvist-Osei, deputy director",
                                                           "“The alliance did nothing")]
    assert claims(db, "--not-stance", "neutral") == claims(db, "--stance", "supportive", "--stance", "critical")
    assert error(db, "--stance", "hostile") == (2, "Error: unknown stance 'hostile'; known: critical, neutral, supportive")


def test_articles_by_name_path_title_or_start(db):
    fishermen = claims(db, "--article", "fishermen.txt")
    assert len(fishermen) == 4 and fishermen[0] == ("Margarethe Lindqvist-Osei", "Lindqvist-Osei told reporters that")
    path = db.parent / "news" / "fishermen.txt"
    for given in ("fishermen", str(path), "Fishermen Count the Cost of a Long Winter",
                  "fishermen count the cost", "fish"):
        assert claims(db, "--article", given) == fishermen, given
    assert claims(db, "--not-article", "Harbour Authority") == fishermen
    assert claims(db, "--article", "fish", "--article", "kestrel") == claims(db)


def test_an_ambiguous_article_lists_the_candidates(db):
    prefix = str(db.parent / "news")
    assert error(db, "--article", prefix) == (2, (
        f"Error: {prefix!r} starts more than one article: "
        "fishermen.txt (Fishermen Count the Cost of a Long Winter); "
        "kestrel.txt (Harbour Authority Weighs a Second Terminal at…). Give more of its name or title"))
    assert error(db, "--article", "lighthouse") == (2, "Error: no article matches 'lighthouse'")


def test_attribution_and_contains_repeat_and_negate(db):
    direct = [("Tomasz Wierzbicki", "“The alliance did nothing"), ("Anna Sargsyan", "“Moscow is the only")]
    assert sorted(claims(db, "--attribution", "direct")) == sorted(direct)
    assert claims(db, "--not-attribution", "reported") == claims(db, "--attribution", "direct")
    assert claims(db, "--contains", "TROOPS", "--contains", "guarantor") == [
        ("Anna Sargsyan", "“Moscow is the only"), ("Tomasz Wierzbicki", "Wierzbicki said the treaty")]
    assert claims(db, "--not-contains", "moscow", "--not-contains", "Kremlin", "--speaker", "Anna Sargsyan") == [
        ("Anna Sargsyan", "Anna Sargsyan, a member")]
    assert error(db, "--attribution", "hearsay") == (2, "Error: unknown attribution 'hearsay'; use direct, reported or author")
    assert error(db, "--min-confidence", "high")[0] == 2


def test_filters_in_the_library_take_one_value_or_several(db):
    with Store(db, readonly=True) as store:
        one = query(store, Filters(speaker="Tomasz Wierzbicki"))
        several = query(store, Filters(speaker=["Tomasz Wierzbicki", "Anna Sargsyan"]))
        assert {c.speaker for c in one} == {"Tomasz Wierzbicki"}
        assert {c.speaker for c in several} == {"Tomasz Wierzbicki", "Anna Sargsyan"}
        with pytest.raises(FilterError, match="more than one speaker"):
            query(store, Filters(speaker="sargsyan"))
    f = Filters(speaker=["Anna Sargsyan", "Tomasz Wierzbicki"], not_reason="leverage", background=True)
    from claimcli.cli.app import filter_args

    assert filter_args(f) == ["--speaker", "Anna Sargsyan", "--speaker", "Tomasz Wierzbicki", "--background",
                           "--not-reason", "leverage"]
