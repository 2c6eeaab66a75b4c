"""The two SQL dialects the stores speak: SQLite (the claim file) and DuckDB
(over a Parquet store's tables).

Readers write one SQL template for both; where the dialects differ, the
template asks a ``Dialect`` for the fragment, so every difference is named
here and nowhere else. What both need besides SQL, the text functions
``fold`` and ``name_key``, is registered on a connection by ``install``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


def _text(fn):
    """A text function for SQL that passes NULL and numbers through."""
    return lambda value: fn(value) if isinstance(value, str) else value


def sql_functions() -> dict[str, Callable]:
    """The Python functions SQL calls by name: case- and accent-folded text,
    and a person's name as the store finds it (``text.names``)."""
    from ..text.names import fold, name_key

    return {"fold": _text(fold), "name_key": _text(name_key)}


def _register_sqlite(con, name: str, fn) -> None:
    con.create_function(name, 1, fn, deterministic=True)


def _register_duckdb(con, name: str, fn) -> None:
    con.create_function(name, fn, ["VARCHAR"], "VARCHAR", side_effects=False)


@dataclass(frozen=True)
class Dialect:
    name: str
    # a column's value in a GROUP BY query where each group has one (SQLite
    # allows the bare column; DuckDB wants an aggregate)
    any: Callable[[str], str]
    # a group's texts joined by ``sep``, in the order of ``order`` (SQLite's
    # group_concat takes no order: it follows the rows as read)
    concat: Callable[[str, str, str], str]
    # statements that give a connection what the other dialect has built in
    setup: tuple[str, ...]
    _register: Callable

    def install(self, con) -> None:
        """Make ``con`` answer the shared SQL: the text functions, and this
        dialect's ``setup``."""
        for name, fn in sql_functions().items():
            self._register(con, name, fn)
        self.prepare(con)

    def prepare(self, con) -> None:
        """This dialect's ``setup`` alone, for SQL that calls no text
        function (again and again, if need be)."""
        for stmt in self.setup:
            con.execute(stmt)


SQLITE = Dialect(
    name="sqlite",
    any=lambda expr: expr,
    concat=lambda expr, sep, order: f"group_concat({expr}, '{sep}')",
    setup=(),
    _register=_register_sqlite,
)

DUCKDB = Dialect(
    name="duckdb",
    any=lambda expr: f"any_value({expr})",
    concat=lambda expr, sep, order: f"string_agg({expr}, '{sep}' ORDER BY {order})",
    # SQLite's json_each(list) yields each element as text ("a"); DuckDB's
    # own yields JSON ('"a"'): this one yields text, under SQLite's name
    setup=("CREATE OR REPLACE MACRO json_each(j) AS TABLE SELECT unnest(CAST(j AS VARCHAR[])) AS value",),
    _register=_register_duckdb,
)
