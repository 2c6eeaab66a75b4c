"""A profile's examples run through the whole extractor: what a profile
author sees when a change breaks one."""

from __future__ import annotations

from ..judging.profiles import Profile


def check_examples(profile: Profile, *, nlp=None) -> list[dict]:
    """Run the profile's examples; one row per example, with ``ok`` and what
    it got. A profile author sees at once what a change breaks."""
    from .extract import extract_text

    rows = []
    for ex in profile.examples:
        claims = extract_text(ex.text, nlp=nlp, profile=profile)
        stance = next((c.stance for c in claims if c.stance != profile.default_stance), profile.default_stance)
        got = sorted({r for c in claims for r in c.reasons})
        ok = (ex.stance is None or stance == ex.stance) and set(ex.reasons) <= set(got) and (
            not ex.exact or set(got) == set(ex.reasons))
        rows.append({"ok": ok, "source": ex.source, "text": ex.text,
                     "expected": " ".join(filter(None, [ex.stance] + ex.reasons)),
                     "got": " ".join([stance] + got), "reasons": list(ex.reasons),
                     "claims": [c.record() for c in claims]})   # their evidence: why it got what it got
    return rows
