"""Browsing the store in Datasette: full-text search kept in step with every
write, the claim_details view, and the metadata Datasette loads."""

import asyncio
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.models import Article, Claim
from claimcli.stores.sqlite import Store

pytestmark = pytest.mark.slow

ARTICLE = """Bridge Tolls Rise

Ines Vidal, the city's transport councillor, said that the new tolls would pay for repairs.

“Drivers deserve a bridge that does not rattle,” Vidal said.
"""

runner = CliRunner()


def search(db, words):
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute(
            "SELECT c.text FROM claims c WHERE c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)",
            (words,)))
    finally:
        con.close()


def fts_is_consistent(db):
    con = sqlite3.connect(db)
    try:
        con.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        con.close()


@pytest.fixture()
def store(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "claims.db"
    res = runner.invoke(app, ["extract", str(d), "--db", str(db), "-q"])
    assert res.exit_code == 0, res.output
    return db, d


def test_search_follows_extraction_and_replacement(store):
    db, d = store
    assert search(db, "rattle") == ["“Drivers deserve a bridge that does not rattle,” Vidal said."]
    (d / "bridge.txt").write_text(ARTICLE.replace("rattle", "shake"), encoding="utf-8")
    assert runner.invoke(app, ["extract", str(d), "--db", str(db), "-q"]).exit_code == 0
    assert search(db, "rattle") == []
    assert search(db, "shake") == ["“Drivers deserve a bridge that does not shake,” Vidal said."]
    assert search(db, "vidal AND tolls") == [
        "Ines Vidal, the city's transport councillor, said that the new tolls would pay for repairs."]
    assert fts_is_consistent(db)


def test_search_survives_a_claim_that_replaces_another(tmp_path):
    """INSERT OR REPLACE displaces a row without firing delete triggers."""
    db = tmp_path / "c.db"
    text = "Ports close early today. Ferries wait."
    with Store(str(db)) as s:
        for path in ("a/x.txt", "b/x.txt"):
            art = Article(name="x.txt", path=str(tmp_path / path), text=text + (" " if path[0] == "b" else ""))
            s.write_article(art, [Claim(article="x.txt", text="Ports close early today.", start=0, end=24,
                                        id="c000000000000001")])
    assert search(db, "ports") == ["Ports close early today."]
    assert fts_is_consistent(db)


def test_view_names_the_speaker_and_the_article(store):
    db, _ = store
    con = sqlite3.connect(db)
    rows = con.execute("SELECT speaker, article_title, attribution, text FROM claim_details "
                       "WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'rattle')").fetchall()
    assert rows == [("Ines Vidal", "Bridge Tolls Rise", "direct",
                     "“Drivers deserve a bridge that does not rattle,” Vidal said.")]


def test_metadata_describes_what_the_store_has(store, tmp_path):
    db, _ = store
    out = tmp_path / "meta.json"
    res = runner.invoke(app, ["datasette-metadata", "--db", str(db), "-o", str(out)])
    assert res.exit_code == 0, res.output
    meta = json.loads(out.read_text(encoding="utf-8"))
    tables = meta["databases"]["claims"]["tables"]
    con = sqlite3.connect(db)
    for name, spec in tables.items():
        columns = {r[1] for r in con.execute(f"PRAGMA table_xinfo({name})")}
        assert columns, f"{name} is not in the store"
        assert set(spec.get("columns", {})) - {"rowid"} <= columns, name
        for facet in spec.get("facets", []):
            assert (facet["array"] if isinstance(facet, dict) else facet) in columns
    for name in ("claims", "articles", "claim_details", "speakers"):     # and every column a reader meets
        columns = {r[1] for r in con.execute(f"PRAGMA table_xinfo({name})")} - {"id", "rowid"}
        assert columns <= set(tables[name]["columns"]), (name, columns - set(tables[name]["columns"]))
    assert "arms_sales: Arms sales" in tables["claims"]["columns"]["reasons"]
    assert {t for t, spec in tables.items() if spec.get("hidden")} == {"claim_keys", "cell_counts", "claims_fts"}


def test_datasette_loads_the_metadata(store, tmp_path):
    datasette_app = pytest.importorskip("datasette.app", reason="Datasette is an optional extra (make install adds it)")
    db, _ = store
    meta = json.loads(runner.invoke(app, ["datasette-metadata", "--db", str(db)]).stdout)

    async def browse():
        ds = datasette_app.Datasette(files=[str(db)], metadata=meta)
        await ds.invoke_startup()
        tables = (await ds.client.get("/claims.json")).json()["tables"]
        found = (await ds.client.get("/claims/claim_details.json?_search=rattle&_shape=objects")).json()
        page = (await ds.client.get("/claims/claim_details")).text
        return tables, found, page

    tables, found, page = asyncio.run(browse())
    hidden = {t["name"] for t in tables if t["hidden"]}
    assert {"claim_keys", "cell_counts", "claims_fts"} <= hidden
    assert not hidden & {"claims", "articles", "speakers", "claim_reasons"}
    assert [(r["speaker"], r["article_title"]) for r in found["rows"]] == [("Ines Vidal", "Bridge Tolls Rise")]
    assert {"speaker", "stance", "reasons", "attribution"} <= set(found["facet_results"])
    assert "Every claim with its speaker" in page
