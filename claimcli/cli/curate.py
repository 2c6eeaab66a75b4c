"""Commands that change what the store holds by hand: remove articles,
correct claims, and hand the corrections back as gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from ..errors import ClaimsError
from .app import DbOpt, ProfileOpt, _err, _fail, _open, _store_and_profile, app, export_app, speakers_app
from .examples import epilog


def _writer(db: str | None):
    return _open(db, readonly=False)


def _writer_and_profile(db: str | None, profile: str | None):
    """The store, to write, and the profile that labels its ids."""
    return _store_and_profile(db, profile, readonly=False)


def resolve_articles(store, wanted: list[str]) -> list[str]:
    """Article keys for what a user typed, as the --article filter reads it
    (a path, a name or title, or the start of one); a miss or an ambiguous
    start is a usage error that lists the candidates."""
    from ..errors import FilterError
    from ..stores.queries import article_keys

    out = []
    for w in wanted:
        try:
            out += article_keys(store, w)
        except FilterError as e:
            raise typer.BadParameter(str(e), param_hint="ARTICLE") from None
    return list(dict.fromkeys(out))


@app.command(epilog=epilog("remove"))
def remove(
    articles: Annotated[List[str], typer.Argument(help="Articles to remove: a path, the name or title records give it, or a prefix of one.")],
    db: DbOpt = None,
):
    """Take articles and their claims out of the store.

    Their near-duplicates in other articles stay linked to each other; a
    correction made to their claims is kept, and applies again if the
    article is extracted again.

    """
    store = _writer(db)
    with store:
        keys = resolve_articles(store, articles)
        for key in keys:
            try:
                n = store.remove(key)
            except ClaimsError as e:
                _fail(e)
            _err(f"removed {key} ({n} claim(s))")


def _labels(values: str | None, profile, kind: str) -> list[str]:
    """Reason ids from ids or labels, as the tables show them."""
    known = {r.id: r.id for r in profile.reasons} | {r.label.casefold(): r.id for r in profile.reasons}
    out = []
    for v in [x.strip() for x in (values or "").split(",") if x.strip()]:
        rid = known.get(v) or known.get(v.casefold())
        if rid is None:
            raise typer.BadParameter(f"{v!r} is not a reason of profile {profile.id!r}: "
                                     f"{', '.join(r.id for r in profile.reasons)}", param_hint=kind)
        out.append(rid)
    return out


@app.command(epilog=epilog("correct"))
def correct(
    claim_id: Annotated[str, typer.Argument(help="The claim's id (the id column of --format jsonl/csv, or `claims query`).")],
    stance: Annotated[Optional[str], typer.Option("--stance", help="The right stance (an id of the profile).")] = None,
    reasons: Annotated[Optional[str], typer.Option("--reasons", help="The right reasons, comma-separated ids or labels; \"\" for none.")] = None,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="The right speaker's full name; \"\" for the author's voice.")] = None,
    role: Annotated[Optional[str], typer.Option("--role", help="With --speaker: the speaker's role.")] = None,
    not_a_claim: Annotated[bool, typer.Option("--not-a-claim", help="The text is not a claim (furniture, a caption, a misread): leave it out.")] = False,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """Correct a stored claim's stance, reasons or speaker, or say it is not one.

    The correction is stored beside the claims, keyed by the article and the
    claim's span: every later extract (another profile version, model or
    release) applies it again, and outputs list the corrected fields in
    `corrected`. `claims export gold` writes the corrections as gold for
    `claims evaluate` and `claims train`.

    """
    changes: dict[str, object] = {}
    store, prof = _writer_and_profile(db, profile)
    with store:
        if stance is not None:
            if stance not in prof.stance_ids:
                raise typer.BadParameter(f"{stance!r} is not a stance of profile {prof.id!r}: "
                                         f"{', '.join(prof.stance_ids)}", param_hint="--stance")
            changes["stance"] = stance
        if reasons is not None:
            changes["reasons"] = _labels(reasons, prof, "--reasons")
        if speaker is not None:
            changes["speaker"] = {"name": speaker.strip(), "role": (role or "").strip()}
        elif role is not None:
            raise typer.BadParameter("--role goes with --speaker", param_hint="--role")
        if not_a_claim:
            changes["claim"] = False
        if not changes:
            raise typer.BadParameter("nothing to correct: give --stance, --reasons, --speaker or --not-a-claim")
        try:
            after = store.correct(claim_id, changes)
        except ClaimsError as e:
            _fail(e)
    if after is None:
        _err(f"{claim_id}: not a claim; left out of {store.path} (and of every later extract)")
    else:
        _err(f"{claim_id}: corrected {', '.join(sorted(changes))} -> stance {after.stance}, reasons "
             f"{', '.join(after.reasons) or '-'}, speaker {after.speaker or '(author)'}")


@app.command(epilog=epilog("corrections"))
def corrections(db: DbOpt = None):
    """List the stored corrections (JSON Lines): article, span, field, value, text."""
    with _open(db) as store:
        for x in store.corrections():
            typer.echo(json.dumps({"article_key": x.article_key, "start": x.start, "end": x.end, "field": x.field,
                                   "value": x.value, "text": x.text}, ensure_ascii=False))


@export_app.command("gold", epilog=epilog("export gold"))
def export_gold(
    output: Annotated[str, typer.Option("--output", "-o", help="Folder to write one <article>.jsonl of gold claims per corrected article into (created if missing).")],
    db: DbOpt = None,
):
    """The corrected claims as gold (the annotation guide's format), one file
    per article: `claims evaluate --gold DIR` scores against it and `claims
    train --gold DIR` learns from it.

    """
    from ..stores.corrections import gold_records

    with _open(db) as store:
        gold = gold_records(store)
    out = Path(output)
    if out.exists() and not out.is_dir():
        _fail(ClaimsError(f"{output}: not a folder"))
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, records in gold.items():
        path = out / (Path(name).stem + ".jsonl")
        tmp = path.with_suffix(".jsonl.tmp")
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        tmp.replace(path)
        n += len(records)
    _err(f"{n} corrected claim(s) of {len(gold)} article(s) -> {output}")


@app.command("articles", epilog=epilog("articles"))
def list_articles(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
    db: DbOpt = None,
):
    """The stored articles: name, title, outlet, author, date, address and claim count."""
    from ..output.writers import write_rows

    if fmt not in ("table", "jsonl", "csv", "json"):
        raise typer.BadParameter(f"{fmt!r}: use table, jsonl, json or csv", param_hint="--format")
    with _open(db) as store:
        rows = store.articles()
    columns = ("name", "title", "outlet", "author", "published", "url", "claims") if fmt == "table" else \
        ("key", "name", "title", "outlet", "author", "published", "url", "sha256", "claims")
    write_rows(rows, fmt, columns)


REVIEW_KEYS = "a accept · f fix · s skip · q quit"


@app.command(epilog=epilog("review"))
def review(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many claims to walk, the least sure first.")] = 20,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """Walk the claims the labeller is least sure of, one key each: accept
    (a), fix (f: then the stance's first letter, and the reasons), skip (s),
    quit (q).

    An accepted or fixed claim is stored as a correction (`claims correct`):
    later extracts keep it, and `claims export gold` hands it to `claims
    train` and `claims evaluate`. Claims reviewed before are not shown again.

    """
    import sys

    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False)
    store, prof = _writer_and_profile(db, profile)
    with store:
        by_key = {s[0]: s for s in prof.stance_ids}
        if len(by_key) != len(prof.stance_ids):      # stances sharing a first letter: numbers instead
            by_key = {str(i): s for i, s in enumerate(prof.stance_ids, 1)}
        labels = {r.id: r.label for r in prof.reasons}
        done = {"accepted": 0, "fixed": 0, "skipped": 0}
        queue = store.to_review(limit)
        for n, c in enumerate(queue, 1):
            sure = f"{c.stance_confidence:.2f}" if c.stance_confidence is not None else "rules"
            console.print(f"\n[bold]{n}/{len(queue)}[/bold] {escape(c.article)} · {c.id}")
            console.print(f"  {escape(c.text)}")
            console.print(f"  speaker {escape(c.speaker or '(author)')} · {c.attribution} · stance "
                          f"[bold]{c.stance}[/bold] ({sure}) · reasons "
                          f"{escape(', '.join(labels.get(r, r) for r in c.reasons) or '-')}")
            key = _key(console, REVIEW_KEYS, "afsq")
            if key == "q":
                break
            if key == "s":
                done["skipped"] += 1
                continue
            changes: dict[str, object] = {"stance": c.stance, "reasons": list(c.reasons)}
            if key == "f":
                choices = " · ".join(f"{k} {s}" for k, s in by_key.items())
                changes["stance"] = by_key[_key(console, f"stance: {choices}", "".join(by_key))]
                console.print("  reasons (ids or labels, comma-separated; empty keeps "
                              f"{', '.join(c.reasons) or 'none'}; - for none):", end=" ")
                typed = sys.stdin.readline().strip()
                if typed == "-":
                    changes["reasons"] = []
                elif typed:
                    try:
                        changes["reasons"] = _labels(typed, prof, "reasons")
                    except typer.BadParameter as e:
                        console.print(f"  {escape(e.message)}; reasons kept")
            store.correct(c.id, changes)
            done["fixed" if key == "f" else "accepted"] += 1
    _err(f"{done['accepted']} accepted, {done['fixed']} fixed, {done['skipped']} skipped -> {store.path}")


def _key(console, prompt: str, allowed: str) -> str:
    """One key press from the allowed ones (a terminal's, or a test's input)."""
    import sys

    from rich.markup import escape

    while True:
        console.print(escape(f"  [{prompt}] "), end="")
        ch = (_getchar() if sys.stdin.isatty() else sys.stdin.read(1) or "\x04").lower()
        console.print(escape(ch.strip()))
        if ch in allowed:
            return ch
        if ch in ("\x03", "\x04"):           # Ctrl-C, Ctrl-D
            raise typer.Exit(1)


def _getchar() -> str:
    """One key from the terminal, keeping what was typed ahead (click's
    getchar flushes it on entering raw mode, so a fast typist, or a test,
    loses keys)."""
    import os
    import sys

    try:
        import termios
        import tty
    except ImportError:                      # pragma: no cover - Windows
        return typer.getchar(echo=False)
    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        return os.read(fd, 4).decode("utf-8", "replace")[:1]
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def _one_speaker(store, name: str) -> list[int]:
    from ..errors import FilterError
    from ..stores.queries import speaker_ids

    try:
        return speaker_ids(store, name)
    except FilterError as e:
        raise typer.BadParameter(str(e), param_hint="NAME") from None


@speakers_app.command("merge", epilog=epilog("speakers merge"))
def merge_speakers(
    names: Annotated[List[str], typer.Argument(help="The speakers that are one person, as `claims speakers` names them (or a name form, an alias or a surname); the last is the name kept.")],
    db: DbOpt = None,
):
    """Make several speakers one: their claims count for the last one named.

    Every name form of the others is recorded, so a later extract (of these
    articles or new ones) sends it to that speaker too.
    """
    from ..stores.queries import speaker_name

    if len(names) < 2:
        raise typer.BadParameter("name two speakers or more: the ones to merge, then the one they become")
    store = _writer(db)
    with store:
        into = _one_speaker(store, names[-1])
        if len(into) != 1:
            raise typer.BadParameter(f"{names[-1]!r} is {len(into)} speakers; name one", param_hint="NAME")
        ids = sorted({i for n in names[:-1] for i in _one_speaker(store, n)} - set(into))
        if not ids:
            raise typer.BadParameter("those are one speaker already", param_hint="NAME")
        moved = store.merge_speakers(ids, into[0])
        kept = speaker_name(store, into[0])
    _err(f"{len(ids)} speaker(s) merged into {kept} ({moved} claim(s) moved)")


@speakers_app.command("split", epilog=epilog("speakers split"))
def split_speaker(
    form: Annotated[str, typer.Argument(help="A name form as the articles write it (\"Sargsyan\"), joined to the wrong person.")],
    db: DbOpt = None,
):
    """Make a name form its own speaker: the claims that name the speaker so
    leave the person it was joined to (by its surname or an alias).

    Later extracts keep the form apart too.
    """
    store = _writer(db)
    with store:
        sid = store.split_speaker(form)
    if sid is None:
        _err(f"no claim names a speaker {form!r}; recorded for later extracts")
    else:
        _err(f"{form!r} is its own speaker now")
