"""A reading open migrates only when asked: ``open_store(path)`` on a store
an earlier release wrote is the ``NeedsMigration`` error, the files left as
they were; ``migrate=True`` (what the CLI's reading commands pass) brings it
up to date first, then reads."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.errors import StoreError
from claimcli.stores import NeedsMigration, open_store, queries
from claimcli.stores.sqlite import SCHEMA_VERSION, Store
from test_open_store import _state
from test_store import _schema_2_store       # a store as an earlier release left it


def _version(path) -> int:
    with Store(str(path), readonly=True) as store:
        return store.db.execute("PRAGMA user_version").fetchone()[0]


def test_a_reading_open_of_an_older_store_without_migrate_is_an_error_and_writes_nothing(tmp_path):
    path = tmp_path / "old.db"
    _schema_2_store(path)
    before = _state(tmp_path)
    for open_it in (lambda: open_store(str(path)), lambda: open_store(str(path), readonly=True, migrate=False)):
        with pytest.raises(NeedsMigration) as e:
            open_it()
        assert isinstance(e.value, StoreError) and e.value.version == 2
        assert str(e.value) == f"{path}: schema 2 needs migrating to {SCHEMA_VERSION} before it is read"
    assert _state(tmp_path) == before


def test_a_reading_open_with_migrate_brings_it_up_to_date_then_reads(tmp_path):
    path = tmp_path / "old.db"
    _schema_2_store(path)
    with open_store(str(path), migrate=True) as store:
        assert store.readonly
        assert [(c.id, c.speaker, c.article) for c in queries.query(store, queries.Filters())] == [
            ("c1", "Zoë Brandt", "a.txt"), ("c2", None, "stdin-0123456789ab")]
    assert _version(path) == SCHEMA_VERSION
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]
    # a store already up to date: migrate or not, the same store, nothing written
    before = _state(tmp_path)
    for migrate in (False, True):
        with open_store(str(path), migrate=migrate) as store:
            assert [c.id for c in store.claims()] == ["c1", "c2"]
    assert _state(tmp_path) == before


def test_a_reading_command_still_reads_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    _schema_2_store(path)
    res = CliRunner().invoke(app, ["query", "--speaker", "brandt", "--db", str(path), "-f", "jsonl"])
    assert res.exit_code == 0, res.stderr
    assert [line.count('"speaker": "Zoë Brandt"') for line in res.stdout.splitlines()] == [1]
    assert _version(path) == SCHEMA_VERSION


def test_a_writing_open_migrates_migrate_or_not(tmp_path):
    path = tmp_path / "old.db"
    _schema_2_store(path)
    with open_store(str(path), readonly=False) as store:
        assert not store.readonly and [c.id for c in store.claims()] == ["c1", "c2"]
    assert _version(path) == SCHEMA_VERSION
