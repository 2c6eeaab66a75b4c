"""Reading the claim store: filters, speakers, comparison tables, exports.

Everything here takes a store (``ClaimStore``: SQLite or Parquet, one SQL for
both, the dialects' differences asked of ``store.dialect``) and returns
plain rows, so a notebook user
gets the same answers as ``claims query`` / ``compare`` / ``export``. SQL is
always parameterised; filters become one WHERE clause shared by every
reader, so a cell of ``compare`` and ``query`` with the same filters see the
same claims. Comparison counts a near-duplicate cluster once per cell;
``query(..., unique=True)`` lists one claim per cluster, so its length is
the cell's count. Background claims are left out unless ``Filters.background``
asks for them; exports always carry them (with their ``background`` flag).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice
from dataclasses import dataclass, fields, replace
from typing import Iterator

from rapidfuzz import fuzz, process

from ..errors import FilterError, InputError, UsageError
from ..models import Claim
from ..text.names import fold, name_key
from ..text.reading import shorten
from .base import ClaimStore as Store
from .dimensions import BY_NAME, DIMENSIONS, REGISTRY, dim_joins, value
from .dimensions import NO_DATE, NO_OUTLET  # noqa: F401  (the empty labels, as output reads them from here)

AUTHOR = "(author)"          # the row label of the author's own voice
_UNIQUE = "COUNT(DISTINCT COALESCE(c.cluster, c.id))"
_NOT_STANCE = "r.reason NOT LIKE 'stance:%'"

ATTRIBUTIONS = ("direct", "reported", "author")


@dataclass
class Filters:
    """Which claims a reader sees. A value filter (a tuple, given one value
    or several) holds any number of values and keeps a claim that matches
    any of them; its ``not_`` twin drops a claim that matches any of its
    values; different filters all apply. Speakers are found by name, alias
    or surname; reasons and stances by id or label; articles by file name,
    path, title or the start of one. The filter of a comparison dimension
    is named by its row of ``dimensions.REGISTRY``."""
    speaker: tuple[str, ...] = ()
    reason: tuple[str, ...] = ()
    stance: tuple[str, ...] = ()
    article: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    month: tuple[str, ...] = ()       # "2024-04"
    year: tuple[str, ...] = ()
    since: str | None = None          # published on or after this date (a prefix: "2024", "2024-04")
    until: str | None = None          # published on or before it (its whole month or year, for a prefix)
    min_confidence: str | None = None   # the labeller's stance probability, at least ("0.7")
    background: bool = False    # include background claims
    not_speaker: tuple[str, ...] = ()
    not_reason: tuple[str, ...] = ()
    not_stance: tuple[str, ...] = ()
    not_article: tuple[str, ...] = ()
    not_attribution: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    not_outlet: tuple[str, ...] = ()
    not_month: tuple[str, ...] = ()
    not_year: tuple[str, ...] = ()

    def __post_init__(self):
        # one value (a str) or several; None and [] are none
        for name in _VALUE_FILTERS:
            v = getattr(self, name)
            setattr(self, name, () if v is None else (v,) if isinstance(v, str) else tuple(v))


_VALUE_FILTERS = tuple(f.name for f in fields(Filters) if f.default == ())
# The filters ``where`` resolves to what the store holds (ids, labels) in
# clauses of their own; every other dimension's filter is compared with its
# value (``Dimension.sql``).
_RESOLVED = ("speaker", "article", "reason", "stance")
_PLAIN = tuple(d for d in REGISTRY if d.filter and d.filter not in _RESOLVED)
# the label of an empty value ("(no outlet)", "(no date)"), given as a filter value, is the empty value
_EMPTY_LABELS = tuple(d.empty for d in REGISTRY if d.empty)


def speaker_ids(store: Store, name: str) -> list[int]:
    """The speaker a user means by ``name``, case and accents aside: the full
    name or an alias; for one word, also everyone with that surname; else
    every speaker whose name holds all its words. More than one person is
    an error that lists them (a surname two people share); nothing found, an
    error that names the nearest speakers."""
    q = name_key(name)
    if not q:
        raise FilterError("give a speaker's name")
    found = [r[0] for r in store.db.execute(
        "SELECT id FROM speakers WHERE name_key = ? UNION SELECT speaker_id FROM speaker_aliases WHERE alias_key = ?",
        (q, q))]
    if len(q.split()) == 1:      # a surname: everyone who has it (by index)
        found += [r[0] for r in store.db.execute(
            "SELECT id FROM speakers WHERE surname_key IN (?, ?)", (q, q.replace("'", "’")))]
    found = sorted(set(found))
    if not found:
        words = set(q.split())
        found = [r["id"] for r in store.db.execute("SELECT id, name_key FROM speakers").fetchall()
                 if words <= set(r["name_key"].split())]
    if len(found) > 1 and not _all_anonymous(store, found):
        # (an anonymous source is somebody in each article: the phrase means every one of them)
        people = _people(store, found)
        if len(people) > 1:
            raise FilterError(f"{name!r} is more than one speaker: " + "; ".join(people)
                              + ". Give the full name, or each one you mean")
    if found:
        return found
    names = sorted({r[0] for r in store.db.execute("SELECT name FROM speakers")})
    raise FilterError(f"no speaker matches {name!r}" + _suggest(q, names))


def _all_anonymous(store: Store, ids: list[int]) -> bool:
    """Every one of these speakers is an unnamed source scoped to its article."""
    marks = ",".join("?" * len(ids))
    return not store.db.execute(f"SELECT count(*) FROM speakers WHERE id IN ({marks}) AND scope = ''",
                                list(ids)).fetchone()[0]


def _people(store: Store, ids: list[int]) -> list[str]:
    """Speakers as a person tells them apart: the name, and the role."""
    rows = store.db.execute(f"SELECT name, role FROM speakers WHERE id IN ({','.join('?' * len(ids))}) ORDER BY name",
                            list(ids)).fetchall()
    return [f"{r['name']} ({r['role']})" if r["role"] else r["name"] for r in rows]


def _suggest(q: str, choices: list[str]) -> str:
    near = process.extract(q, choices, scorer=fuzz.WRatio, processor=name_key, limit=3, score_cutoff=60)
    return "; did you mean: " + ", ".join(c for c, _, _ in near) + "?" if near else ""


def article_ids(store: Store, name: str) -> list[int]:
    """Articles by file name (with or without its extension), path or title,
    case and accents aside for a title; else by the start of any of them,
    if only one article starts so. Several candidates, or none, is an error
    that lists them."""
    from pathlib import Path

    from ..text.reading import basename

    rows = article_rows(store)
    resolved = str(Path(name).resolve())
    hits = [r["id"] for r in rows
            if name in (r["name"], r["path"], basename(r["path"])) or r["path"] == resolved
            or Path(r["name"]).stem == name]
    if hits:
        return hits
    key = " ".join(fold(name).split())
    title = lambda r: " ".join(fold(r["title"] or "").split())
    hits = [r["id"] for r in rows if key and title(r) == key]
    if hits:
        return hits
    starts = [r for r in rows if key and any(v.startswith(key) for v in (
        fold(r["name"]), fold(r["path"]), fold(basename(r["path"])), title(r)))]
    if len(starts) == 1:
        return [starts[0]["id"]]
    if starts:
        raise FilterError(f"{name!r} starts more than one article: " + "; ".join(
            f"{r['name']} ({shorten(r['title'], 50)})" if r["title"] else r["name"] for r in starts[:10])
            + (f"; and {len(starts) - 10} more" if len(starts) > 10 else "") + ". Give more of its name or title")
    raise FilterError(f"no article matches {name!r}" + _suggest(name, sorted({r["name"] for r in rows})))


def article_rows(store: Store, columns: str = "id, name, path, title, sha256") -> list:
    """Every stored article's id, name, path (its key), title and bytes'
    hash (or fewer ``columns``: a table's labels need three), in the order
    they were stored."""
    return store.db.execute(f"SELECT {columns} FROM articles ORDER BY id").fetchall()


def article_keys(store: Store, name: str) -> list[str]:
    """The keys of the articles ``name`` means, as ``article_ids`` finds them."""
    keys = {r["id"]: r["path"] for r in article_rows(store)}
    return [keys[i] for i in article_ids(store, name)]


def article_titles(store: Store) -> dict[str, str]:
    """Article name (as in claim records) -> its title; a name two files
    share keeps the first file's title."""
    out: dict[str, str] = {}
    for r in article_rows(store):
        if r["title"]:
            out.setdefault(r["name"], r["title"])
    return out


def speaker_roles(store: Store) -> dict[str, str | None]:
    """Each speaker's name across articles -> the role the store learnt."""
    return dict(tuple(r) for r in store.db.execute("SELECT name, role FROM speakers"))


def speaker_name(store: Store, sid: int) -> str | None:
    """A speaker's name across articles, by its id."""
    row = store.db.execute("SELECT name FROM speakers WHERE id = ?", (sid,)).fetchone()
    return None if row is None else row[0]


def claim_places(store: Store, f: Filters, profile=None) -> dict[str, tuple[int, str | None]]:
    """For each claim ``f`` selects: its article's id, and its speaker as one
    person across articles (the name ``compare`` counts by)."""
    clause, params = where(store, f, profile)
    return {r[0]: (r[1], r[2]) for r in store.db.execute(
        "SELECT c.id, c.article_id, s.name FROM claims c JOIN articles a ON a.id = c.article_id "
        f"LEFT JOIN speakers s ON s.id = c.speaker_id {clause}", params)}


def labelled_ids(store: Store, what: str, value: str, labels: dict[str, str]) -> str:
    """The id of a reason or stance given by its id or its label (``labels``:
    id -> label, the profile's), case and accents aside, or by the start of
    one, if only one starts so; ids the store holds count too (from its
    counts: no scan). Unknown or ambiguous is an error listing the known."""
    known = dict(labels)
    for (v,) in store.db.execute("SELECT a FROM cell_counts WHERE a_dim = ? AND b_dim = '' AND n > 0", (what,)):
        known.setdefault(v, v)
    if value in known:
        return value
    key = fold(value).strip()
    exact = [i for i, label in known.items() if key in (fold(i), fold(label))]
    if len(exact) == 1:
        return exact[0]
    starts = exact or [i for i, label in known.items() if key and (fold(i).startswith(key) or fold(label).startswith(key))]
    listing = lambda ids: ", ".join(f"{known[i]} ({i})" if known[i] != i else i
                                    for i in sorted(ids, key=lambda i: (fold(known[i]), i)))
    if len(starts) == 1:
        return starts[0]
    if starts:
        raise FilterError(f"{value!r} could be more than one {what}: {listing(starts)}")
    raise FilterError(f"unknown {what} {value!r}; known: {listing(known) or 'none'}")


def _profile_labels(profile, what: str) -> dict[str, str]:
    if profile is None:
        return {}
    if what == "reason":
        return {r.id: r.label for r in profile.reasons}
    return {sid: t.get("label") or sid for sid, t in profile.stances.items()}


def _values(store: Store, f: Filters, what: str, profile, negated: bool = False) -> list:
    """A filter's values as what the store holds (ids, names), or [] when
    the filter is not given."""
    given = getattr(f, f"not_{what}" if negated else what)
    if not given:
        return []
    if what == "speaker":
        return sorted({i for v in given for i in speaker_ids(store, v)})
    if what == "article":
        return sorted({i for v in given for i in article_ids(store, v)})
    if what in ("reason", "stance"):
        labels = _profile_labels(profile, what)
        return list(dict.fromkeys(labelled_ids(store, what, v, labels) for v in given))
    if what == "attribution":
        for v in given:
            if v not in ATTRIBUTIONS:
                raise FilterError(f"unknown attribution {v!r}; use direct, reported or author")
        return list(dict.fromkeys(given))
    if what == "contains":
        return [fold(v) for v in given if v]
    return list(dict.fromkeys("" if v in _EMPTY_LABELS else v for v in given))


def _in(col: str, values: list) -> str:
    return f"{col} IN ({','.join('?' * len(values))})"


def where(store: Store, f: Filters, profile=None) -> tuple[str, list]:
    """The WHERE clause (over ``claims c`` joined with ``articles a``) for ``f``."""
    sql, params = [], []

    def add(clause: str, values) -> None:
        sql.append(clause)
        params.extend(values)

    for negated in (False, True):
        speakers = _values(store, f, "speaker", profile, negated)
        if speakers and negated:    # a claim of several people is each one's (claim_speakers)
            add(f"c.id NOT IN (SELECT claim_id FROM claim_speakers WHERE {_in('speaker_id', speakers)})", speakers)
        elif speakers:      # the first person is the claim's speaker_id, whose index runs in article order:
            # a --limit stops early, where the claim_speakers list alone sorted all of a heavy speaker's claims
            add(f"({_in('c.speaker_id', speakers)} OR c.id IN (SELECT claim_id FROM claim_speakers "
                f"WHERE {_in('speaker_id', speakers)} AND ord > 0))", speakers + speakers)
        articles = _values(store, f, "article", profile, negated)
        if articles:
            add(("NOT " if negated else "") + _in("c.article_id", articles), articles)
        stances = _values(store, f, "stance", profile, negated)
        if stances:
            add(("NOT " if negated else "") + _in("c.stance", stances), stances)
        reasons = _values(store, f, "reason", profile, negated)
        if reasons and not negated and (f.speaker or f.article):   # few claims: look each one's reasons up
            add(f"EXISTS (SELECT 1 FROM claim_reasons r WHERE r.claim_id = c.id AND {_in('r.reason', reasons)})", reasons)
        elif reasons:                                                # start from the reason's index
            add(f"c.id {'NOT ' if negated else ''}IN (SELECT claim_id FROM claim_reasons WHERE {_in('reason', reasons)})",
                reasons)
        kinds = _values(store, f, "attribution", profile, negated)
        if kinds:
            add(("NOT " if negated else "") + _in("c.attribution", kinds), kinds)
        for d in _PLAIN:
            col, values = d.sql, _values(store, f, d.filter, profile, negated)
            if d.folded and values:       # a value as written, case and accents aside
                col, values = f"fold({d.sql})", [fold(v) for v in values]
            if values:
                add(("NOT " if negated else "") + _in(col, values), values)
        words = _values(store, f, "contains", profile, negated)
        if words:
            found = " OR ".join("instr(fold(c.text), ?) > 0" for _ in words)
            add(f"NOT ({found})" if negated else f"({found})", words)
    for bound, op in ((f.since, ">="), (f.until, "<=")):
        if bound is None:
            continue
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", bound):
            raise FilterError(f"{'since' if op == '>=' else 'until'} takes a date: YYYY, YYYY-MM or YYYY-MM-DD, "
                              f"not {bound!r}")
        # a prefix stands for its whole month or year; an undated article is outside every range
        add(f"a.published != '' AND substr(a.published, 1, {len(bound)}) {op} ?", [bound])
    if f.min_confidence is not None:
        try:
            least = float(f.min_confidence)
        except ValueError:
            least = -1.0
        if not 0.0 <= least <= 1.0:
            raise FilterError(f"the least confidence is a probability from 0 to 1, not {f.min_confidence!r}")
        # claims the rules alone labelled carry no probability: they stay
        add("(c.stance_confidence IS NULL OR c.stance_confidence >= ?)", [least])
    if not f.background:
        sql.append("c.background = 0")
    return ("WHERE " + " AND ".join(sql) if sql else ""), params


def query(store: Store, f: Filters, *, profile=None, limit: int | None = None, unique: bool = False) -> list[Claim]:
    """The claims that match ``f``, in article order, with their evidence;
    ``unique``: the first matching claim of each near-duplicate cluster only
    (what ``compare`` counts)."""
    clause, params = where(store, f, profile)
    rows = store.claim_rows(clause, tuple(params), None if unique else limit)
    if unique:
        rows = islice(_first_of_each_cluster(rows), limit)
    return store.claims_of(rows)


def _first_of_each_cluster(rows, seen: set | None = None):
    """The claim rows that root a cluster not ``seen`` yet (each claim is its own, unlinked)."""
    seen = set() if seen is None else seen
    for r in rows:
        root = r["cluster"] or r["id"]
        if root not in seen:
            seen.add(root)
            yield r


def speakers(store: Store, stances: list[str] | None = None, *, background: bool = False) -> list[dict]:
    """One row per speaker: role, claims and articles, and claims per stance;
    a near-duplicate cluster counts once. Read from the store's cell counts,
    so it costs the number of speakers, not of claims; with ``background``
    claims too, from the claims themselves."""
    cells = lambda sql: store.db.execute(sql).fetchall()
    if background:
        sid = "CAST(cs.speaker_id AS TEXT)"
        live = "FROM claims c JOIN claim_speakers cs ON cs.claim_id = c.id GROUP BY"
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

    def cell_filters(self, row: str, col: str) -> Filters | None:
        """The ``claims query`` filters that list the claims behind a cell:
        the table's, and for each of its two dimensions the filter its row
        of ``dimensions.REGISTRY`` names (None when one names none)."""
        cell = {}
        for dim, label in ((self.rows, row), (self.cols, col)):
            if dim == "speaker" and label == AUTHOR:      # the author's own voice: no one's
                cell["attribution"] = ("author",)
            elif BY_NAME[dim].filter is None:
                return None
            else:
                cell[BY_NAME[dim].filter] = (label,)
        return replace(self.filters, **cell)

    def wide(self) -> list[dict]:
        """One dict per row label: the row, each column's count, the total."""
        return [{self.rows: r, **{c: self.counts.get((r, c), 0) for c in self.col_labels}, "claims": self.row_totals[r]}
                for r in self.row_labels]

    def cells(self) -> list[dict]:
        """One dict per non-empty cell, with the ``filters`` that select as
        many claims as the cell counts, one per cluster (``query(...,
        unique=True)``; None for a dimension no filter selects)."""
        return [{self.rows: r, self.cols: c, "claims": self.counts[(r, c)], "filters": self.cell_filters(r, c)}
                for r in self.row_labels for c in self.col_labels if (r, c) in self.counts]

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.rows, *self.col_labels, "claims")

    def adds_up(self) -> bool:
        """Whether each row's total is the sum of its cells. It is not when a
        claim can have several values, or none, for the columns (reasons), or
        when one near-duplicate cluster spans two columns (counted once in
        each, once in the total)."""
        return all(sum(self.counts.get((r, c), 0) for c in self.col_labels) == self.row_totals[r]
                   for r in self.row_labels)

    def top_columns(self, n: int | None) -> "Comparison":
        """The same table with only its ``n`` heaviest columns (the totals
        unchanged: they still count every claim of the row)."""
        if n is None or n >= len(self.col_labels):
            return self
        keep = self.col_labels[:n]
        return replace(self, col_labels=keep, counts={k: v for k, v in self.counts.items() if k[1] in keep})


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
        raise UsageError(f"the rows and the columns are both {rows!r}; compare two different dimensions")
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
    rv, cv = value(rows), value(cols)
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
        rows = article_rows(store, "id, name, path")
        clash = {n for n, k in Counter(r["name"] for r in rows).items() if k > 1}
        names = {str(r["id"]): (r["path"] if r["name"] in clash else r["name"]) for r in rows}
        return lambda v: names.get(v, v)
    unknown = BY_NAME[dim].empty
    return (lambda v: v or unknown) if unknown else (lambda v: v)


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
    members = cluster_members(store, roots, background=background)
    out = []
    for root in roots:
        ms = members.get(root, [])
        first = ms[0]["norm"] or normalise(ms[0]["text"])
        out.append({"cluster": root, "size": len(ms), "articles": sorted({m["article"] for m in ms}),
                    "members": [{"id": m["id"], "article": m["article"], "speaker": m["speaker"],
                                 "score": round(fuzz.ratio(first, m["norm"] or normalise(m["text"])), 1),
                                 "start": m["start"], "end": m["end"], "text": m["text"]} for m in ms]})
    out.sort(key=lambda d: (-d["size"], d["members"][0]["article"], d["members"][0]["start"]))
    return out


def cluster_members(store: Store, roots: list[str], *, background: bool = True) -> dict[str, list]:
    """The claims of each cluster (by its root's id), in article order, with
    their article's name and title; background claims only with
    ``background``."""
    only = "" if background else " AND c.background = 0"
    out: dict[str, list] = {}
    for at in range(0, len(roots), 500):
        part = roots[at:at + 500]
        rows = store.db.execute(
            f"SELECT c.cluster, c.id, c.article_id, c.article, c.speaker, c.text, c.start, c.\"end\", c.norm, "
            f"a.name AS article_name, a.title AS article_title FROM claims c JOIN articles a ON a.id = c.article_id "
            f"WHERE c.cluster IN ({','.join('?' * len(part))}){only} ORDER BY a.id, c.seq", part)
        for r in rows:
            out.setdefault(r["cluster"], []).append(r)
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
    d = store.dialect
    one = lambda expr, name: f"{d.any(expr)} AS {name}"       # the claim's, in each of its reason's rows
    cue = "w.evidence || CASE WHEN w.role IS NULL THEN '' ELSE ' (' || w.role || ')' END"
    why = (f"(SELECT {d.concat(cue, '; ', 'w.rowid')} FROM claim_reasons w "
           "WHERE w.claim_id = c.id AND w.reason = 'stance:' || c.stance)")
    cur = store.db.execute(
        "SELECT r.reason, c.id, "
        + ", ".join(one(f"c.{col}", col) for col in ("article", "speaker", "speaker_role", "attribution", "stance",
                                                      "text", "duplicate_of", "background"))
        + f", {one('COALESCE(c.cluster, c.id)', 'cluster')}, {one('s.name', 'speaker_canonical')}, "
        f"{d.concat('r.evidence', ' | ', 'r.rowid')} AS evidence, {one(why, 'stance_why')} "
        "FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN speakers s ON s.id = c.speaker_id "
        f"JOIN claim_reasons r ON r.claim_id = c.id AND {_NOT_STANCE} {clause} GROUP BY c.id, r.reason "
        f"ORDER BY {d.any('a.id')}, {d.any('c.seq')}, min(r.rowid)", params)
    for r in cur:
        yield reason_record(r, labels)


def reason_record(r, labels: dict) -> dict:
    """A (claim, reason) row as exports print it, from a row with the
    columns of ``reason_rows``' SELECT."""
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
    cur = store.claim_rows(clause, tuple(params))
    seen: set = set()
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            return
        if unique:
            rows = _first_of_each_cluster(rows, seen)
        for c in store.claims_of(rows):
            yield c.record()


# ---- one claim -----------------------------------------------------------------

def claim_by_id(store: Store, claim_id: str) -> Claim:
    """A stored claim with its evidence, by its id or the start of one (if
    only one claim's id starts so)."""
    key = claim_id.strip()
    found = store.claims("WHERE c.id = ?", (key,))
    if not found and len(key) >= 4:
        found = store.claims("WHERE c.id >= ? AND c.id < ?", (key, key + "\uffff"), 11)
        if len(found) > 1:
            raise FilterError(f"{claim_id!r} starts more than one claim id: "
                              + ", ".join(c.id for c in found[:10]) + (", …" if len(found) > 10 else ""))
    if not found:
        raise FilterError(f"no claim has the id {claim_id!r} (a claim's id is the `id` field of its record)")
    return found[0]
