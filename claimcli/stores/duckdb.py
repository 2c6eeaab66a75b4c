"""Reading a Parquet claim store through DuckDB, with the readers of ``queries``.

``ParquetStore`` answers the SQL that ``queries`` sends a ``Store``: the same
table and column names over ``tables/`` (claims and reasons stay Parquet
files; the small tables are loaded into memory), and the shared functions
of ``dialect`` (``fold``, ``name_key``, a ``json_each`` that yields text
values as SQLite's does). So ``claims query``, ``compare``, ``speakers``,
``duplicates`` and ``export`` print the same rows from either store.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from pathlib import Path
from typing import Iterator

from ..models import Claim, Evidence
from . import parquet
from .base import NotAParquetStore, NotLinked, ReadOnlyStore, StoreBase
from .dialect import DUCKDB

SMALL_TABLES = ("articles", "speakers", "speaker_aliases", "claim_speakers", "cell_counts")
BIG_TABLES = ("claims", "claim_reasons")


# Result rows are ``sqlite3.Row`` objects, so ``queries`` reads them exactly
# as it reads the SQLite store's, at the same (C) speed: a Row takes its
# column names from a cursor, here one that selected as many NULLs, on a
# connection to memory made the first time a row is read.
@functools.cache
def _names():
    return sqlite3.connect(":memory:", check_same_thread=False)


def _row_factory(names: list[str]):
    cols = ", ".join('NULL AS "{}"'.format(n.replace('"', '""')) for n in names) or "NULL"
    return functools.partial(sqlite3.Row, _names().execute(f"SELECT {cols}"))


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


class ParquetStore(StoreBase):
    """A read-only claim store over a Parquet folder, for ``queries``."""

    readonly = True
    dialect = DUCKDB
    VERSION = ("format", parquet.FORMAT_VERSION)

    def __init__(self, path: str):
        import duckdb

        self.path = path
        root = Path(path)
        if not parquet.is_store(root):
            raise NotAParquetStore(f"{path}: not a Parquet claim store")
        tables = root / "tables"
        if not (tables / "claims.parquet").is_file():
            raise NotLinked(f"{path}: its claims are not linked yet", path, again=False)
        if not (tables / "claim_speakers.parquet").is_file():
            raise NotLinked(f"{path}: linked by an older claims", path, again=True)
        con = duckdb.connect()
        # a reader asks several queries of one file: parse its footer once
        con.execute("SET parquet_metadata_cache = true")
        con.execute("SET enable_progress_bar = false")
        self.dialect.install(con)
        for name in SMALL_TABLES:      # read whole or looked up often: in memory
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{tables / (name + '.parquet')}')")
        for name in BIG_TABLES:        # read by row group, as filters and statistics allow
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{tables / (name + '.parquet')}')")
        self.db = Connection(con)

    # ---- claims, as the Parquet tables hold them ----------------------------

    @staticmethod
    def claim_of(r) -> Claim:
        """The claim of a row, whole: the claims table carries its evidence."""
        from .sqlite import Store

        ev = r["evidence"]
        if ev == "[]":                      # most claims cite no evidence: skip the parse
            return Store.claim_of(r)
        return Store.claim_of(r, (Evidence(e["reason"], e["text"], e["start"], e["end"], e.get("role"))
                                  for e in json.loads(ev)))

    def claims_of(self, rows) -> list[Claim]:
        return [self.claim_of(r) for r in rows]     # each row holds its claim's evidence

    def claim_select(self, where: str, order: str) -> str:
        # the claims table carries article_key and speaker_canonical (what
        # CLAIM_SELECT joins for): join articles only for a clause that asks
        join = " JOIN articles a ON a.id = c.article_id" if re.search(r"\ba\.", where + " " + order) else ""
        return f"SELECT c.* FROM claims c{join}"

    # ---- what only the SQLite store can do ----------------------------------

    def _read_only(self, *_args, **_kw):
        raise ReadOnlyStore.of_parquet(self.path)

    correct = remove = merge_speakers = split_speaker = _read_only

    def corrections(self, key: str | None = None) -> list:
        return []                           # made by hand, in a SQLite store alone


