"""What a comparison table can count claims by, once for every store.

A ``Dimension`` says how to read its value for a claim: in SQL (for a claim
``c`` of article ``a``, with the join it needs) and in Python (from a claim
row, for the counts one article write adds or takes away). The table
``cell_counts`` holds, for each dimension alone (``b_dim = ''``) and each
pair (``a_dim < b_dim``), the distinct near-duplicate clusters per value:
``cell_count_selects`` is the one SQL that fills it, in SQLite (the claim
file) and in DuckDB (``claims link`` over a Parquet store). A claim counts
for each of its reasons and each of its speakers; background claims do not
count; an article without a date or an outlet has '' there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Mapping

# the tables a claim's values come from, as each store names them
TABLES = {"claims": "claims", "articles": "articles", "claim_speakers": "claim_speakers"}


@dataclass(frozen=True)
class Dimension:
    name: str
    sql: str                                   # its value for claim c of article a
    values: Callable[[Mapping], list[str]]     # the same from a row of ``CELL_COLUMNS``
    join: str = ""                             # what ``sql`` needs joined to claims c
    empty: str | None = None                   # how a table shows the value '' (None: as it is)
    # The ``queries.Filters`` field that keeps the claims of one of its values
    # (given as a table shows it): what a cell's ``claims query`` command
    # sets. None: no filter does, and a cell has no query. Unless
    # ``queries.where`` resolves it itself (a speaker, an article, a reason,
    # a stance: by name or label), the filter is compared with ``sql``, its
    # ``empty`` label standing for ''; ``folded``: case and accents aside.
    filter: str | None = None
    folded: bool = False


NO_OUTLET, NO_DATE = "(no outlet)", "(no date)"

# the columns ``Dimension.values`` reads, over claims c joined with articles a
CELL_COLUMNS = ("c.id, c.article_id, c.stance, c.reasons, c.cluster, a.outlet, a.published, "
                "(SELECT group_concat(s.speaker_id) FROM claim_speakers s WHERE s.claim_id = c.id) AS speaker_ids")

# In the order ``claims compare --rows`` lists them.
REGISTRY = (
    Dimension("speaker", "COALESCE(cs.speaker_id, '')",
              lambda r: r["speaker_ids"].split(",") if r["speaker_ids"] else [""],
              join=" LEFT JOIN {claim_speakers} cs ON cs.claim_id = c.id", filter="speaker"),
    Dimension("article", "c.article_id", lambda r: [str(r["article_id"])], filter="article"),
    Dimension("outlet", "a.outlet", lambda r: [r["outlet"] or ""], empty=NO_OUTLET, filter="outlet", folded=True),
    Dimension("month", "substr(a.published, 1, 7)", lambda r: [(r["published"] or "")[:7]], empty=NO_DATE,
              filter="month"),
    Dimension("year", "substr(a.published, 1, 4)", lambda r: [(r["published"] or "")[:4]], empty=NO_DATE,
              filter="year"),
    Dimension("reason", "j.value", lambda r: json.loads(r["reasons"]), join=", json_each(c.reasons) j",
              filter="reason"),
    Dimension("stance", "c.stance", lambda r: [r["stance"]], filter="stance"),
)
BY_NAME = {d.name: d for d in REGISTRY}
# name order: a cell of two dimensions is stored under the first
DIMENSIONS = tuple(sorted(BY_NAME))


def value(dim: str) -> str:
    """A dimension's value as text, as ``cell_counts`` holds it."""
    return f"CAST({BY_NAME[dim].sql} AS TEXT)"


def dim_joins(*dims: str, tables: Mapping[str, str] = TABLES) -> str:
    """The joins these dimensions need, in one order for every store."""
    return "".join(BY_NAME[d].join.format(**tables) for d in DIMENSIONS if d in dims)


def cell_count_selects(tables: Mapping[str, str] = TABLES) -> list[str]:
    """One SELECT (a_dim, a, b_dim, b, n) per dimension and per pair of
    dimensions: every row of ``cell_counts``, from the claims."""
    out = []
    for i, a_dim in enumerate(DIMENSIONS):
        for b_dim in ("",) + DIMENSIONS[i + 1:]:
            b = value(b_dim) if b_dim else "''"
            out.append(f"SELECT '{a_dim}' AS a_dim, {value(a_dim)} AS a, '{b_dim}' AS b_dim, {b} AS b, "
                       f"COUNT(DISTINCT COALESCE(c.cluster, c.id)) AS n FROM {tables['claims']} c "
                       f"JOIN {tables['articles']} a ON a.id = c.article_id{dim_joins(a_dim, b_dim, tables=tables)} "
                       f"WHERE c.background = 0 GROUP BY 2, 4")
    return out


def cells(row: Mapping) -> list[tuple[str, str, str, str]]:
    """The cells of ``cell_counts`` one claim row (``CELL_COLUMNS``) counts in."""
    values = {d.name: d.values(row) for d in REGISTRY}
    out = []
    for i, a_dim in enumerate(DIMENSIONS):
        for a in values[a_dim]:
            out.append((a_dim, a, "", ""))
            for b_dim in DIMENSIONS[i + 1:]:
                out.extend((a_dim, a, b_dim, b) for b in values[b_dim])
    return out
