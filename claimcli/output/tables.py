"""Tables for people: labels instead of ids (article titles for file names,
reason labels for reason ids), and the layouts that fit them to a terminal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..stores.queries import AUTHOR
from ..text.reading import basename, shorten
from .writers import Column, clean, column_needs, console_width, table_width, write_table

# A claim table on a terminal: one table per article under its title, the
# speaker over their role and how they said it, the stance over the words
# that carry it and the reasons' labels, and the text taking the rest of the
# width.
CLAIM_LAYOUT = (Column("speaker", ("speaker", "speaker_role", "said"), 26),
                Column("stance", ("stance", "stance_cue", "reasons"), 26),
                Column("text", ("text",), flex=True))
CLAIM_GROUP = "heading"


def _cue_words(record: dict) -> str:
    """The words that carry the stance, quoted ("“stood idly by”"); the
    full role is in JSON and CSV (``stance_why``)."""
    words = [e["text"] for e in record.get("evidence", [])
             if e["reason"] == f"stance:{record['stance']}" and e["text"] != record["text"]]
    return ", ".join(f"“{w}”" for w in words)


def claim_table_rows(records: Iterable[dict], *, titles: dict | None = None,
                     reason_labels: dict | None = None) -> list[dict]:
    """Claim records as a person reads them: reason labels rather than ids,
    the article's title (``titles``: article name -> title) in the heading."""
    titles, reason_labels = titles or {}, reason_labels or {}
    out = []
    for r in records:
        title = clean(titles.get(r["article"]) or "")
        out.append({**r, "speaker": r["speaker"] or AUTHOR,
                    "reasons": [reason_labels.get(x, x) for x in r["reasons"]],
                    "stance_cue": _cue_words(r),
                    "said": "" if r["speaker"] is None and not r["cue"] else
                            " · ".join(x for x in (r["attribution"], r["cue"]) if x),
                    CLAIM_GROUP: [title, r["article"]] if title else [r["article"]]})
    return out


def speaker_layout(columns: Iterable[str], profile=None) -> list[Column]:
    """``claims speakers`` on a terminal: the name over the role and the other
    names, then the counts (claims, articles, per stance under its label),
    narrow."""
    fixed = ("speaker", "role", "aliases", "claims", "articles")
    return [Column("speaker", ("speaker", "role", "aka"), 60), Column("claims", ("claims",), 12),
            Column("articles", ("articles",), 12)] + [
        Column(stance_label(profile, c), (c,), 12) for c in columns if c not in fixed]


def speaker_table_rows(rows: Iterable[dict]) -> list[dict]:
    return [{**r, "aka": "also " + ", ".join(r["aliases"]) if r.get("aliases") else ""} for r in rows]


# ---- labels: what a table shows for the ids of a dimension ----------------

def stance_label(profile, sid: str) -> str:
    """A stance's label: the profile's, if it gives one, else its id."""
    table = profile.stances.get(sid, {}) if profile else {}
    return table.get("label") or sid


def dimension_labels(dim: str, *, profile=None, titles: dict | None = None, limit: int = 32):
    """value -> the lines a person reads for it: a reason's label, a stance's
    label, an article's title (shortened) over its file name, a speaker's
    name."""
    reasons = {r.id: r.label for r in profile.reasons} if profile else {}
    titles = titles or {}

    def label(value: str) -> list[str]:
        if dim == "reason":
            return [reasons.get(value, value)]
        if dim == "stance":
            return [stance_label(profile, value)]
        if dim == "article":
            title = titles.get(value) or titles.get(basename(value))
            return [shorten(clean(title), limit), value] if title else [value]
        return [value]
    return label


# ---- compare: the heaviest columns that fit ------------------------------------

@dataclass
class ComparisonView:
    """What a comparison table shows: its rows (with the cell keys), its
    layout, how many of the columns it shows, and whether each row's total is
    the sum of its cells."""
    rows: list[dict]
    layout: list[Column]
    shown: int
    of: int
    adds_up: bool

    @property
    def hidden(self) -> int:
        return self.of - self.shown


ROW_CAP = 30        # the row label column: a name or a title wraps within this
COUNT_CAP = 14      # a count column: its label wraps within this
TOTAL_HEADER = {True: "total", False: "all claims"}


def comparison_view(table, *, profile=None, titles: dict | None = None, width: int | None = None) -> ComparisonView:
    """``table`` (a ``stores.queries.Comparison``) laid out for a terminal
    ``width`` characters wide: the row labels and the total first, then the
    heaviest columns, as many as fit with none narrower than FLOOR (none
    dropped without a width). Headers are labels, not ids."""
    adds_up = table.adds_up()
    row_label = dimension_labels(table.rows, profile=profile, titles=titles)
    col_label = dimension_labels(table.cols, profile=profile, titles=titles, limit=24)
    keys = [f"c{i}" for i in range(len(table.col_labels))]
    rows = [{"label": row_label(r), **{k: table.counts.get((r, c), 0) for k, c in zip(keys, table.col_labels)},
             "claims": table.row_totals[r]} for r in table.row_labels]
    head = Column(table.rows, ("label",), ROW_CAP)
    total = Column(TOTAL_HEADER[adds_up], ("claims",), COUNT_CAP)
    counts = [Column(col_label(c)[0], (k,), COUNT_CAP) for k, c in zip(keys, table.col_labels)]
    shown = len(counts)
    if width:
        lines = lambda col: [[clean(x) for x in (r[col.keys[0]] if isinstance(r[col.keys[0]], list) else [r[col.keys[0]]])]
                             for r in rows]
        head_least, head_natural = column_needs(lines(head), head.header, False, head.cap)
        used = [min(head_natural, max(head_least, ROW_CAP * 2 // 3)), column_needs(lines(total), total.header, True, total.cap)[0]]
        shown = 0
        for col in counts:
            need = column_needs(lines(col), col.header, True, col.cap)[0]
            if table_width(used + [need]) > width:
                break
            used.append(need)
            shown += 1
    return ComparisonView(rows, [head, *counts[:shown], total], shown, len(counts), adds_up)


def write_comparison(table, out, *, profile=None, titles: dict | None = None, width: int | None = None,
                     terminal: bool | None = None) -> ComparisonView | None:
    """A comparison on a terminal (the columns that fit; None when all of
    them are shown piped, as plain text with ids)."""
    if not (terminal if terminal is not None else getattr(out, "isatty", lambda: False)()):
        write_table(table.wide(), table.columns, out, terminal=False)
        return None
    width = console_width(out, width)
    view = comparison_view(table, profile=profile, titles=titles, width=width)
    write_table(view.rows, [c.keys[0] for c in view.layout], out, layout=view.layout, width=width, terminal=True)
    return view


def comparison_notes(table, view: ComparisonView | None) -> list[str]:
    """What the numbers count, in words, under the table."""
    what = table.cols           # reason, stance, speaker, article, outlet, month, year
    notes = ["Counts are unique claims (a near-duplicate cluster once)."]
    if view is None:
        return notes
    if view.adds_up:
        notes.append("total: the row's unique claims, the sum of its cells"
                     + (" (the columns not shown included)." if view.hidden else "."))
    else:
        notes.append(f"all claims: the row's unique claims, each once, so not the sum of its cells "
                     f"({'a claim cites several reasons, or none' if table.cols == 'reason' else 'a cluster spans columns'}).")
    if view.hidden:
        notes.append(f"The {view.shown} heaviest of {view.of} {what} columns fit; {view.hidden} more not shown.")
    return notes


# ---- whole tables, as the commands print them ----------------------------------

def write_claims(records: list[dict], out, *, titles: dict | None = None, profile=None, width: int | None = None,
                 terminal: bool | None = None) -> int:
    """``claims query`` / ``extract`` as a table: on a terminal one table per
    article under its title, labels for ids; piped, one whole line a claim."""
    from .writers import CLAIM_TABLE_COLUMNS

    rows = claim_table_rows(records, titles=titles,
                            reason_labels={r.id: r.label for r in profile.reasons} if profile else None)
    return write_table(rows, CLAIM_TABLE_COLUMNS, out, layout=CLAIM_LAYOUT, group=CLAIM_GROUP, width=width,
                       terminal=terminal)


def write_speakers(rows: list[dict], columns, out, *, profile=None, width: int | None = None,
                   terminal: bool | None = None) -> int:
    """``claims speakers`` as a table (see ``speaker_layout``)."""
    return write_table(speaker_table_rows(rows), columns, out, layout=speaker_layout(columns, profile), width=width,
                       terminal=terminal)
