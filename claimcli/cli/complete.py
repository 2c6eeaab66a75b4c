"""Shell completion of option values: speakers, reasons, stances, articles
and profiles, read straight from the store (plain ``sqlite3``) and the
installed profiles (``tomllib``), so a Tab press costs milliseconds: no
spaCy, no rapidfuzz, no store migrations. Any failure completes nothing."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path



def _db(ctx) -> str:
    from ..stores.sqlite import DEFAULT_DB

    return (ctx.params.get("db") if ctx is not None else None) or os.environ.get("CLAIMS_DB") or DEFAULT_DB


def _rows(ctx, sql: str) -> list[tuple]:
    path = _db(ctx)
    if not Path(path).is_file():
        return []
    from ..errors import ClaimsError
    from ..stores.sqlite import connect_read_only

    try:
        con = connect_read_only(Path(path), timeout=1)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()
    except (sqlite3.Error, ClaimsError):
        return []


def _matching(pairs, incomplete: str) -> list[tuple[str, str]]:
    """(value, help) pairs whose value starts with what was typed (Typer
    keeps those only), one per value, the first help."""
    out: dict[str, str] = {}
    for value, help_ in pairs:
        if value and value.startswith(incomplete):
            out.setdefault(value, help_ or "")
    return list(out.items())


def speakers(ctx, incomplete: str) -> list[tuple[str, str]]:
    return _matching(_rows(ctx, "SELECT name, COALESCE(role, '') FROM speakers ORDER BY name"), incomplete)


def articles(ctx, incomplete: str) -> list[tuple[str, str]]:
    return _matching(_rows(ctx, "SELECT name, COALESCE(title, '') FROM articles ORDER BY name"), incomplete)


def _profile(ctx) -> dict:
    """The profile the command reads with: --profile, else the one that
    labelled the store, else the default; as raw TOML."""
    from ..judging.profiles import resolve
    from ..text import toml as tomllib

    name = ctx.params.get("profile") if ctx is not None else None
    if not name:
        row = _rows(ctx, "SELECT profile_path FROM articles WHERE profile_path IS NOT NULL ORDER BY id DESC LIMIT 1")
        name = row[0][0] if row and row[0][0] and Path(row[0][0]).is_file() else None
    try:
        return tomllib.loads(resolve(name).read_text(encoding="utf-8"))
    except Exception:       # completion never fails loudly
        return {}


def reasons(ctx, incomplete: str) -> list[tuple[str, str]]:
    table = _profile(ctx).get("reasons", {})
    pairs = [(rid, t.get("label", rid)) for rid, t in table.items() if isinstance(t, dict)]
    pairs += [(r, "") for (r,) in _rows(ctx, "SELECT DISTINCT a FROM cell_counts WHERE a_dim = 'reason' AND b_dim = ''")]
    return _matching(pairs, incomplete)


def stances(ctx, incomplete: str) -> list[tuple[str, str]]:
    table = _profile(ctx).get("stances", {})
    pairs = [(sid, t.get("description", "")[:60]) for sid, t in table.items() if isinstance(t, dict)]
    return _matching(pairs, incomplete)


def attributions(ctx, incomplete: str) -> list[tuple[str, str]]:
    return _matching([("direct", "quoted words"), ("reported", "reported speech"), ("author", "the author's own")],
                     incomplete)


def profiles(ctx, incomplete: str) -> list[tuple[str, str]]:
    from ..judging.profiles import installed_profiles

    try:
        return _matching([(name, str(path)) for name, path in installed_profiles().items()], incomplete)
    except Exception:
        return []
