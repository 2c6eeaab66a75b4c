"""A user's corrections, and how they apply to extracted claims.

A correction names a claim by its article's identity and its span, with the
claim's text as a check: claim ids hash the article's bytes, so they change
when the text does, while a span whose words are unchanged is still the
claim the user read. Every extract applies the stored corrections to the
claims it finds (a new profile, model or release does not undo them); a
correction whose span no longer holds its words is left alone, not forced
onto other text.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from ..models import Claim, Evidence, people_of

FIELDS = ("stance", "reasons", "speaker", "claim")
WHY = "corrected by hand"


@dataclass(frozen=True)
class Correction:
    article_key: str
    start: int
    end: int
    field: str           # one of FIELDS
    value: object        # stance id; list of reason ids; {"name", "role"}; False for "not a claim"
    text: str            # the claim's words when corrected

    @classmethod
    def from_row(cls, r) -> "Correction":
        return cls(r["article_key"], r["start"], r["end"], r["field"], json.loads(r["value"]), r["text"])


def apply(claims: list[Claim], corrections: list[Correction]) -> list[Claim]:
    """The claims with the corrections that hold for them applied: new
    objects for the corrected ones (the caller's stay as they were), a claim
    marked "not a claim" left out, each corrected claim naming the fields set
    in ``corrected`` and carrying the correction as its evidence."""
    by_span: dict[tuple[int, int], list[Correction]] = {}
    for x in corrections:
        by_span.setdefault((x.start, x.end), []).append(x)
    out = []
    for c in claims:
        mine = [x for x in by_span.get((c.start, c.end), []) if x.text == c.text]
        if not mine:
            out.append(c)
            continue
        if any(x.field == "claim" and x.value is False for x in mine):
            continue
        out.append(corrected(c, mine))
    return out


def corrected(claim: Claim, corrections: list[Correction]) -> Claim:
    """A new claim: ``claim`` with ``corrections`` applied (``claim`` stays
    as it was), naming the fields they set in ``corrected``."""
    new: dict = {"evidence": list(claim.evidence), "reasons": list(claim.reasons),
                 "reason_confidence": dict(claim.reason_confidence)}
    now = lambda name: new.get(name, getattr(claim, name))
    fields = set(claim.corrected)
    for x in corrections:
        if x.field == "stance":
            stance = str(x.value)
            new.update(stance=stance, stance_confidence=None, evidence=[
                *(e for e in now("evidence") if not e.reason.startswith("stance:")),
                Evidence(f"stance:{stance}", claim.text, claim.start, claim.end, WHY)])
        elif x.field == "reasons":
            reasons = list(x.value)
            kept = [e for e in now("evidence") if e.reason.startswith("stance:") or e.reason in reasons]
            have = {e.reason for e in kept}
            new.update(reasons=reasons, reason_confidence={}, evidence=kept + [
                Evidence(r, claim.text, claim.start, claim.end, WHY) for r in reasons if r not in have])
        elif x.field == "speaker":
            value = x.value or {}
            speaker = value.get("name") or None
            new.update(speaker=speaker, speaker_role=value.get("role") or (now("speaker_role") if speaker else None),
                       speaker_canonical=None, speakers=people_of(speaker) if speaker else [])
            if speaker is None:
                new.update(attribution="author", cue=None)
            elif now("attribution") == "author":
                new["attribution"] = "reported"
        else:
            continue
        fields.add(x.field)
    return dataclasses.replace(claim, **new, corrected=sorted(fields))


def gold_records(store) -> dict[str, list[dict]]:
    """The corrected claims as annotation-guide gold, by article name: what
    ``claims evaluate`` scores against and ``claims train`` learns from
    (the claim as corrected, its other fields as extracted; "not a claim"
    corrections have no record)."""
    from ..text.names import name_key
    from ..text.reading import basename

    keys = {x.article_key for x in store.corrections()}
    out: dict[str, list[dict]] = {}
    for key in sorted(keys):
        claims = [c for c in store.claims("WHERE a.path = ?", (key,)) if c.corrected]
        for c in claims:
            surname = name_key(c.speaker).split()[-1:] if c.speaker else []
            name = basename(c.article)      # as the folder of texts names it
            out.setdefault(name, []).append({
                "article": name, "start": c.start, "end": c.end, "text": c.text,
                "speaker": c.speaker, "speaker_keys": surname, "speaker_role": c.speaker_role,
                "attribution": c.attribution, "stance": c.stance, "reasons": list(c.reasons),
                "duplicate_of": None, "note": f"corrected: {', '.join(c.corrected)}"})
    return out
