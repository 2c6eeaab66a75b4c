"""The store as a library: counts kept in step with the claims, migrations,
and stores it must refuse. Claims are built by hand; no parser needed."""

import sqlite3

import pytest

from claimcli.dedup.linker import Linker
from claimcli.errors import InputError, StoreError
from claimcli.models import Article, Claim
from claimcli.stores.queries import Filters, compare, speaker_ids
from claimcli.stores.sqlite import MIGRATIONS, SCHEMA_VERSION, Store


def article(store, name, *lines):
    """An article whose claims are its lines: (text, speaker, stance, reasons)."""
    text = "\n".join(t for t, *_ in lines)
    art = Article(name=name, path=f"/virtual/{name}", text=text)
    claims, pos = [], 0
    for t, speaker, stance, reasons in lines:
        claims.append(Claim(article=name, text=t, start=pos, end=pos + len(t), speaker=speaker,
                            attribution="direct" if speaker else "author", stance=stance, reasons=list(reasons),
                            article_sha256=art.sha256))
        pos += len(t) + 1
    return store.write_article(art, claims, Linker(store).link(claims, exclude_path=art.key))


def counts(store):
    return sorted(tuple(r) for r in store.db.execute("SELECT * FROM cell_counts"))


REPEAT = "The port authority will raise harbour fees by a fifth next spring."


def test_cell_counts_follow_every_write(tmp_path):
    store = Store(str(tmp_path / "c.db"))
    article(store, "one.txt", (REPEAT, "Ines Duarte", "critical", ["fees"]),
            ("Ferries will keep their winter timetable.", None, "neutral", []),
            (REPEAT, "Ines Duarte", "critical", ["fees"]))
    article(store, "two.txt", (REPEAT, "Duarte", "critical", ["fees", "trade"]),
            ("Cargo volumes fell for the third month running.", "Oskar Lind", "supportive", ["trade"]))
    article(store, "three.txt", ("Cargo volumes fell for the third month running!", None, "neutral", ["trade"]))
    # one.txt roots a cluster that spans all three articles; replacing it re-roots the cluster
    article(store, "one.txt", ("Ferries will keep their summer timetable.", None, "neutral", []))
    kept = counts(store)
    store.rebuild_counts()
    assert counts(store) == kept
    table = compare(store, "speaker", "stance")
    assert table.counts == {("Ines Duarte", "critical"): 1, ("Oskar Lind", "supportive"): 1,
                            ("(author)", "neutral"): 2}
    # the same table computed from the claims themselves (a filter forces it)
    live = compare(store, "speaker", "stance", Filters(contains="e"))
    assert live.counts == table.counts and live.row_totals == table.row_totals


def test_speakers_are_found_by_index_whatever_the_case(tmp_path):
    store = Store(str(tmp_path / "c.db"))
    article(store, "a.txt", ("Prices rose.", "José Álvarez", "neutral", []),
            ("Prices fell.", "the Port Authority", "neutral", []))
    jose = speaker_ids(store, "José Álvarez")
    assert speaker_ids(store, "jose alvarez") == speaker_ids(store, "ÁLVAREZ") == jose
    assert speaker_ids(store, "port authority") == speaker_ids(store, "The Port Authority")
    with pytest.raises(InputError, match="no speaker matches"):
        speaker_ids(store, "x' OR '1'='1")


def test_a_first_release_store_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript(MIGRATIONS[0])
    con.execute("INSERT INTO articles (id, name, path, sha256, extracted_at) VALUES (1, 'a.txt', '/a.txt', 'x', 'now')")
    con.execute("INSERT INTO speakers (id, name, surname_key) VALUES (1, 'Zoë Brandt', 'brandt')")
    con.execute("INSERT INTO speaker_aliases (speaker_id, alias) VALUES (1, 'Zoë Brandt')")
    con.execute("INSERT INTO claims (id, article_id, article, seq, text, start, \"end\", speaker, speaker_id, "
                "attribution, stance, reasons, cluster) VALUES ('c1', 1, 'a.txt', 0, 'Fees rose.', 0, 10, "
                "'Zoë Brandt', 1, 'direct', 'critical', '[\"fees\"]', 'c1')")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    store = Store(str(path))
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert speaker_ids(store, "zoe brandt") == [1]
    assert compare(store, "reason", "stance").counts == {("fees", "critical"): 1}


def test_a_store_from_a_newer_claims_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(str(path)).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match=r"made by a newer claims \(schema \d+, this one knows \d+\); upgrade claims"):
        Store(str(path))


# The cell counts a schema-2 store holds (what that release's rebuild wrote).
_V2_COUNTS = """
INSERT INTO cell_counts (a_dim, a, b_dim, b, n) SELECT ?, {a}, ?, {b}, COUNT(DISTINCT COALESCE(c.cluster, c.id))
FROM claims c{join} GROUP BY 2, 4
"""


def _schema_2_store(path):
    """A store as the previous release left it: a file article and standard
    input stored as "-" under a "-:sha" key."""
    from claimcli.text.names import name_key

    # the dimensions schema 2 counted
    DIMENSIONS = ("article", "reason", "speaker", "stance")
    DIM_VALUE = {"article": "c.article_id", "reason": "j.value", "speaker": "COALESCE(c.speaker_id, '')",
                 "stance": "c.stance"}

    con = sqlite3.connect(path)
    con.create_function("name_key", 1, name_key)
    for script in MIGRATIONS[:2]:
        con.executescript(script)
    con.execute("INSERT INTO articles (id, name, path, sha256, extracted_at) VALUES "
                "(1, 'a.txt', '/news/a.txt', 'aa', 'then'), (2, '-', '-:0123456789abcdef', '0123456789abcdef', 'then')")
    con.execute("INSERT INTO speakers (id, name, surname_key, name_key) VALUES (1, 'Zoë Brandt', 'brandt', 'zoe brandt')")
    con.execute("INSERT INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (1, 'Zoë Brandt', 'zoe brandt')")
    con.execute("INSERT INTO claims (id, article_id, article, seq, text, start, \"end\", speaker, speaker_id, "
                "attribution, stance, reasons, cluster) VALUES "
                "('c1', 1, 'a.txt', 0, 'Fees rose.', 0, 10, 'Zoë Brandt', 1, 'direct', 'critical', '[\"fees\"]', 'c1'),"
                "('c2', 2, '-', 0, 'Fees rose!', 0, 10, NULL, NULL, 'author', 'critical', '[\"fees\"]', 'c1')")
    con.execute("UPDATE claims SET duplicate_of = 'c1' WHERE id = 'c2'")
    DIM_VALUE = {**DIM_VALUE, "speaker": "COALESCE(c.speaker_id, '')"}     # before claim_speakers (schema 6)
    for i, a_dim in enumerate(DIMENSIONS):
        for b_dim in ("",) + DIMENSIONS[i + 1:]:
            join = ", json_each(c.reasons) j" if "reason" in (a_dim, b_dim) else ""
            con.execute(_V2_COUNTS.format(a=DIM_VALUE[a_dim], b=DIM_VALUE[b_dim] if b_dim else "''", join=join),
                        (a_dim, b_dim))
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()


@pytest.mark.slow
def test_a_schema_2_store_keeps_working(tmp_path):
    from typer.testing import CliRunner

    from claimcli.cli import app

    path = tmp_path / "v2.db"
    _schema_2_store(path)
    # a reading command migrates it in place, then answers
    res = CliRunner().invoke(app, ["compare", "--rows", "reason", "--cols", "stance", "--db", str(path), "-f", "csv"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.splitlines() == ["reason,critical,claims", "fees,1,1"]
    store = Store(str(path))
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 9
    # claims already stored are searchable, and the view names speaker and article
    assert [tuple(r) for r in store.db.execute(
        "SELECT id, speaker, article FROM claim_details WHERE rowid IN "
        "(SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'fees') ORDER BY id")] == [
        ("c1", "Zoë Brandt", "a.txt"), ("c2", None, "stdin-0123456789ab")]
    kept = counts(store)
    store.rebuild_counts()
    assert counts(store) == kept
    # standard input is named after its content, in the articles and the claims
    assert [tuple(r) for r in store.db.execute("SELECT name, path FROM articles ORDER BY id")] == [
        ("a.txt", "/news/a.txt"), ("stdin-0123456789ab", "stdin:stdin-0123456789ab")]
    assert [(c.article, c.background, c.duplicate_of) for c in store.claims()] == [
        ("a.txt", False, None), ("stdin-0123456789ab", False, "c1")]
    # nothing recorded what labelled these articles: the same bytes are labelled again
    from claimcli.models import Labelling

    art = Article(name="a.txt", path="/news/a.txt", text="Fees rose.", sha256="aa")
    assert store.status(art, Labelling("russia-armenia", "f00", "claims 0.1.0")) == "profile"
    assert store.labelled_with() is None



@pytest.mark.slow
def test_background_claims_are_kept_but_not_counted_unless_asked(tmp_path):
    import json

    from typer.testing import CliRunner

    from claimcli.cli import app
    from claimcli.stores.queries import clusters, query, speakers

    db = tmp_path / "c.db"
    store = Store(str(db))
    text = "\n".join([REPEAT, "The harbour opened in 1910.", "The harbour opened in 1910."])
    art = Article(name="bg.txt", path="/virtual/bg.txt", text=text)
    lines = [(REPEAT, "Ines Duarte", "critical", False), ("The harbour opened in 1910.", "Ines Duarte", "neutral", True),
             ("The harbour opened in 1910.", None, "neutral", True)]
    claims, pos = [], 0
    for t, speaker, stance, background in lines:
        claims.append(Claim(article="bg.txt", text=t, start=pos, end=pos + len(t), speaker=speaker, stance=stance,
                            attribution="reported" if speaker else "author", article_sha256=art.sha256,
                            background=background))
        pos += len(t) + 1
    stored = store.write_article(art, claims, Linker(store).link(claims, exclude_path=art.key))
    assert stored[2].duplicate_of == claims[1].id          # background claims still link
    assert [c.background for c in store.claims()] == [False, True, True]
    # readers leave them out by default, and take them in when asked
    assert [c.text for c in query(store, Filters())] == [REPEAT]
    assert len(query(store, Filters(background=True))) == 3
    assert compare(store, "speaker", "stance").counts == {("Ines Duarte", "critical"): 1}
    assert compare(store, "speaker", "stance", Filters(background=True)).counts == {
        ("Ines Duarte", "critical"): 1, ("Ines Duarte", "neutral"): 1, ("(author)", "neutral"): 1}
    assert [(r["speaker"], r["claims"]) for r in speakers(store, ["critical", "neutral"])] == [("Ines Duarte", 1)]
    assert [(r["speaker"], r["claims"], r["neutral"]) for r in speakers(store, ["neutral"], background=True)] == [
        ("Ines Duarte", 2, 1)]
    assert clusters(store) == []
    assert [c["size"] for c in clusters(store, background=True)] == [2]
    assert counts(store) == sorted(c for c in counts(store) if c[1] != "neutral")   # cell_counts skip them
    kept = counts(store)
    store.rebuild_counts()
    assert counts(store) == kept
    store.close()
    # through the CLI: query and compare by default and with --background; exports carry them, flagged
    run = lambda *a: CliRunner().invoke(app, [*a, "--db", str(db)])
    assert [r["background"] for r in map(json.loads, run("query", "-f", "jsonl").stdout.splitlines())] == [False]
    assert len(run("query", "--background", "-f", "jsonl").stdout.splitlines()) == 3
    assert run("compare", "-f", "csv").stdout.splitlines() == ["speaker,critical,claims", "Ines Duarte,1,1"]
    assert run("compare", "--background", "-f", "csv").stdout.splitlines() == [
        "speaker,neutral,critical,claims", "Ines Duarte,1,1,2", "(author),1,0,1"]
    exported = [json.loads(line) for line in run("export", "claims", "-f", "jsonl").stdout.splitlines()]
    assert [(r["background"], r["duplicate_of"]) for r in exported] == [(False, None), (True, None),
                                                                     (True, claims[1].id)]
    assert run("duplicates", "-f", "jsonl").stdout == ""
