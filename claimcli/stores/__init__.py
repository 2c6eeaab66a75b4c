"""Where claims are kept and read: the SQLite store (``sqlite``) and what the
reading commands ask of it (``queries``); beyond one machine, the Parquet
store (``parquet``), its linking into ``tables/`` (``linking``) and the
DuckDB reader over it (``duckdb``).

The Parquet modules need the optional extra ``claims[scale]`` (pyarrow,
DuckDB); this package's ``__init__`` and the SQLite store never import it.
"""

from pathlib import Path

MARKER = "claims-store.json"     # what makes a folder a Parquet claim store
MISSING_HINT = "pip install 'claims[scale]'  (or run `make install`)"


class Closing:
    """What every store does as a context manager: ``with`` closes it
    (``close`` is each store's own)."""

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def require(*modules: str) -> None:
    """Fail with a clear error when the scale extra is not installed."""
    import importlib.util

    from ..errors import ClaimsError

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise ClaimsError(f"{', '.join(missing)} not installed; the Dask engine and Parquet stores need: {MISSING_HINT}")


def is_store(path) -> bool:
    """A folder made by ``claims extract --engine dask`` (cheap: no imports)."""
    return path is not None and (Path(path) / MARKER).is_file()
