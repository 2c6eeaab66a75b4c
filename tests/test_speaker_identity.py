"""One row per person in the store: Store._speaker_id, on claims from our
own texts."""

import pytest

from claimcli.models import Article, Claim
from claimcli.stores.queries import speakers
from claimcli.stores.sqlite import Store


def write(store, name, *said):
    """An article of (text, speaker, role) lines, each one claim."""
    text = "\n".join(t for t, _, _ in said)
    art = Article(name=name, path=f"/virtual/{name}", text=text)
    claims, pos = [], 0
    for t, speaker, role in said:
        claims.append(Claim(article=name, text=t, start=pos, end=pos + len(t), speaker=speaker, speaker_role=role,
                            attribution="reported", article_sha256=art.sha256))
        pos += len(t) + 1
    store.write_article(art, claims)


def rows(store):
    return sorted((r["speaker"], r["role"], r["claims"]) for r in speakers(store))


def test_one_row_per_person_across_articles_and_spellings(tmp_path):
    store = Store(str(tmp_path / "c.db"))
    write(store, "a.txt", ("Fees will rise.", "Ines O'Neill", "harbour master"),
          ("Cargo fell.", "the Port Authority", None))
    write(store, "b.txt", ("Fees will fall.", "Ines O’Neill", None),
          ("Cargo rose.", "The Port Authority", None),
          ("Ships wait.", "Lindqvist", None))
    write(store, "c.txt", ("Ships sail.", "Erik Lindqvist", "Transport Minister"),
          ("Fees stay.", "Ines O'Neill", "chief harbour master"), ("Fees go.", "Ines O'Neill", "a diver"))
    assert rows(store) == [("Erik Lindqvist", "Transport Minister", 2), ("Ines O'Neill", "chief harbour master", 4),
                           ("the Port Authority", None, 2)]


def test_conjoined_people_get_a_row_each_and_a_firm_stays_whole(tmp_path):
    store = Store(str(tmp_path / "c.db"))
    write(store, "a.txt", ("The vote was fair.", "Tove Marsh and Ruth Okafor", "senior officials"),
          ("The ferry is late.", "Ruth Okafor", "port secretary"),
          ("Sales fell.", "Marks and Spencer", None))
    assert rows(store) == [("Marks and Spencer", None, 1), ("Ruth Okafor", "port secretary", 2), ("Tove Marsh", None, 1)]
    names = {r[0] for r in store.db.execute("SELECT name FROM speakers")}
    assert "Tove Marsh and Ruth Okafor" not in names


# ---- a claim of several people is each one's ---------------------------

JOINT = """Levy Vote Splits the Council

Ines Duarte and Pavel Novak said the harbour levy would pay for the new breakwater.

“The ferry will run again in May,” Novak said.

Marks and Spencer said its harbour shop would stay open.

A senior official said the breakwater would cost more than planned.
"""

FEES = """Harbour Fees to Rise

A senior official said the harbour fees would rise in June.
"""

RECORD_KEYS = ("speaker", "speakers", "speaker_role", "attribution", "cue", "text")


def _cli(*args):
    from typer.testing import CliRunner

    from claimcli.cli import app

    res = CliRunner().invoke(app, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.stdout


def _records(out):
    import json

    return [tuple(r[k] if not isinstance(r[k], list) else tuple(r[k]) for k in RECORD_KEYS)
            for r in map(json.loads, out.splitlines())]


@pytest.fixture(scope="module")
def joint_store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("joint")
    (tmp / "news").mkdir()
    (tmp / "news" / "levy.txt").write_text(JOINT, encoding="utf-8")
    (tmp / "news" / "fees.txt").write_text(FEES, encoding="utf-8")
    _cli("extract", tmp / "news", "--labeller", "rules", "--db", tmp / "c.db", "-q", "-f", "jsonl")
    return tmp


JOINT_CLAIM = ("Ines Duarte and Pavel Novak", ("Ines Duarte", "Pavel Novak"), None, "reported", "said",
               "Ines Duarte and Pavel Novak said the harbour levy would pay for the new breakwater.")
NOVAK_ALONE = ("Pavel Novak", ("Pavel Novak",), None, "direct", "said", "“The ferry will run again in May,” Novak said.")

SPEAKERS_CSV = ["speaker,role,claims,articles,critical,supportive,neutral,aliases",
                "Pavel Novak,,2,1,0,0,2,",
                "A senior official (fees.txt),,1,1,0,0,1,A senior official",
                "A senior official (levy.txt),,1,1,0,0,1,A senior official",
                "Ines Duarte,,1,1,0,0,1,Ines Duarte and Pavel Novak",
                "Marks and Spencer,,1,1,0,0,1,"]


@pytest.mark.slow
def test_a_claim_of_two_people_is_found_and_counted_under_each(joint_store):
    db = joint_store / "c.db"
    exported = _records(_cli("export", "claims", "-f", "jsonl", "--db", db))
    assert exported == [(None, (), None, "author", None, "Harbour Fees to Rise"),
                        ("A senior official", ("A senior official",), None, "reported", "said",
                         "A senior official said the harbour fees would rise in June."),
                        (None, (), None, "author", None, "Levy Vote Splits the Council"), JOINT_CLAIM, NOVAK_ALONE,
                        ("Marks and Spencer", ("Marks and Spencer",), None, "reported", "said",
                         "Marks and Spencer said its harbour shop would stay open."),
                        ("A senior official", ("A senior official",), None, "reported", "said",
                         "A senior official said the breakwater would cost more than planned.")]
    assert _records(_cli("query", "--speaker", "Pavel Novak", "-f", "jsonl", "--db", db)) == [JOINT_CLAIM, NOVAK_ALONE]
    assert _records(_cli("query", "--speaker", "Duarte", "-f", "jsonl", "--db", db)) == [JOINT_CLAIM]
    assert _cli("speakers", "-f", "csv", "--db", db).splitlines() == SPEAKERS_CSV
    assert _cli("speakers", "--background", "-f", "csv", "--db", db).splitlines() == SPEAKERS_CSV
    assert _cli("compare", "--rows", "speaker", "--cols", "stance", "-f", "csv", "--db", db).splitlines() == [
        "speaker,neutral,claims", "Pavel Novak,2,2", "A senior official (fees.txt),1,1",
        "A senior official (levy.txt),1,1", "Ines Duarte,1,1", "Marks and Spencer,1,1"]
    # a filtered table counts from the claims themselves, the same way
    assert _cli("compare", "--rows", "speaker", "--cols", "stance", "--attribution", "reported", "-f", "csv",
                "--db", db).splitlines() == ["speaker,neutral,claims", "A senior official (fees.txt),1,1",
                                             "A senior official (levy.txt),1,1", "Ines Duarte,1,1",
                                             "Marks and Spencer,1,1", "Pavel Novak,1,1"]


@pytest.mark.slow
def test_the_parquet_store_answers_the_speaker_questions_the_same(joint_store, tmp_path):
    from claimcli.models import Labelling
    from claimcli.stores import parquet
    from claimcli.stores.linking import link_store

    db = joint_store / "c.db"
    root = parquet.create(tmp_path / "pq")
    with Store(str(db)) as store:
        lab = store.labellings()[0]
        lab = Labelling(lab["profile"], lab["profile_sha256"], lab["pipeline"], lab["profile_path"])
        for aid, name in enumerate(("fees.txt", "levy.txt"), 1):     # in the SQLite store's order
            path = joint_store / "news" / name
            art = Article(name=name, path=str(path.resolve()), text=path.read_text(encoding="utf-8"))
            claims = store.stored_claims(art)
            part = f"run-{aid}"
            parquet.write_part(root, "claims", part, [parquet.claim_row(c, aid, k) for k, c in enumerate(claims)])
            parquet.write_part(root, "reasons", part, [r for k, c in enumerate(claims)
                                                       for r in parquet.reason_rows(c, aid, k)])
            parquet.write_part(root, "articles", part, [parquet.article_row(art, aid, "now", lab)])
    link_store(str(root))
    for args in (("query", "--speaker", "Pavel Novak", "-f", "jsonl"), ("query", "--speaker", "duarte", "-f", "jsonl"),
                 ("speakers", "-f", "csv"), ("speakers", "--background", "-f", "csv"),
                 ("compare", "--rows", "speaker", "--cols", "stance", "-f", "csv"),
                 ("compare", "--rows", "stance", "--cols", "speaker", "--attribution", "reported", "-f", "csv"),
                 ("query", "--speaker", "a senior official", "-f", "jsonl"),
                 ("query", "--speaker", "a senior official (levy.txt)", "-f", "jsonl"),
                 ("export", "claims", "-f", "jsonl")):
        assert _cli(*args, "--db", root) == _cli(*args, "--db", db), args
    assert _records(_cli("query", "--speaker", "Pavel Novak", "-f", "jsonl", "--db", root)) == [JOINT_CLAIM, NOVAK_ALONE]


def test_a_schema_5_store_links_each_person_of_its_joint_claims(tmp_path):
    """What schema 5 wrote for "Tove Marsh and Ruth Okafor": a row each, the
    claim on the first's, the joint form the first's alias."""
    import sqlite3

    from claimcli.stores.queries import Filters, query
    from claimcli.stores.sqlite import MIGRATIONS, SCHEMA_VERSION
    from claimcli.text.names import name_key

    path = tmp_path / "v5.db"
    con = sqlite3.connect(path)
    con.create_function("name_key", 1, name_key)
    for script in MIGRATIONS[:5]:
        con.executescript(script)
    con.execute("INSERT INTO articles (id, name, path, sha256, extracted_at) VALUES (1, 'a.txt', '/a.txt', 'aa', 'then')")
    con.execute("INSERT INTO speakers (id, name, surname_key, name_key) VALUES (1, 'Tove Marsh', 'marsh', 'tove marsh'), "
                "(2, 'Ruth Okafor', 'okafor', 'ruth okafor')")
    con.execute("INSERT INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (1, 'Tove Marsh', 'tove marsh'), "
                "(1, 'Tove Marsh and Ruth Okafor', 'tove marsh and ruth okafor'), (2, 'Ruth Okafor', 'ruth okafor')")
    con.execute("INSERT INTO claims (id, article_id, article, seq, text, start, \"end\", speaker, speaker_id, "
                "attribution, stance, reasons, cluster) VALUES "
                "('c1', 1, 'a.txt', 0, 'The vote was fair.', 0, 18, 'Tove Marsh and Ruth Okafor', 1, 'reported', "
                "'neutral', '[]', 'c1'), "
                "('c2', 1, 'a.txt', 1, 'The ferry is late.', 19, 37, 'Ruth Okafor', 2, 'reported', 'neutral', '[]', 'c2')")
    con.execute("PRAGMA user_version = 5")
    con.commit()
    con.close()
    store = Store(str(path))
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [tuple(r) for r in store.db.execute("SELECT * FROM claim_speakers ORDER BY claim_id, ord")] == [
        ("c1", 0, 1, "Tove Marsh"), ("c1", 1, 2, "Ruth Okafor"), ("c2", 0, 2, "Ruth Okafor")]
    assert [(c.id, c.speaker, c.speakers) for c in query(store, Filters(speaker="Ruth Okafor"))] == [
        ("c1", "Tove Marsh and Ruth Okafor", ["Tove Marsh", "Ruth Okafor"]), ("c2", "Ruth Okafor", ["Ruth Okafor"])]
    assert rows(store) == [("Ruth Okafor", None, 2), ("Tove Marsh", None, 1)]


# ---- anonymous sources are per article -----------------------------------

def test_an_anonymous_source_is_somebody_in_one_article(tmp_path):
    store = Store(str(tmp_path / "c.db"))
    write(store, "a.txt", ("The talks stalled.", "a senior official", None), ("Fees rose.", "Ines Duarte", None),
          ("The talks resume.", "A senior official", "at the ministry"))
    write(store, "b.txt", ("The deal is close.", "a senior official", None), ("Fees fell.", "Ines Duarte", None),
          ("Ships wait.", "officials in Tromsø", None))
    assert rows(store) == [("Ines Duarte", None, 2), ("a senior official (a.txt)", "at the ministry", 2),
                           ("a senior official (b.txt)", None, 1), ("officials in Tromsø (b.txt)", None, 1)]
    from claimcli.stores.queries import Filters, query

    # the claims keep the article's words; the store's name tells the two apart; a query finds both
    assert [(c.article, c.speaker, c.speaker_canonical) for c in query(store, Filters(speaker="a senior official"))] == [
        ("a.txt", "a senior official", "a senior official (a.txt)"),
        ("a.txt", "A senior official", "a senior official (a.txt)"),
        ("b.txt", "a senior official", "a senior official (b.txt)")]
    assert [c.text for c in query(store, Filters(speaker="a senior official (b.txt)"))] == ["The deal is close."]
    # re-extracting an article keeps its source apart from the other article's
    write(store, "b.txt", ("The deal is off.", "a senior official", None))
    assert rows(store) == [("Ines Duarte", None, 1), ("a senior official (a.txt)", "at the ministry", 2),
                           ("a senior official (b.txt)", None, 1)]


def test_a_schema_6_store_splits_its_anonymous_sources_per_article(tmp_path):
    import sqlite3

    from claimcli.stores.sqlite import MIGRATIONS, SCHEMA_VERSION
    from claimcli.text.names import name_key

    path = tmp_path / "v6.db"
    con = sqlite3.connect(path)
    con.create_function("name_key", 1, name_key)
    for script in MIGRATIONS[:6]:
        con.executescript(script)
    con.execute("INSERT INTO articles (id, name, path, sha256, extracted_at) VALUES (1, 'a.txt', '/a.txt', 'aa', 'then'),"
                " (2, 'b.txt', '/b.txt', 'bb', 'then')")
    con.execute("INSERT INTO speakers (id, name, surname_key, name_key) VALUES (1, 'a senior official', 'official', "
                "'a senior official'), (2, 'Ines Duarte', 'duarte', 'ines duarte')")
    con.execute("INSERT INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (1, 'a senior official', "
                "'a senior official'), (2, 'Ines Duarte', 'ines duarte')")
    for cid, art, seq, speaker, sid in (("c1", 1, 0, "a senior official", 1), ("c2", 2, 0, "a senior official", 1),
                                        ("c3", 2, 1, "Ines Duarte", 2)):
        con.execute("INSERT INTO claims (id, article_id, article, seq, text, start, \"end\", speaker, speaker_id, "
                    "attribution, stance, reasons, cluster) VALUES (?, ?, ?, ?, 'Talks stalled.', 0, 14, ?, ?, "
                    "'reported', 'neutral', '[]', ?)", (cid, art, "ab"[art - 1] + ".txt", seq, speaker, sid, cid))
        con.execute("INSERT INTO claim_speakers VALUES (?, 0, ?, ?)", (cid, sid, speaker))
    con.execute("PRAGMA user_version = 6")
    con.commit()
    con.close()
    store = Store(str(path))
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert rows(store) == [("Ines Duarte", None, 1), ("a senior official (a.txt)", None, 1),
                           ("a senior official (b.txt)", None, 1)]
    assert [tuple(r) for r in store.db.execute("SELECT c.id, s.name FROM claims c JOIN claim_speakers cs "
                                               "ON cs.claim_id = c.id JOIN speakers s ON s.id = cs.speaker_id "
                                               "ORDER BY c.id")] == [
        ("c1", "a senior official (a.txt)"), ("c2", "a senior official (b.txt)"), ("c3", "Ines Duarte")]
