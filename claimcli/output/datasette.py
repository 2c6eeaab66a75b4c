"""Datasette metadata for a claim store, so `datasette claims.db -m
metadata.json` is a browsing UI: tables and columns described, facets on
speaker, stance and reason, the internal tables hidden, search on claim text.

Datasette is an optional extra (``pip install 'claims[datasette]'``); this
module only writes its metadata and never imports it. The store gives the
rest: the ``claims_fts`` full-text index and the ``claim_details`` view
(schema 3).
"""

from __future__ import annotations

from pathlib import Path

CLAIM_COLUMNS = {
    "id": "Stable claim id: a hash of the article's name, content and the claim's span (the JSONL `id`).",
    "article_id": "The article the claim comes from.",
    "article": "The article's file name.",
    "seq": "The claim's place in its article.",
    "text": "The claim's words, as in the article.",
    "start": "Offset of the claim's first character in the article text.",
    "end": "Offset just past the claim's last character.",
    "speaker": "Who makes the claim, in the fullest form the article gives; empty for the author's own voice.",
    "speaker_id": "The speaker across articles (one row per person in `speakers`).",
    "speaker_role": "The speaker's role or title, from an apposition.",
    "attribution": "direct (inside quotation marks), reported (indirect speech, 'according to') or author.",
    "cue": "The attributing words: 'said', 'told IWPR', 'according to'.",
    "stance": "The claim's stance on the profile's topic.",
    "reasons": "The profile's reasons the claim cites (a JSON list of ids).",
    "duplicate_of": "The earliest near-identical claim, within or across articles.",
    "cluster": "The near-duplicate cluster: its first claim's id.",
    "norm": "Normalised text, used to find near-duplicates.",
    "background": "1 for a background claim (context with no source, no reason and not about the topic): "
                  "kept, but left out of counts unless asked for.",
    "stance_confidence": "The trained labeller's probability of the stance (empty where the rules alone labelled).",
    "reason_confidence": "Each reason the labeller gives, with its probability (a JSON object).",
    "corrected": "The fields a user corrected with `claims correct` (a JSON list; empty for none).",
}
ARTICLE_META_COLUMNS = {
    "outlet": "The outlet that published it (from the page, the front matter or --meta).",
    "author": "Its author(s).",
    "published": "When it appeared (ISO date, YYYY-MM-DD, or YYYY-MM).",
    "url": "Its address.",
}

HIDDEN = ("claim_keys", "cell_counts", "claims_fts")


def metadata(db_path: str, *, profile=None) -> dict:
    """Datasette metadata for the store at ``db_path`` (Datasette names a
    database after its file's stem). With ``profile``, the reason column
    says what each id means."""
    reasons = CLAIM_COLUMNS["reasons"]
    stance = CLAIM_COLUMNS["stance"]
    if profile is not None:
        reasons += " " + "; ".join(f"{r.id}: {r.label}" for r in profile.reasons) + "."
        stance += f" One of: {', '.join(profile.stance_ids)} ({profile.name})."
    claim_columns = {**CLAIM_COLUMNS, "reasons": reasons, "stance": stance}
    view_columns = {k: v for k, v in claim_columns.items() if k not in ("article_id", "seq", "speaker_id", "norm")}
    view_columns.update({
        "rowid": "The claim's row in `claims` (what full-text search matches).",
        "article_title": "The article's headline.",
        **ARTICLE_META_COLUMNS,
        "article_path": "Where the article was read from.",
        "speaker": "Who makes the claim (the person's name across articles); empty for the author's own voice.",
    })
    facets = ["speaker", "stance", {"array": "reasons"}, "attribution"]
    tables = {
        "claim_details": {
            "description": "Every claim with its speaker's name and its article's title: start here. "
                           "Search matches claim text; facets count claims by speaker, stance and reason.",
            "columns": view_columns, "facets": facets + ["article_title", "outlet", "published"],
            "fts_table": "claims_fts", "fts_pk": "rowid", "sortable_columns": list(view_columns),
        },
        "claims": {
            "description": "One row per claim: who says what, in whose words, with which stance and reasons.",
            "columns": claim_columns, "facets": facets, "fts_table": "claims_fts", "fts_pk": "rowid",
            "label_column": "text",
        },
        "articles": {
            "description": "One row per article read; a changed file replaces its row and claims.",
            "columns": {
                "name": "File name.", "path": "Where it was read from (its key in the store).",
                "sha256": "SHA-256 of the decoded text: unchanged bytes are not extracted again.",
                "title": "The headline: the page's or the metadata's, else its first line that is not furniture.",
                "encoding": "The encoding it was read with.",
                "extracted_at": "When its claims were written (UTC).",
                "profile": "The profile that labelled its claims.",
                "profile_sha256": "SHA-256 of that profile's content: an edited profile labels again.",
                "profile_path": "Where that profile was read from.",
                "pipeline": "The spaCy pipeline and claims version that analysed it.",
                **ARTICLE_META_COLUMNS,
            },
            "facets": ["outlet"],
            "label_column": "title",
        },
        "speakers": {
            "description": "One row per person across articles: 'Giragosian' and 'Richard Giragosian' are one.",
            "columns": {"name": "The fullest name seen.", "role": "The first role seen.",
                        "surname_key": "Folded surname, to join a surname to a full name.",
                        "name_key": "Folded name (case and accents aside), for lookups.",
                        "scope": "For a source the article does not name ('a senior official'): that article; "
                                 "such a source is somebody in one article only. Empty for everyone else."},
            "label_column": "name",
        },
        "claim_speakers": {
            "description": "Each speaker of a claim, in order: 'X and Y said' is both's claim.",
            "columns": {"claim_id": "The claim.", "ord": "The speaker's place in the claim (0 first).",
                        "speaker_id": "The speaker (a row of `speakers`).",
                        "name": "The name as the claim gives it."},
        },
        "speaker_aliases": {
            "description": "Every form of a speaker's name seen in the articles.",
            "columns": {"alias": "A name form as written.", "alias_key": "The folded form, for lookups."},
        },
        "claim_reasons": {
            "description": "One row per (claim, reason) with the words that gave it; "
                           "'stance:<id>' rows are the stance's cue words.",
            "columns": {"reason": "A reason id of the profile, or stance:<id> for a stance cue.",
                        "evidence": "The words in the claim that gave the reason.",
                        "ev_start": "Offset of those words in the article.", "ev_end": "Offset just past them."},
            "facets": ["reason"],
        },
        "speaker_edits": {
            "description": "A user's speaker edits (`claims speakers merge` / `split`), applied again at every extract.",
            "columns": {"name_key": "The folded name form the edit concerns.",
                        "kind": "merge (the form is the target's) or split (the form is its own speaker).",
                        "target": "For a merge: the speaker's name the form goes to.", "made_at": "When (UTC)."},
        },
        "corrections": {
            "description": "A user's corrections (`claims correct`), applied again at every extract: keyed by the "
                           "article and the claim's span, with the claim's words as a check.",
            "columns": {"article_key": "The article's key (`articles.path`).", "start": "The claim's first offset.",
                        "end": "Just past its last.", "field": "stance, reasons, speaker or claim (not a claim).",
                        "value": "The corrected value (JSON).", "text": "The claim's words when corrected.",
                        "made_at": "When (UTC)."},
            "facets": ["field"],
        },
        **{t: {"hidden": True} for t in HIDDEN},
    }
    return {
        "title": "claims",
        "description": "Attributed claims from news articles: who says what, in whose words, with which stance "
                       "and reasons. Made by `claims extract`.",
        "databases": {Path(db_path).stem: {"tables": tables}},
    }
