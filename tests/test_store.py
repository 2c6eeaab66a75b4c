"""The store as a library: counts kept in step with the claims, migrations,
and stores it must refuse. Claims are built by hand; no parser needed."""

import sqlite3

import pytest

from claimcli.dedup import Linker
from claimcli.errors import InputError, StoreError
from claimcli.models import Article, Claim
from claimcli.queries import Filters, compare, speaker_ids
from claimcli.store import MIGRATIONS, SCHEMA_VERSION, Store


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
    keys = Linker(store).link(claims, exclude_path=store.article_key(art))
    store.write_article(art, claims, keys)
    return claims


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
