"""A comparison dimension names the filter that keeps the claims of one of
its values (``Dimension.filter``), and both a cell's ``claims query``
command (``Comparison.cell_filters``) and ``queries.where`` read it from
``dimensions.REGISTRY``: every cell of every pair of dimensions lists as
many claims as it counts, on a store of our own with outlets, dates, an
undated article, joint and unnamed speakers (``test_open_store._sqlite``)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import shlex

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.cli.app import cell_rows
from claimcli.stores import open_store, queries
from claimcli.stores.dimensions import BY_NAME, DIMENSIONS, REGISTRY
from test_open_store import _sqlite

F = queries.Filters


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return _sqlite(tmp_path_factory.mktemp("dims") / "c.db")


def test_each_dimension_names_a_value_filter_with_its_exclusion():
    fields = {f.name: f.default for f in dataclasses.fields(F)}
    assert {d.name: d.filter for d in REGISTRY} == {d: d for d in DIMENSIONS}
    for d in REGISTRY:
        assert fields[d.filter] == () and fields[f"not_{d.filter}"] == (), d.name


@pytest.mark.parametrize("given", [F(), F(stance="critical"), F(not_outlet="tidewater gazette")],
                         ids=["unfiltered", "stance", "not-outlet"])
def test_every_cell_of_every_pair_lists_what_it_counts(db, given):
    cells = 0
    with open_store(db) as store:
        for rows, cols in itertools.permutations(DIMENSIONS, 2):
            table = queries.compare(store, rows, cols, given)
            assert table.counts, (rows, cols)
            for (r, c), n in table.counts.items():
                f = table.cell_filters(r, c)
                # the table's filters, and each dimension's own (the author's voice: its attribution)
                cell = {("attribution" if dim == "speaker" and label == queries.AUTHOR else BY_NAME[dim].filter):
                        ((label if label != queries.AUTHOR else "author"),) for dim, label in ((rows, r), (cols, c))}
                assert f == dataclasses.replace(given, **cell), (rows, cols, r, c)
                listed = queries.query(store, f, unique=True)
                assert len(listed) == n, (rows, cols, r, c)
                cells += 1
        if given == F():        # every stored cell of a pair, once each way round
            assert cells == 2 * store.db.execute("SELECT count(*) FROM cell_counts WHERE b_dim != '' AND n > 0").fetchone()[0]


@pytest.mark.slow
def test_a_cells_command_runs_and_lists_its_claims(db):
    """By outlet, month and year too: the cell's command, run, lists the cell's claims."""
    runner = CliRunner()
    with open_store(db) as store:
        for rows in ("outlet", "month", "year", "speaker", "article", "reason"):
            table = queries.compare(store, rows, "stance")
            for cell in cell_rows(table, db):
                args = shlex.split(cell["query"])
                assert args[:2] == ["claims", "query"]
                assert f"--{rows}" in args or cell[rows] == queries.AUTHOR and "--attribution" in args, cell
                res = runner.invoke(app, [*args[1:], "-f", "jsonl"])
                assert res.exit_code == 0, res.stderr
                listed = [json.loads(line) for line in res.stdout.splitlines()]
                assert len(listed) == cell["claims"], cell
                assert {x["stance"] for x in listed} == {cell["stance"]}
        by_month = cell_rows(queries.compare(store, "month", "stance"), None)
    assert [(c["month"], c["stance"], c["query"]) for c in by_month if c["month"] == "(no date)"] == [
        ("(no date)", "critical", "claims query --stance critical --month '(no date)' --unique")]


def test_a_dimension_no_filter_selects_has_no_cell_query(db, monkeypatch):
    """Rather than a command that leaves the dimension out and lists the
    whole column."""
    monkeypatch.setitem(BY_NAME, "month", dataclasses.replace(BY_NAME["month"], filter=None))
    with open_store(db) as store:
        table = queries.compare(store, "month", "stance")
    assert table.cell_filters("2024-03", "critical") is None
    assert [(c["month"], c["stance"], c["query"]) for c in cell_rows(table, None)] == [
        ("2024-03", "critical", None), ("2024-03", "neutral", None), ("2024-03", "supportive", None),
        ("2024-04", "critical", None), ("2024-04", "neutral", None), ("2024-04", "supportive", None),
        ("(no date)", "critical", None)]
