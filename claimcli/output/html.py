"""The HTML report: one self-contained page to look at attributions rather
than read them (as displaCy or Quotebank's browser let one do).

``report_data`` gathers plain data from the store through ``queries`` (the
same filters and comparison tables as ``claims query`` / ``compare``), and
``render`` turns it into HTML with a Jinja2 template that escapes every
value: article text is data, never markup. Styles and scripts are inlined and
nothing points to the network, so the file opens offline and can be mailed.

Article text is not kept in the store: each article is read again from its
stored path and used only when its SHA-256 still matches, so highlights
always sit on the offsets the claims were extracted from. A moved or edited
file shows its claims alone, with a note saying why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..errors import ClaimsError
from ..models import Claim
from ..stores import ClaimStore as Store
from ..stores.queries import (AUTHOR, NO_DATE, NO_OUTLET, Comparison, Filters, article_rows, claim_places,
                              cluster_members, compare, query, speaker_roles)

# The speakers shown in the speaker x stance matrix and in the top list.
TOP_SPEAKERS = 25
TOP_REASONS_BY_MONTH = 6      # the timeline of reasons shows the most cited
# Near-duplicates a card links to: a story syndicated to twenty sites would
# otherwise list nineteen for every claim, and the page grows as its square.
DUPLICATES_LISTED = 5
# Stance colours, from the Okabe-Ito palette (told apart with any colour
# vision): the stance that faults the target vermillion, the one that defends
# it blue, the default grey, any other the palette's rest. They mean a stance
# and nothing else: magnitudes (heatmaps, bars) are one purple (report.css).
_POLARITY_COLOURS = {"critical": "#d55e00", "supportive": "#0072b2"}
_OTHER_COLOURS = ("#cc79a7", "#e69f00", "#009e73", "#56b4e9")
_NEUTRAL_COLOUR = "#737373"
# The filtered view lists at most this many matching claims at the top.
MATCHES_LISTED = 300


@dataclass
class ArticleView:
    id: int
    name: str
    path: str
    title: str
    pieces: list[dict]          # {"text": str} or {"claim": ClaimView, "parts": [{"text", "ev", "kind"}]}
    note: str = ""              # why the text is missing, if it is


@dataclass
class ClaimView:
    id: str
    article_id: int
    text: str
    speaker: str                # AUTHOR for the author's own voice
    role: str
    attribution: str
    cue: str
    stance: str
    stance_class: str
    reasons: list[str]
    cluster: str
    start: int
    end: int
    marks: list[tuple[str, str, int, int]]      # evidence to underline: (label, "reason" | "stance", start, end)
    stance_explained: str = ""        # the stance, what gave it and how sure (output.explain, as `claims explain`)
    outlet: str = ""
    month: str = ""             # "2024-04", "" for an undated article
    reasons_explained: list[str] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)   # {"id", "article", "shown"}, other articles first
    more_duplicates: int = 0


@dataclass
class Matrix:
    """A comparison table as a heatmap: ``rows`` x ``cols`` with the filter
    values each cell sets in the page."""
    title: str
    row_dim: str
    col_dim: str
    rows: list[dict]            # {"label", "value", "total", "cells": [{"n", "v"}]}
    cols: list[dict]            # {"label", "value"}
    more: int = 0               # rows left out
    total: str = "total"        # what the last column counts (output.tables.TOTAL_HEADER)


@dataclass
class Timeline:
    """Unique claims per month, in date order, each month's bar split by
    stance (the stance colours) and its width the month's count."""
    months: list[dict]          # {"month", "total", "w", "parts": [{"stance", "class", "n", "w"}]}
    undated: int = 0            # claims of articles without a date: not on the timeline


@dataclass
class Report:
    profile: str
    store: str
    generated: str
    filters: dict
    claims: list[ClaimView]
    articles: list[ArticleView]
    speakers: list[dict]        # {"name", "role", "total"}
    reasons: list[dict]         # {"id", "label", "total", "share" of all claims, "bar": share of the top reason's}
    stances: list[dict]         # {"id", "class", "colour", "total"}
    matrices: list[Matrix]
    distinct: int               # claims once each near-duplicate cluster counted once
    choices: dict               # filter -> [(value, label, claims)], most claims first
    timeline: Timeline | None = None


def report_data(store: Store, f: Filters | None = None, *, profile, text_of) -> Report:
    """Everything the page shows, as plain data (the report's Python API).
    ``text_of(path, sha256)``: an article's text and a note (``article_text``
    reads it from its file)."""
    f = f or Filters()
    claims = query(store, f, profile=profile)
    # each claim's article, and its speaker as one person across articles (the
    # name ``compare`` counts by, so a heatmap's count and the filter agree)
    placed = claim_places(store, f, profile)
    reason_label = {r.id: r.label for r in profile.reasons}
    stance_ids = list(profile.stance_ids)
    for c in claims:
        if c.stance not in stance_ids:
            stance_ids.append(c.stance)
    stance_class = {s: f"st{i}" for i, s in enumerate(stance_ids)}
    roles = speaker_roles(store)

    views = [_claim_view(c, *placed[c.id], roles, reason_label, stance_class, profile) for c in claims]
    _link_duplicates(store, views)
    by_article: dict[int, list[ClaimView]] = {}
    for v in views:
        by_article.setdefault(v.article_id, []).append(v)
    articles = _articles(store, by_article, text_of)
    labels = _article_labels(store)

    distinct = len({v.cluster for v in views})
    by_speaker = compare(store, "speaker", "stance", f, profile=profile) if views else None
    by_reason = compare(store, "reason", "article", f, profile=profile) if views else None
    speakers = []
    if by_speaker:
        speakers = [{"name": s, "role": roles.get(s) or "", "total": by_speaker.row_totals[s]}
                    for s in by_speaker.row_labels if s != AUTHOR][:10]
    reasons = []
    if by_reason:
        top = max(by_reason.row_totals.values(), default=1) or 1
        reasons = [{"id": r, "label": reason_label.get(r, r), "total": n, "share": n / distinct if distinct else 0.0,
                    "bar": n / top} for r, n in ((r, by_reason.row_totals[r]) for r in by_reason.row_labels)]
    stance_totals = Counter(v.stance for v in views)
    stances = [{"id": s, "class": stance_class[s], "colour": _stance_colour(s, i, profile), "total": stance_totals[s]}
               for i, s in enumerate(stance_ids)]
    matrices, timeline = [], None
    if any(v.outlet for v in views):
        by_outlet = compare(store, "outlet", "stance", f, profile=profile)
        order = [s for s in stance_ids if s in by_outlet.col_labels]
        matrices.append(_matrix("Outlets by stance", by_outlet, lambda o: (o, o), lambda s: (s, s), order, TOP_SPEAKERS))
    if any(v.month for v in views):
        timeline = _timeline(views, stance_ids, stance_class)
        by_month = compare(store, "month", "reason", f, profile=profile)
        by_month.row_labels = sorted(by_month.row_labels)           # a timeline reads in date order
        top = by_month.col_labels[:TOP_REASONS_BY_MONTH]
        matrices.append(_matrix("Top reasons by month", by_month, lambda m: (m, m),
                                lambda r: (reason_label.get(r, r), r), top, None))
    if by_speaker:
        order = [s for s in stance_ids if s in by_speaker.col_labels]
        matrices.append(_matrix("Speakers by stance", by_speaker, lambda s: (s, s), lambda s: (s, s), order,
                                TOP_SPEAKERS))
    if by_reason:
        matrices.append(_matrix("Reasons by article", by_reason, lambda r: (reason_label.get(r, r), r),
                                lambda a: labels.get(a, (a, a)), by_reason.col_labels, None))
    count = lambda key: Counter(x for v in views for x in key(v))
    by = {"speaker": count(lambda v: [v.speaker]), "stance": count(lambda v: [v.stance]),
          "reason": count(lambda v: v.reasons), "article": count(lambda v: [str(v.article_id)])}
    shown = {"speaker": lambda x: x, "stance": lambda x: x, "reason": lambda x: reason_label.get(x, x),
             "article": {str(a.id): a.title for a in articles}.get, "outlet": lambda x: x or NO_OUTLET,
             "month": lambda x: x or NO_DATE}
    if any(v.outlet for v in views):
        by["outlet"] = count(lambda v: [v.outlet])
    if any(v.month for v in views):
        by["month"] = count(lambda v: [v.month])
    choices = {dim: [(x, shown[dim](x), n) for x, n in sorted(c.items(), key=lambda kv: (-kv[1], shown[dim](kv[0])))]
               for dim, c in by.items()}
    return Report(profile=f"{profile.name} ({profile.id})", store=store.path,
                  generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  filters={k.replace("_", "-"): ", ".join(v) if isinstance(v, tuple) else v
                           for k, v in vars(f).items() if v not in (None, False, ())},
                  claims=views, articles=articles,
                  speakers=speakers, reasons=reasons, stances=stances, matrices=matrices, distinct=distinct,
                  choices=choices, timeline=timeline)


def _timeline(views: list[ClaimView], stance_ids: list[str], stance_class: dict) -> Timeline:
    """Months in date order; a near-duplicate cluster counts once in a month
    (the first of its claims there), as ``compare`` counts."""
    seen: dict[str, dict[str, set]] = {}
    for v in views:
        if v.month:
            seen.setdefault(v.month, {}).setdefault(v.stance, set()).add(v.cluster)
    peak = max((sum(len(c) for c in by.values()) for by in seen.values()), default=1) or 1
    months = []
    for month in sorted(seen):
        total = sum(len(c) for c in seen[month].values())
        parts = [{"stance": s, "class": stance_class[s], "n": len(seen[month][s]),
                  "w": round(100 * len(seen[month][s]) / total, 2)} for s in stance_ids if seen[month].get(s)]
        months.append({"month": month, "total": total, "w": round(100 * total / peak, 2), "parts": parts})
    return Timeline(months, undated=len({v.cluster for v in views if not v.month}))


def _stance_colour(stance: str, i: int, profile) -> str:
    if stance == profile.default_stance:
        return _NEUTRAL_COLOUR
    polarity = profile.stances.get(stance, {}).get("polarity")
    return _POLARITY_COLOURS.get(polarity) or _OTHER_COLOURS[i % len(_OTHER_COLOURS)]


def _claim_view(c: Claim, article_id: int, person: str | None, roles: dict, reason_label: dict,
                stance_class: dict, profile=None) -> ClaimView:
    from .explain import reasons_explained, stance_explained

    record = c.record()
    speaker = person or c.speaker or AUTHOR
    return ClaimView(
        id=c.id, article_id=article_id, text=c.text, speaker=speaker,
        role=c.speaker_role or roles.get(speaker) or "",
        attribution=c.attribution, cue=c.cue or "", stance=c.stance, stance_class=stance_class[c.stance],
        reasons=list(c.reasons),
        cluster=c.cluster or c.id, start=c.start, end=c.end, outlet=c.outlet, month=c.published[:7],
        marks=[(e.reason.split(":", 1)[1] if e.reason.startswith("stance:") else reason_label.get(e.reason, e.reason),
                "stance" if e.reason.startswith("stance:") else "reason", e.start, e.end) for e in c.evidence
               if e.start is not None and e.end is not None],
        stance_explained=stance_explained(record, profile), reasons_explained=reasons_explained(record, profile))


def _link_duplicates(store: Store, views: list[ClaimView]) -> None:
    """Each claim's near-duplicates (other members of its cluster), marked
    ``shown`` when the page holds them, so the card links there."""
    shown = {v.id for v in views}
    members = {root: [{"id": r["id"], "article_id": r["article_id"], "article": r["article_title"] or r["article_name"],
                       "shown": r["id"] in shown} for r in rows]
               for root, rows in cluster_members(store, sorted({v.cluster for v in views})).items()}
    for v in views:
        ms = members.get(v.cluster, [])
        at = next((i for i, m in enumerate(ms) if m["id"] == v.id), 0)
        # the members after this one, round the cluster: each card links onwards,
        # so a reader can walk the whole cluster however long it is
        others = sorted(ms[at + 1:] + ms[:at], key=lambda m: m["article_id"] == v.article_id)
        v.duplicates, v.more_duplicates = others[:DUPLICATES_LISTED], max(len(others) - DUPLICATES_LISTED, 0)


def _article_labels(store: Store) -> dict[str, tuple[str, str]]:
    """Article labels of ``compare`` (file name, or path when two files share
    a name) -> the article's title and its id (what the page filters by)."""
    out = {}
    for r in article_rows(store):
        shown = (r["title"] or r["name"], str(r["id"]))
        out[r["path"]] = shown
        out.setdefault(r["name"], shown)
    return out


def article_text(path: str, sha256: str) -> tuple[str | None, str]:
    """A stored article's text as the report shows it, read again from its
    file (the store keeps claims, not texts), with a note instead where it
    cannot be: read from standard input, changed since, or gone."""
    from ..text.reading import read_article

    if path.startswith(("-:", "stdin:")):
        return None, "Read from standard input: the text is not kept, so the claims are shown alone."
    try:
        art = read_article(path)
    except ClaimsError:
        return None, f"{path} is no longer readable: the claims are shown alone."
    if art.sha256 != sha256:
        return None, f"{path} has changed since it was extracted: the claims are shown alone."
    return art.text, ""


def _articles(store: Store, by_article: dict[int, list[ClaimView]], text_of) -> list[ArticleView]:
    out = []
    for r in (r for r in article_rows(store) if r["id"] in by_article):
        text, note = text_of(r["path"], r["sha256"])
        out.append(ArticleView(id=r["id"], name=r["name"], path=r["path"], title=r["title"] or r["name"],
                               pieces=_pieces(text, by_article[r["id"]]), note=note))
    return out


def _pieces(text: str | None, views: list[ClaimView]) -> list[dict]:
    """The article as plain runs and claim runs; a claim's run is split at its
    evidence words. Without the text, each claim is a run of its own."""
    views = sorted(views, key=lambda v: (v.start, -v.end))
    if text is None:
        return [p for v in views for p in ({"claim": v, "parts": _parts(v.text, v.start, v.marks)}, {"text": "\n\n"})]
    out, pos = [], 0
    for v in views:
        if v.start > pos:
            out.append({"text": text[pos:v.start]})
        start = max(v.start, pos)       # overlapping claims: the later one keeps its element, not the words twice
        out.append({"claim": v, "parts": _parts(text[start:v.end], start, v.marks) if v.end > start else []})
        pos = max(pos, v.end)
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


def _parts(text: str, offset: int, evidence: list) -> list[dict]:
    """``text`` (starting at article offset ``offset``) split at evidence
    spans: {"text", "ev": label or "", "kind": "reason" | "stance" | ""}."""
    out, pos = [], 0
    for label, kind, s, e in sorted(evidence, key=lambda t: (t[2], -t[3])):
        s, e = s - offset, e - offset
        if s < pos or e > len(text) or s >= e:
            continue        # overlapping or outside this run: the card still lists it
        if s > pos:
            out.append({"text": text[pos:s], "ev": "", "kind": ""})
        out.append({"text": text[s:e], "ev": label, "kind": kind})
        pos = e
    if pos < len(text):
        out.append({"text": text[pos:], "ev": "", "kind": ""})
    return out


def _matrix(title: str, table: Comparison, row_shown, col_shown, col_order, limit: int | None) -> Matrix:
    """``row_shown`` / ``col_shown``: a comparison label -> (what the page
    shows, the value its filter takes)."""
    rows = table.row_labels[:limit] if limit else table.row_labels
    peak = max(table.counts.values(), default=1) or 1
    cols = [dict(zip(("label", "value"), col_shown(c))) for c in col_order]
    out = []
    for r in rows:
        # a square-root scale, so the author's hundreds do not wash out the speakers' few
        cells = [{"n": n, "v": round((n / peak) ** 0.5, 3)} for n in (table.counts.get((r, c), 0) for c in col_order)]
        label, value = row_shown(r)
        out.append({"label": label, "value": value, "total": table.row_totals[r], "cells": cells})
    from .tables import TOTAL_HEADER

    return Matrix(title=title, row_dim=table.rows, col_dim=table.cols, rows=out, cols=cols,
                  more=len(table.row_labels) - len(rows), total=TOTAL_HEADER[table.adds_up()])


def render(report: Report) -> str:
    """The page: the template with every value escaped."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("claimcli.output", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda x: "<1%" if 0 < x < 0.005 else f"{100 * x:.0f}%"
    env.filters["cls"] = lambda s: re.sub(r"[^a-z0-9_-]", "-", str(s).lower())
    return env.get_template("report.html").render(r=report, AUTHOR=AUTHOR, MATCHES_LISTED=MATCHES_LISTED)


def build_report(store: Store, f: Filters | None = None, *, profile) -> tuple[str, Report]:
    """The HTML page and the data it shows, each article's text read from its file."""
    data = report_data(store, f, profile=profile, text_of=article_text)
    return render(data), data
