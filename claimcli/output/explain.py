"""Why a claim has its speaker, attribution, stance and reasons, in words:
for ``claims explain CLAIM_ID`` (a stored claim) and for the failing
examples of ``claims profiles FILE`` (the claims of one example sentence).
Everything shown is stored with the claim: its evidence (the words that
carry each label, and whom a stance cue judges), the labeller's
``stance_confidence`` and ``reason_confidence``; nothing is recomputed."""

from __future__ import annotations

from .tables import stance_label

ATTRIBUTION_WHY = {
    "direct": "quoted words",
    "reported": "reported speech",
    "author": "no source named: the author's own claim",
}


def _p(value) -> str:
    return f"p {value:.2f}" if isinstance(value, (int, float)) else ""


def _quoted(evidence: list[dict], reason: str, text: str) -> list[str]:
    """The words behind a label, quoted, with whom a stance cue judges; the
    whole claim as "evidence" (the trained labeller's, no single cue) is
    not repeated."""
    return [f"“{e['text']}”" + (f" ({e['role']})" if e.get("role") else "")
            for e in evidence if e["reason"] == reason and e["text"] != text]


def stance_explained(record: dict, profile=None) -> str:
    """The stance and what gave it: its cues and the labeller's confidence,
    or that no cue fired and the profile's default stands."""
    stance = record["stance"]
    cues = _quoted(record.get("evidence", []), f"stance:{stance}", record["text"])
    conf = record.get("stance_confidence")
    default = profile.default_stance if profile else "neutral"
    how = ("the trained labeller, " + _p(conf)) if conf is not None else "the rules"
    if cues:
        why = "from " + ", ".join(cues)
    elif stance == default:
        why = "no cue for another stance fired: the default"
    else:
        why = "no single cue: the sentence as a whole"
    others = [f"“{e['text']}” ({e['reason'].split(':', 1)[1]})" for e in record.get("evidence", [])
              if e["reason"].startswith("stance:") and e["reason"] != f"stance:{stance}"]
    return (f"{stance_label(profile, stance)}: {why}; by {how}"
            + (f"; outweighed: {', '.join(others)}" if others else ""))


def reasons_explained(record: dict, profile=None) -> list[str]:
    """One line per reason: its label, the words that cite it, the confidence."""
    labels = {r.id: r.label for r in profile.reasons} if profile else {}
    conf = record.get("reason_confidence") or {}
    out = []
    for rid in record["reasons"]:
        words = _quoted(record.get("evidence", []), rid, record["text"])
        out.append(f"{labels.get(rid, rid)} ({rid}): " + ", ".join(filter(None, [" ".join(words) or "no single cue",
                                                                              _p(conf.get(rid))])))
    return out


def speaker_why(record: dict) -> str:
    if record["speaker"] is None:
        return "none: " + ATTRIBUTION_WHY["author"]
    name = record["speaker"]
    canonical = record.get("speaker_canonical")
    out = name + (f" (across articles: {canonical})" if canonical and canonical != name else "")
    return out + (f", {record['speaker_role']}" if record.get("speaker_role") else "")


def explain_claim(record: dict, *, profile=None, title: str | None = None) -> list[dict]:
    """A stored claim's record as rows of (what, why)."""
    kind = record["attribution"]
    rows = [("claim", record["text"]),
            ("id", record["id"]),
            ("article", f"{record['article']}, characters {record['start']}-{record['end']}"
                        + (f": {title}" if title else "")),
            ("speaker", speaker_why(record)),
            ("attribution", f"{kind}: {ATTRIBUTION_WHY.get(kind, kind)}"
                            + (f", from the cue “{record['cue']}”" if record.get("cue") else "")),
            ("stance", stance_explained(record, profile)),
            ("reasons", reasons_explained(record, profile) or ["none cited"])]
    if record.get("duplicate_of"):
        rows.append(("duplicate", f"a near-duplicate of {record['duplicate_of']} (counted once, in its cluster)"))
    if record.get("background"):
        rows.append(("background", "yes: context (no topic, no source, no reason), left out of counts by default"))
    return [{"what": k, "why": v} for k, v in rows]


def example_why(row: dict, profile=None) -> list[str]:
    """Why a profile example failed: for each claim the sentence gave, its
    stance and reasons and their evidence; and the reasons expected but not
    found."""
    out = []
    for rec in row.get("claims", []):
        if len(row["claims"]) > 1:
            out.append(f"claim “{rec['text']}”")
        out.append("stance " + stance_explained(rec, profile))
        out += ["reason " + r for r in reasons_explained(rec, profile)]
    got = set(row["got"].split()[1:])
    missing = [r for r in row.get("reasons", []) if r not in got]
    if missing:
        out.append("no cue for: " + ", ".join(missing))
    if not row.get("claims"):
        out.append("no claim found in the sentence")
    return out
