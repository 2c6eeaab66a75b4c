"""Where claims are kept and read.

``open_store(path)`` gives the store at a path, whichever kind it is, as a
``ClaimStore`` (``base``): the SQLite file (``sqlite``), or a Parquet folder
from the Dask engine (``parquet``, linked into ``tables/`` by ``linking``,
read through DuckDB by ``duckdb``). What readers ask of either is
``queries``; the rules they share are each in one module: comparison
dimensions and cell counts (``dimensions``), speaker identity
(``identity``), the SQL dialects (``dialect``), article status and the
one-topic check (``base``).

The Parquet modules need the optional extra ``claims[scale]`` (pyarrow,
DuckDB); this package's ``__init__``, ``open_store`` on a SQLite file and
the SQLite store never import it.
"""

from __future__ import annotations

from pathlib import Path

from .base import (ClaimStore, EmptyStore, NeedsMigration, NoStore, NotAFolder, NotAParquetStore, NotAStore,
                   NotLinked, OtherTopic, ReadOnlyStore, StoreBase)

MARKER = "claims-store.json"     # what makes a folder a Parquet claim store
MISSING_HINT = "pip install 'claims[scale]'  (or run `make install`)"

__all__ = ["ClaimStore", "EmptyStore", "NeedsMigration", "NoStore", "NotAFolder", "NotAParquetStore", "NotAStore",
           "NotLinked", "OtherTopic", "ReadOnlyStore", "StoreBase", "MARKER", "is_store", "open_store", "require"]


def require(*modules: str) -> None:
    """Fail with a clear error when the scale extra is not installed."""
    import importlib.util

    from ..errors import ClaimsError

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise ClaimsError(f"{', '.join(missing)} not installed; the Dask engine and Parquet stores need: {MISSING_HINT}")


def is_store(path) -> bool:
    """A folder made by the Dask engine (cheap: no imports)."""
    return path is not None and (Path(path) / MARKER).is_file()


def open_store(path: str | None = None, *, readonly: bool = True, migrate: bool = False) -> ClaimStore:
    """The claim store at ``path`` (default: $CLAIMS_DB, else ./claims.db):
    a Parquet folder, read through DuckDB, or a SQLite file.

    ``readonly``: for reading only, the store as it is, never written. A
    SQLite store of an older schema raises ``NeedsMigration``, unless
    ``migrate``: then it is first brought up to date (``sqlite.open_reading``,
    a writer's transaction: the one write a reading open can make, and only
    when asked). Else for writing: a new SQLite file is created and an older
    one migrated (a writer's open always migrates, ``migrate`` or not); a
    Parquet store is written by the Dask engine alone and refuses. DuckDB
    and pyarrow are imported only for a Parquet folder."""
    from .sqlite import Store, default_db_path, open_reading

    path = default_db_path(path)
    if is_store(path):
        if not readonly:
            raise ReadOnlyStore.of_parquet(path)
        require("duckdb", "pyarrow")
        from .duckdb import ParquetStore

        return ParquetStore(path)
    if Path(path).is_dir():
        raise NotAStore(f"{path}: is a folder, not a claim store")
    if not readonly:
        return Store(path)
    return open_reading(path) if migrate else Store(path, readonly=True)
