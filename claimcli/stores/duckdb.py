"""Reading a Parquet claim store through DuckDB, with the readers of ``queries``.

``ParquetStore`` answers the SQL that ``queries`` sends a ``Store``: the same
table and column names over ``tables/`` (claims and reasons stay Parquet
files; the small tables are loaded into memory), ``fold`` and ``name_key``
as SQL functions, and a ``json_each`` that yields text values as SQLite's
does. So ``claims query``, ``compare``, ``speakers``, ``duplicates`` and
``export`` print the same rows from either store. The one reader whose SQL
is SQLite-only (bare columns beside GROUP BY) has its DuckDB form here.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from pathlib import Path
from typing import Iterator

from ..errors import StoreError
from ..models import Claim, Evidence
from . import Closing, parquet

SMALL_TABLES = ("articles", "speakers", "speaker_aliases", "claim_speakers", "cell_counts")
BIG_TABLES = ("claims", "claim_reasons")


# Result rows are ``sqlite3.Row`` objects, so ``queries`` reads them exactly
# as it reads the SQLite store's, at the same (C) speed: a Row takes its
# column names from a cursor, here one that selected as many NULLs.
_NAMES = sqlite3.connect(":memory:", check_same_thread=False)


def _row_factory(names: list[str]):
    cols = ", ".join('NULL AS "{}"'.format(n.replace('"', '""')) for n in names) or "NULL"
    return functools.partial(sqlite3.Row, _NAMES.execute(f"SELECT {cols}"))


class Cursor:
    """``execute``/``fetch*`` over a DuckDB cursor of its own, so a result
    being read is never cut short by another query."""

    def __init__(self, con, row_factory=sqlite3.Row):
        self._con = con
        self._cur = None
        self._row = None
        self.row_factory = row_factory

    def execute(self, sql: str, params=()):
        self._cur = self._con.cursor()
        self._cur.execute(sql, list(params))
        self._row = _row_factory([d[0] for d in self._cur.description or ()])
        return self

    def _wrap(self, rows):
        if self.row_factory is None:
            return rows
        return list(map(self._row, rows))

    def fetchone(self):
        r = self._cur.fetchone()
        return None if r is None else self._wrap([r])[0]

    def fetchall(self) -> list:
        return self._wrap(self._cur.fetchall())

    def fetchmany(self, n: int) -> list:
        return self._wrap(self._cur.fetchmany(n))

    def __iter__(self) -> Iterator:
        while True:
            rows = self.fetchmany(2048)
            if not rows:
                return
            yield from rows


class Connection:
    def __init__(self, con):
        self._con = con

    def execute(self, sql: str, params=()) -> Cursor:
        return Cursor(self._con).execute(sql, params)

    def cursor(self) -> Cursor:
        return Cursor(self._con)

    def close(self) -> None:
        self._con.close()


def _text_udf(fn):
    return lambda v: fn(v) if isinstance(v, str) else v


class ParquetStore(Closing):
    """A read-only claim store over a Parquet folder, for ``queries``."""

    readonly = True

    def __init__(self, path: str):
        import duckdb

        from ..text.names import fold, name_key

        self.path = path
        root = Path(path)
        if not parquet.is_store(root):
            raise StoreError(f"{path}: not a Parquet claim store")
        tables = root / "tables"
        if not (tables / "claims.parquet").is_file():
            raise StoreError(f"{path}: its claims are not linked yet; run `claims link {path}` first")
        if not (tables / "claim_speakers.parquet").is_file():
            raise StoreError(f"{path}: linked by an older claims; run `claims link {path}` again")
        con = duckdb.connect()
        # a reader asks several queries of one file: parse its footer once
        con.execute("SET parquet_metadata_cache = true")
        con.execute("SET enable_progress_bar = false")
        con.create_function("fold", _text_udf(fold), ["VARCHAR"], "VARCHAR", side_effects=False)
        con.create_function("name_key", _text_udf(name_key), ["VARCHAR"], "VARCHAR", side_effects=False)
        # SQLite's json_each yields text values ("a"), DuckDB's JSON ('"a"')
        con.execute("CREATE MACRO json_each(j) AS TABLE SELECT unnest(CAST(j AS VARCHAR[])) AS value")
        for name in SMALL_TABLES:      # read whole or looked up often: in memory
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{tables / (name + '.parquet')}')")
        for name in BIG_TABLES:        # read by row group, as filters and statistics allow
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{tables / (name + '.parquet')}')")
        self.db = Connection(con)

    # ---- what ``queries`` asks of a Store ---------------------------------

    @staticmethod
    def claim_of(r) -> Claim:
        from .sqlite import Store

        c = Store.claim_of(r)
        ev = r["evidence"]
        if ev != "[]":                      # most claims cite no evidence: skip the parse
            c.evidence.extend(Evidence(e["reason"], e["text"], e["start"], e["end"], e.get("role")) for e in json.loads(ev))
        return c

    def with_evidence(self, claims: list[Claim]) -> list[Claim]:
        return claims                       # read with each claim, from its row

    def labellings(self) -> list[dict]:
        """What labelled the articles, most articles first (``Store.labellings``)."""
        cols = ("profile", "profile_sha256", "profile_path", "pipeline", "articles")
        return [dict(zip(cols, r)) for r in self.db.execute(
            "SELECT profile, profile_sha256, profile_path, pipeline, count(*) AS articles FROM articles "
            "GROUP BY 1, 2, 3, 4 ORDER BY articles DESC, profile")]

    def labelled_with(self) -> str | None:
        from .sqlite import Store

        return Store.labelled_with(self)

    def counts(self) -> dict:
        q = lambda sql: self.db.execute(sql).fetchone()[0]
        return {"articles": q("SELECT count(*) FROM articles"), "claims": q("SELECT count(*) FROM claims"),
                "speakers": q("SELECT count(*) FROM speakers"), "format": parquet.FORMAT_VERSION}

    def claims(self, where: str = "", params: tuple = (), limit: int | None = None) -> list[Claim]:
        # the claims table carries article_key and speaker_canonical (what
        # CLAIM_SELECT joins for): join articles only for a clause that asks
        join = " JOIN articles a ON a.id = c.article_id" if re.search(r"\ba\.", where) else ""
        sql = f"SELECT c.* FROM claims c{join} {where} ORDER BY c.article_id, c.seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [self.claim_of(r) for r in self.db.execute(sql, params)]


def open_store(path: str) -> ParquetStore:
    from . import require

    require("duckdb", "pyarrow")
    return ParquetStore(path)


# ---- readers whose SQL differs ------------------------------------------------

def reason_rows(store: ParquetStore, f=None, *, profile=None) -> Iterator[dict]:
    """``queries.reason_rows`` over DuckDB: one row per (claim, reason)."""
    from .queries import _NOT_STANCE, _everything, reason_record, where

    clause, params = where(store, _everything(f), profile)
    labels = {r.id: r.label for r in profile.reasons} if profile else {}
    cur = store.db.execute(
        "SELECT r.reason, c.id, any_value(c.article) AS article, any_value(c.speaker) AS speaker, "
        "any_value(c.speaker_role) AS speaker_role, any_value(c.attribution) AS attribution, "
        "any_value(c.stance) AS stance, any_value(c.text) AS text, "
        "any_value(COALESCE(c.cluster, c.id)) AS cluster, any_value(c.duplicate_of) AS duplicate_of, "
        "any_value(c.background) AS background, any_value(s.name) AS speaker_canonical, "
        "string_agg(r.evidence, ' | ' ORDER BY r.rowid) AS evidence, "
        "any_value((SELECT string_agg(w.evidence || CASE WHEN w.role IS NULL THEN '' ELSE ' (' || w.role || ')' END, "
        "'; ' ORDER BY w.rowid) FROM claim_reasons w WHERE w.claim_id = c.id AND w.reason = 'stance:' || c.stance)) "
        "AS stance_why "
        "FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN speakers s ON s.id = c.speaker_id "
        f"JOIN claim_reasons r ON r.claim_id = c.id AND {_NOT_STANCE} {clause} GROUP BY c.id, r.reason "
        "ORDER BY any_value(a.id), any_value(c.seq), min(r.rowid)", params)
    for r in cur:
        yield reason_record(r, labels)
