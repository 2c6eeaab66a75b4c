"""What people read instead of ids: article titles for file names."""

from __future__ import annotations

from typing import Iterable

from ..stores.queries import AUTHOR
from .writers import Column, clean
from ..stores.sqlite import Store

# A claim table on a terminal: one table per article under its title, the
# speaker over their role and how they said it, the stance over the words
# that carry it and the reasons' labels, and the text taking the rest of the
# width.
CLAIM_LAYOUT = (Column("speaker", ("speaker", "speaker_role", "said"), 26),
                Column("stance", ("stance", "stance_cue", "reasons"), 26),
                Column("text", ("text",)))
CLAIM_GROUP = "heading"


def article_titles(store: Store) -> dict[str, str]:
    """Article name (as in claim records) -> its title; a name two files
    share keeps the first file's title."""
    out: dict[str, str] = {}
    for name, title in store.db.execute("SELECT name, title FROM articles ORDER BY id"):
        if title:
            out.setdefault(name, title)
    return out


def _cue_words(record: dict) -> str:
    """The words that carry the stance, quoted ("“stood idly by”"); the
    full role is in JSON and CSV (``stance_why``)."""
    words = [e["text"] for e in record.get("evidence", []) if e["reason"] == f"stance:{record['stance']}"]
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


def speaker_layout(columns: Iterable[str]) -> list[Column]:
    """``claims speakers`` on a terminal: the name over the role and the other
    names, then the counts (claims, articles, per stance), narrow."""
    return [Column("speaker", ("speaker", "role", "aka"), 60)] + [
        Column(c, (c,), 12) for c in columns if c not in ("speaker", "role", "aliases")]


def speaker_table_rows(rows: Iterable[dict]) -> list[dict]:
    return [{**r, "aka": "also " + ", ".join(r["aliases"]) if r.get("aliases") else ""} for r in rows]
