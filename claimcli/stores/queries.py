"""Reading the claim store: filters, speakers, comparison tables, exports.

Everything here takes a ``Store`` and returns plain rows, so a notebook user
gets the same answers as ``claims query`` / ``compare`` / ``export``. SQL is
always parameterised; filters become one WHERE clause shared by every
reader, so a cell of ``compare`` and ``query`` with the same filters see the
same claims. Comparison counts a near-duplicate cluster once per cell;
``query(..., unique=True)`` lists one claim per cluster, so its length is
the cell's count. Background claims are left out unless ``Filters.background``
asks for them; exports always carry them (with their ``background`` flag).
"""

from __future__ import annotations

import shlex
from collections import Counter
from dataclasses import dataclass, fields, replace
from typing import Iterator

from rapidfuzz import fuzz, process

from ..errors import InputError
from ..models import Claim
from ..text.names import fold, name_key
from .sqlite import CLAIM_SELECT, DIM_VALUE, DIMENSIONS, Store, dim_joins

AUTHOR = "(author)"          # the row label of the author's own voice
_UNIQUE = "COUNT(DISTINCT COALESCE(c.cluster, c.id))"
_NOT_STANCE = "r.reason NOT LIKE 'stance:%'"


@dataclass
class Filters:
    speaker: str | None = None
    reason: str | None = None
    stance: str | None = None
    article: str | None = None
    attribution: str | None = None
    contains: str | None = None
    min_confidence: str | None = None   # the labeller's stance probability, at least ("0.7")
    background: bool = False    # include background claims

    def options(self) -> list[str]:
        """The same filters as ``claims query`` options."""
        out = []
        for f in fields(self):
            value = getattr(self, f.name)
            name = f.name.replace("_", "-")
            if value is True:
                out.append(f"--{name}")
            elif value is not None and value is not False:
                out += [f"--{name}", value]
        return out


def speaker_ids(store: Store, name: str) -> list[int]:
    """Speakers a user means by ``name``: the full name or an alias, else the
    surname, else every speaker whose name holds all its words; case and
    accents aside (all by index but the last). Nothing found is an error
    that names the nearest speakers."""
    q = name_key(name)
    if not q:
        raise InputError("--speaker: give a name")
    found = [r[0] for r in store.db.execute(
        "SELECT id FROM speakers WHERE name_key = ? UNION SELECT speaker_id FROM speaker_aliases WHERE alias_key = ? "
        "UNION SELECT id FROM speakers WHERE surname_key IN (?, ?) AND NOT EXISTS "
        "(SELECT 1 FROM speakers WHERE name_key = ? UNION SELECT 1 FROM speaker_aliases WHERE alias_key = ?)",
        (q, q, q, q.replace("'", "’"), q, q))]
    if found:
        return sorted(found)
    words = set(q.split())
    rows = store.db.execute("SELECT id, name, name_key FROM speakers").fetchall()
    partial = [r["id"] for r in rows if words <= set(r["name_key"].split())]
    if partial:
        return partial
    raise InputError(f"no speaker matches {name!r}" + _suggest(q, sorted({r["name"] for r in rows})))


def _suggest(q: str, choices: list[str]) -> str:
    near = process.extract(q, choices, scorer=fuzz.WRatio, processor=name_key, limit=3, score_cutoff=60)
    return "; did you mean: " + ", ".join(c for c, _, _ in near) + "?" if near else ""


def article_ids(store: Store, name: str) -> list[int]:
    """Articles by file name, with or without its extension, or by path."""
    from pathlib import Path

    rows = store.db.execute("SELECT id, name, path FROM articles").fetchall()
    resolved = str(Path(name).resolve())
    hits = [r["id"] for r in rows
            if name in (r["name"], r["path"], Path(r["path"]).name) or r["path"] == resolved
            or Path(r["name"]).stem == name]
    if not hits:
        raise InputError(f"no article matches {name!r}" + _suggest(name, sorted({r["name"] for r in rows})))
    return hits


def _known(store: Store, what: str, value: str, extra: list[str]) -> None:
    """The profile's ids and those in the store (from its counts: no scan)."""
    known = {r[0] for r in store.db.execute(
        "SELECT a FROM cell_counts WHERE a_dim = ? AND b_dim = '' AND n > 0", (what,))} | set(extra)
    if value not in known:
        raise InputError(f"unknown {what} {value!r}; known: {', '.join(sorted(known)) or 'none'}")


def where(store: Store, f: Filters, profile=None) -> tuple[str, list]:
    """The WHERE clause (over ``claims c`` joined with ``articles a``) for ``f``."""
    sql, params = [], []

    def among(col: str, ids: list) -> None:
        sql.append(f"{col} IN ({','.join('?' * len(ids))})")
        params.extend(ids)

    if f.speaker is not None:
        # a claim of several people is each one's (claim_speakers)
        ids = speaker_ids(store, f.speaker)
        sql.append(f"c.id IN (SELECT claim_id FROM claim_speakers WHERE speaker_id IN ({','.join('?' * len(ids))}))")
        params.extend(ids)
    if f.article is not None:
        among("c.article_id", article_ids(store, f.article))
    if f.stance is not None:
        _known(store, "stance", f.stance, profile.stance_ids if profile else [])
        sql.append("c.stance = ?")
        params.append(f.stance)
    if f.reason is not None:
        _known(store, "reason", f.reason, [r.id for r in profile.reasons] if profile else [])
        if f.speaker is not None or f.article is not None:   # few claims: look each one's reasons up
            sql.append("EXISTS (SELECT 1 FROM claim_reasons r WHERE r.claim_id = c.id AND r.reason = ?)")
        else:                                                   # start from the reason's index
            sql.append("c.id IN (SELECT claim_id FROM claim_reasons WHERE reason = ?)")
        params.append(f.reason)
    if f.attribution is not None:
        if f.attribution not in ("direct", "reported", "author"):
            raise InputError(f"unknown attribution {f.attribution!r}; use direct, reported or author")
        sql.append("c.attribution = ?")
        params.append(f.attribution)
    if f.contains:
        sql.append("instr(fold(c.text), ?) > 0")
        params.append(fold(f.contains))
    if f.min_confidence is not None:
        try:
            least = float(f.min_confidence)
        except ValueError:
            least = -1.0
        if not 0.0 <= least <= 1.0:
            raise InputError(f"--min-confidence takes a probability from 0 to 1, not {f.min_confidence!r}")
        # claims the rules alone labelled carry no probability: they stay
        sql.append("(c.stance_confidence IS NULL OR c.stance_confidence >= ?)")
        params.append(least)
    if not f.background:
        sql.append("c.background = 0")
    return ("WHERE " + " AND ".join(sql) if sql else ""), params


def query(store: Store, f: Filters, *, profile=None, limit: int | None = None, unique: bool = False) -> list[Claim]:
    """The claims that match ``f``, in article order, with their evidence;
    ``unique``: the first matching claim of each near-duplicate cluster only
    (what ``compare`` counts)."""
    clause, params = where(store, f, profile)
    found = store.claims(clause, tuple(params), None if unique else limit)
    if unique:
        found = list(_first_of_each_cluster(found))[:limit]
    return store.with_evidence(found)


def _first_of_each_cluster(claims):
    seen = set()
    for c in claims:
        root = c.cluster or c.id
        if root not in seen:
            seen.add(root)
            yield c


def speakers(store: Store, stances: list[str] | None = None, *, background: bool = False) -> list[dict]:
    """One row per speaker: role, claims and articles, and claims per stance;
    a near-duplicate cluster counts once. Read from the store's cell counts,
    so it costs the number of speakers, not of claims; with ``background``
    claims too, from the claims themselves."""
    cells = lambda sql: store.db.execute(sql).fetchall()
    if background:
        sid = "CAST(cs.speaker_id AS TEXT)"
        live = f"FROM claims c JOIN claim_speakers cs ON cs.claim_id = c.id GROUP BY"
        totals = dict(cells(f"SELECT {sid}, {_UNIQUE} {live} 1"))
        articles = dict(cells(f"SELECT {sid}, COUNT(DISTINCT c.article_id) {live} 1"))
        by_stance = cells(f"SELECT {sid}, c.stance, {_UNIQUE} {live} 1, 2")
    else:
        totals = {r[0]: r[1] for r in cells("SELECT a, n FROM cell_counts WHERE a_dim = 'speaker' AND b_dim = '' "
                                            "AND a != '' AND n > 0")}
        articles = {r[0]: r[1] for r in cells("SELECT b, count(*) FROM cell_counts WHERE a_dim = 'article' "
                                              "AND b_dim = 'speaker' AND b != '' AND n > 0 GROUP BY b")}
        by_stance = cells("SELECT a, b, n FROM cell_counts WHERE a_dim = 'speaker' AND b_dim = 'stance' "
                          "AND a != '' AND n > 0")
    aliases: dict[str, list[str]] = {}
    for sid, alias in cells("SELECT speaker_id, alias FROM speaker_aliases ORDER BY alias"):
        aliases.setdefault(str(sid), []).append(alias)
    seen_stances = list(stances or [])
    for _, stance, _ in by_stance:
        if stance not in seen_stances:
            seen_stances.append(stance)
    out: dict[str, dict] = {}
    for sid, name, role in cells("SELECT id, name, role FROM speakers"):
        sid = str(sid)
        if sid in totals:
            out[sid] = {"speaker": name, "role": role, "claims": totals[sid], "articles": articles.get(sid, 0),
                        **{s: 0 for s in seen_stances},
                        "aliases": [a for a in aliases.get(sid, []) if a != name]}
    for sid, stance, n in by_stance:
        if sid in out:
            out[sid][stance] = n
    return sorted(out.values(), key=lambda d: (-d["claims"], d["speaker"]))


def speaker_columns(rows: list[dict]) -> tuple[str, ...]:
    fixed = ("speaker", "role", "claims", "articles")
    stances = [k for k in (rows[0] if rows else {}) if k not in fixed and k != "aliases"]
    return fixed + tuple(stances) + ("aliases",)


# ---- comparison tables -------------------------------------------------

@dataclass
class Comparison:
    rows: str
    cols: str
    row_labels: list[str]
    col_labels: list[str]
    counts: dict[tuple[str, str], int]
    row_totals: dict[str, int]
    filters: Filters

    def cell_filters(self, row: str, col: str) -> Filters:
        """The ``claims query`` filters that list the claims behind a cell."""
        f = Filters(**{k.name: getattr(self.filters, k.name) for k in fields(Filters)})
        for dim, label in ((self.rows, row), (self.cols, col)):
            if dim == "speaker" and label == AUTHOR:
                f.attribution = "author"
            else:
                setattr(f, dim, label)
        return f

    def wide(self) -> list[dict]:
        """One dict per row label: the row, each column's count, the total."""
        return [{self.rows: r, **{c: self.counts.get((r, c), 0) for c in self.col_labels}, "claims": self.row_totals[r]}
                for r in self.row_labels]

    def cells(self, extra: list[str] = ()) -> list[dict]:
        """One dict per non-empty cell, with the ``claims query --unique``
        command (plus ``extra`` options, such as ``--db``) that lists as many
        claims as the cell counts."""
        return [{self.rows: r, self.cols: c, "claims": self.counts[(r, c)],
                 "query": shlex.join(["claims", "query", *self.cell_filters(r, c).options(), "--unique", *extra])}
                for r in self.row_labels for c in self.col_labels if (r, c) in self.counts]

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.rows, *self.col_labels, "claims")


def compare(store: Store, rows: str, cols: str, f: Filters | None = None, *, profile=None,
            limit: int | None = None) -> Comparison:
    """Counts of claims (a near-duplicate cluster once) by ``rows`` × ``cols``,
    both ordered by weight (most claims first), and each row's total of
    claims (with or without a value for the columns). Without filters the counts
    come from the store's ``cell_counts``; with filters, from the claims the
    filters select."""
    f = f or Filters()
    for dim in (rows, cols):
        if dim not in DIMENSIONS:
            raise InputError(f"cannot compare by {dim!r}; use one of {', '.join(DIMENSIONS)}")
    if rows == cols:
        raise InputError(f"--rows and --cols are both {rows!r}; pick two different ones")
    if f == Filters():
        counts, totals = _stored_counts(store, rows, cols, limit)
    else:
        counts, totals = _live_counts(store, rows, cols, f, profile)
        if limit:
            top = set(sorted(totals, key=lambda k: (-totals[k], k))[:limit])
            counts = {k: n for k, n in counts.items() if k[0] in top}
            totals = {k: n for k, n in totals.items() if k in top}
    rlabel, clabel = _labeller(store, rows), _labeller(store, cols)
    counts = {(rlabel(r), clabel(c)): n for (r, c), n in counts.items()}
    totals = {rlabel(r): n for r, n in totals.items()}
    col_weight: dict[str, int] = {}
    for (_, c), n in counts.items():
        col_weight[c] = col_weight.get(c, 0) + n
    return Comparison(rows, cols,
                      row_labels=sorted(totals, key=lambda k: (-totals[k], k)),
                      col_labels=sorted(col_weight, key=lambda k: (-col_weight[k], k)),
                      counts=counts, row_totals=totals, filters=f)


def _stored_counts(store: Store, rows: str, cols: str, limit: int | None):
    (a_dim, b_dim), flip = sorted((rows, cols)), rows > cols
    cur = store.db.cursor()
    cur.row_factory = None          # plain tuples: a table may have a hundred thousand cells
    sql, params = "SELECT a, b, n FROM cell_counts WHERE a_dim = ? AND b_dim = ? AND n > 0", [a_dim, b_dim]
    totals_sql = "SELECT a, n FROM cell_counts WHERE a_dim = ? AND b_dim = '' AND n > 0 ORDER BY n DESC, a"
    totals = dict(cur.execute(totals_sql + (" LIMIT ?" if limit else ""), (rows, limit) if limit else (rows,)))
    if limit:                       # the heaviest rows only: their cells by index
        sql += f" AND {'b' if flip else 'a'} IN ({','.join('?' * len(totals))})"
        params += list(totals)
    cells = cur.execute(sql, params)
    counts = {(b, a): n for a, b, n in cells} if flip else {(a, b): n for a, b, n in cells}
    return counts, totals


def _live_counts(store: Store, rows: str, cols: str, f: Filters, profile):
    clause, params = where(store, f, profile)
    base = f"FROM claims c JOIN articles a ON a.id = c.article_id{dim_joins(rows, cols)} {clause}"
    rv, cv = (f"CAST({DIM_VALUE[d]} AS TEXT)" for d in (rows, cols))
    counts = {(r, c): n for r, c, n in store.db.execute(f"SELECT {rv}, {cv}, {_UNIQUE} {base} GROUP BY 1, 2", params)}
    # a row's total counts all its claims, also those without a value for the columns (no reason)
    if cols == "reason" and rows != "reason":
        base = f"FROM claims c JOIN articles a ON a.id = c.article_id{dim_joins(rows)} {clause}"
    totals = dict(store.db.execute(f"SELECT {rv}, {_UNIQUE} {base} GROUP BY 1", params))
    return counts, totals


def _labeller(store: Store, dim: str):
    """Stored values of a dimension (ids for speakers and articles) -> labels."""
    if dim == "speaker":
        names = {str(i): n for i, n in store.db.execute("SELECT id, name FROM speakers")}
        return lambda v: names.get(v, AUTHOR) if v else AUTHOR
    if dim == "article":
        rows = store.db.execute("SELECT id, name, path FROM articles").fetchall()
        clash = {n for n, k in Counter(r["name"] for r in rows).items() if k > 1}
        names = {str(r["id"]): (r["path"] if r["name"] in clash else r["name"]) for r in rows}
        return lambda v: names.get(v, v)
    return lambda v: v


# ---- near-duplicate clusters -----------------------------------------

CLUSTER_COLUMNS = ("cluster", "size", "id", "article", "start", "speaker", "score", "text")


def clusters(store: Store, *, article: str | None = None, min_size: int = 2,
             background: bool = False) -> list[dict]:
    """Clusters of near-identical claims, largest first: each member with its
    article, speaker and its similarity to the cluster's first claim;
    background claims only with ``background``."""
    from ..dedup.linker import normalise

    only = "" if background else " AND background = 0"
    sql = "SELECT cluster FROM claims WHERE cluster IS NOT NULL" + only
    params: list = []
    if article is not None:
        ids = article_ids(store, article)
        sql += (f" AND cluster IN (SELECT cluster FROM claims WHERE article_id IN ({','.join('?' * len(ids))}))")
        params += ids
    sql += " GROUP BY cluster HAVING count(*) >= ?"
    params.append(max(min_size, 1))
    roots = [r[0] for r in store.db.execute(sql, params)]
    out = []
    for at in range(0, len(roots), 500):
        part = roots[at:at + 500]
        rows = store.db.execute(
            f"SELECT c.cluster, c.id, c.article, c.speaker, c.text, c.start, c.\"end\", c.norm "
            f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.cluster IN ({','.join('?' * len(part))})"
            f"{only.replace('background', 'c.background')} ORDER BY a.id, c.seq", part)
        members: dict[str, list] = {}
        for r in rows:
            members.setdefault(r["cluster"], []).append(r)
        for root in part:
            ms = members.get(root, [])
            first = ms[0]["norm"] or normalise(ms[0]["text"])
            out.append({"cluster": root, "size": len(ms), "articles": sorted({m["article"] for m in ms}),
                        "members": [{"id": m["id"], "article": m["article"], "speaker": m["speaker"],
                                     "score": round(fuzz.ratio(first, m["norm"] or normalise(m["text"])), 1),
                                     "start": m["start"], "end": m["end"], "text": m["text"]} for m in ms]})
    out.sort(key=lambda d: (-d["size"], d["members"][0]["article"], d["members"][0]["start"]))
    return out


def cluster_rows(found: list[dict]) -> Iterator[dict]:
    """One flat row per member, for a table or CSV."""
    for cl in found:
        for m in cl["members"]:
            yield {"cluster": cl["cluster"], "size": cl["size"], **m}


# ---- exports -----------------------------------------------------------

REASON_COLUMNS = ("reason", "reason_label", "claim_id", "article", "speaker", "speaker_role", "attribution",
                  "stance", "stance_why", "cluster", "duplicate_of", "background", "speaker_canonical", "evidence",
                  "text")


def _everything(f: Filters | None) -> Filters:
    """Exports carry background claims too, flagged: a script filters them."""
    return replace(f or Filters(), background=True)


def reason_rows(store: Store, f: Filters | None = None, *, profile=None) -> Iterator[dict]:
    """One row per (claim, reason), in article order, with the reason's
    evidence and the claim's cluster (count distinct clusters to get what
    ``compare`` counts)."""
    clause, params = where(store, _everything(f), profile)
    labels = {r.id: r.label for r in profile.reasons} if profile else {}
    cur = store.db.execute(
        "SELECT r.reason, c.id, c.article, c.speaker, c.speaker_role, c.attribution, c.stance, c.text, "
        "COALESCE(c.cluster, c.id) AS cluster, c.duplicate_of, c.background, "
        "(SELECT s.name FROM speakers s WHERE s.id = c.speaker_id) AS speaker_canonical, "
        "group_concat(r.evidence, ' | ') AS evidence, "
        "(SELECT group_concat(w.evidence || CASE WHEN w.role IS NULL THEN '' ELSE ' (' || w.role || ')' END, '; ') "
        " FROM claim_reasons w WHERE w.claim_id = c.id AND w.reason = 'stance:' || c.stance) AS stance_why "
        f"FROM claims c JOIN articles a ON a.id = c.article_id JOIN claim_reasons r ON r.claim_id = c.id AND {_NOT_STANCE} "
        f"{clause} GROUP BY c.id, r.reason ORDER BY a.id, c.seq, min(r.rowid)", params)
    for r in cur:
        yield reason_record(r, labels)


def reason_record(r, labels: dict) -> dict:
    """A (claim, reason) row as exports print it, from a row with the
    columns of ``reason_rows``' SELECT (the Parquet store's too)."""
    return {"reason": r["reason"], "reason_label": labels.get(r["reason"], r["reason"]), "claim_id": r["id"],
            "article": r["article"], "speaker": r["speaker"], "speaker_role": r["speaker_role"],
            "attribution": r["attribution"], "stance": r["stance"], "cluster": r["cluster"],
            "duplicate_of": r["duplicate_of"], "background": bool(r["background"]),
            "speaker_canonical": r["speaker_canonical"], "evidence": r["evidence"], "stance_why": r["stance_why"],
            "text": r["text"]}


def claim_records(store: Store, f: Filters | None = None, *, profile=None, batch: int = 5000,
                  unique: bool = False) -> Iterator[dict]:
    """Every matching claim as its JSONL record, read in batches so a large
    store streams instead of filling memory; ``unique``: the first of each
    near-duplicate cluster only."""
    clause, params = where(store, _everything(f), profile)
    cur = store.db.execute(
        f"{CLAIM_SELECT} {clause} ORDER BY a.id, c.seq", params)
    seen: set = set()
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            return
        found = [store.claim_of(r) for r in rows]
        if unique:
            found = [c for c in found if (c.cluster or c.id) not in seen and not seen.add(c.cluster or c.id)]
        for c in store.with_evidence(found):
            yield c.record()
