"""``Store.split_speaker`` makes and renames speakers through the same
directory as extraction (``identity``'s ``_Directory``): a form the joined
speaker goes by leaves it its other name; a form it does not becomes a new
speaker beside it. Whole tables, on the claims of ``test_open_store``."""

from __future__ import annotations

import sqlite3

from claimcli.stores.sqlite import Store
from test_open_store import _sqlite


def _people(db) -> tuple[list, list]:
    con = sqlite3.connect(db)
    speakers = [tuple(r) for r in con.execute("SELECT id, name, surname_key, role, name_key, scope FROM speakers "
                                              "WHERE scope = '' ORDER BY id")]
    said = [tuple(r) for r in con.execute("SELECT c.text, cs.name, s.name FROM claim_speakers cs JOIN claims c "
                                          "ON c.id = cs.claim_id JOIN speakers s ON s.id = cs.speaker_id "
                                          "WHERE s.scope = '' ORDER BY c.article_id, c.seq, cs.ord")]
    con.close()
    return speakers, said


def test_splitting_the_name_the_speaker_goes_by_leaves_it_its_other_name(tmp_path):
    db = _sqlite(tmp_path / "c.db")
    assert _people(db)[0][:1] == [(1, "Ines Okafor", "okafor", "harbour master", "ines okafor", "")]
    with Store(db) as store:
        new = store.split_speaker("Ines Okafor")
    speakers, said = _people(db)
    assert new == max(s[0] for s in speakers)
    assert [s for s in speakers if "okafor" in s[2]] == [
        (1, "Okafor", "okafor", "harbour master", "okafor", ""), (new, "Ines Okafor", "okafor", None, "ines okafor", "")]
    assert [s for s in said if "kafor" in s[1]] == [
        ("The ferry levy is unfair to islanders.", "Ines Okafor", "Ines Okafor"),
        ("Okafor misread the budget tables.", "Okafor", "Okafor")]


def test_splitting_a_form_the_speaker_does_not_go_by_makes_a_new_speaker(tmp_path):
    db = _sqlite(tmp_path / "c.db")
    with Store(db) as store:
        new = store.split_speaker("Brandt")
        assert store.split_speaker("Nobody Here") is None
    speakers, said = _people(db)
    assert [s for s in speakers if s[2] == "brandt"] == [
        (2, "Tom Brandt", "brandt", None, "tom brandt", ""), (4, "Ada Brandt", "brandt", "mayor", "ada brandt", ""),
        (new, "Brandt", "brandt", None, "brandt", "")]
    assert [s for s in said if "Brandt" in s[1]] == [
        ("The pier budget is sound.", "Brandt", "Brandt"),
        ("The new pier opens in May.", "Tom Brandt", "Tom Brandt"),
        ("The new pier opens in May.", "Ada Brandt", "Ada Brandt"),
        ("The toll doubles the cost of a school run.", "Ada Brandt", "Ada Brandt")]
