"""Beyond one machine: extraction on Dask, claims in Parquet, tables over DuckDB.

Everything here needs the optional extra ``claims[scale]`` (Dask, pyarrow,
DuckDB); the default CLI and its SQLite store never import it.
"""

MISSING_HINT = "pip install 'claims[scale]'  (or run `make install`)"


def require(*modules: str) -> None:
    """Fail with a clear error when the scale extra is not installed."""
    import importlib.util

    from ..errors import ClaimsError

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise ClaimsError(f"{', '.join(missing)} not installed; the Dask engine and Parquet stores need: {MISSING_HINT}")
