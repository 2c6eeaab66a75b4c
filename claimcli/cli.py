"""The ``claims`` command line: parse options, call the library, print.

Nothing here imports spaCy: commands that parse text load the pipeline
inside their own body, so ``claims --help`` answers at once.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, List, Optional

import typer

from . import __version__
from .errors import ClaimsError

app = typer.Typer(
    help="Turn news and opinion articles into attributed claims: who says what, "
         "in whose words, with which stance and reasons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


DbOpt = Annotated[Optional[str], typer.Option("--db", help="Claim store (SQLite). Default: $CLAIMS_DB, else ./claims.db.")]
ProfileOpt = Annotated[Optional[str], typer.Option("--profile", "-p", help="Topic profile: an installed name (see `claims profiles`) or a .toml path. Default: russia-armenia.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output: table (terminal), jsonl, json or csv.")]


def _err(msg: str) -> None:
    sys.stderr.write(msg.rstrip("\n") + "\n")


def _fail(e: Exception) -> None:
    _err(f"Error: {e}")
    raise typer.Exit(1)


def _version(value: bool):
    if value:
        typer.echo(f"claims {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False):
    """claims: who claims what, and why, across many articles."""


@app.command()
def extract(
    paths: Annotated[List[str], typer.Argument(help="Article files, folders (their *.txt and *.md, recursively) or - for standard input.")],
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ProfileOpt = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline (package name or path). Default: $CLAIMS_MODEL, else the installed English pipeline.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parser processes.")] = 1,
    dup_threshold: Annotated[float, typer.Option("--dup-threshold", min=0, max=100, help="Similarity (0-100, rapidfuzz ratio on normalised text) at which a claim is a near-duplicate.")] = 90.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on standard error.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which encoding each file was read with.")] = False,
):
    """Segment articles into attributed claims, store them and print them.

    Each claim has its speaker (resolved to the fullest name in the article),
    the attribution (direct, reported or author), the cue, a stance and the
    reasons it cites. Re-extracting an unchanged file adds nothing.
    """
    from .dedup import Linker
    from .extract import extract_articles
    from .nlp import load_nlp
    from .profiles import load as load_profile
    from .report import CLAIM_CSV_COLUMNS, CLAIM_TABLE_COLUMNS, write_jsonl, write_rows
    from .store import Store
    from .textio import collect_paths

    try:
        files = collect_paths(paths)
        prof = load_profile(profile)
        store = Store(db)
        nlp = load_nlp(model)
    except ClaimsError as e:
        _fail(e)

    linker = Linker(store, threshold=dup_threshold)
    rows: list[dict] = []
    failed: list[str] = []
    n_claims = 0
    progress = _progress(len(files), quiet)
    try:
        for res in extract_articles(files, nlp=nlp, profile=prof, n_process=jobs,
                                    known=store.stored_if_unchanged):
            if res.error:
                failed.append(res.error)
                _err(f"Error: {res.error}")
            else:
                art = res.article
                if verbose:
                    _err(f"{art.path}: read as {art.encoding}")
                if not res.cached:
                    keys = linker.link(res.claims, exclude_path=store.article_key(art))
                    try:
                        store.write_article(art, res.claims, keys)
                    except ClaimsError as e:
                        _fail(e)
                records = [c.record() for c in res.claims]
                n_claims += len(records)
                if fmt == Format.jsonl:
                    write_jsonl(records, sys.stdout)
                    sys.stdout.flush()
                else:
                    rows.extend(records)
            if progress:
                progress.advance(n_claims)
    finally:
        if progress:
            progress.stop()
    if fmt != Format.jsonl:
        columns = CLAIM_TABLE_COLUMNS if fmt == Format.table else CLAIM_CSV_COLUMNS
        write_rows(rows, fmt.value, columns, widths={"text": 90, "cue": 18, "speaker": 28})
    if not quiet:
        ok = len(files) - len(failed)
        _err(f"{ok} article(s), {n_claims} claim(s) -> {store.path}" + (f"; {len(failed)} failed" if failed else ""))
    store.close()
    if failed:
        raise typer.Exit(1)


class _Progress:
    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.p = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[claims]} claims"), TimeElapsedColumn(),
                          console=Console(stderr=True), transient=True)
        self.task = self.p.add_task("extract", total=total, claims=0)
        self.p.start()

    def advance(self, claims: int) -> None:
        self.p.update(self.task, advance=1, claims=claims)

    def stop(self) -> None:
        self.p.stop()


def _progress(n_files: int, quiet: bool):
    if quiet or n_files < 2 or not sys.stderr.isatty():
        return None
    return _Progress(n_files)


@app.command()
def profiles(
    path: Annotated[Optional[str], typer.Argument(help="A profile file to validate (a .toml path or an installed name).")] = None,
    fmt: FormatOpt = Format.table,
):
    """List the installed topic profiles, or validate one profile file.

    A profile (TOML) names the topic's target, its stance labels and its
    reasons, each with lemma patterns; see data/profiles/ for examples.
    """
    from .profiles import installed_profiles, load
    from .report import write_rows

    try:
        if path:
            p = load(path)
            _err(f"{p.path}: valid profile {p.id!r} ({len(p.stances)} stances, {len(p.reasons)} reasons)")
            rows = [{"kind": "stance", "id": sid, "description": t["description"]} for sid, t in p.stances.items()]
            rows += [{"kind": "reason", "id": r.id, "description": r.description} for r in p.reasons]
            write_rows(rows, fmt.value, ("kind", "id", "description"), widths={"description": 100})
            return
        rows = []
        for name, fpath in installed_profiles().items():
            prof = load(str(fpath))
            rows.append({"name": name, "topic": prof.name, "stances": list(prof.stances),
                         "reasons": len(prof.reasons), "path": str(fpath)})
    except ClaimsError as e:
        _fail(e)
    write_rows(rows, fmt.value, ("name", "topic", "stances", "reasons", "path"))


@app.command()
def info(
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ProfileOpt = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to report on.")] = None,
):
    """Print the versions, the spaCy pipeline, and the store in use."""
    import importlib.metadata as md
    import platform

    from .nlp import model_name
    from .report import write_rows
    from .store import SCHEMA_VERSION, Store, default_db_path

    def version(pkg):
        try:
            return md.version(pkg)
        except md.PackageNotFoundError:
            return None

    try:
        mname = model_name(model)
    except ClaimsError as e:
        mname = f"(none: {e})"
    from .profiles import load as load_profile

    try:
        prof = load_profile(profile)
        prof_info = f"{prof.id} ({prof.path})"
    except ClaimsError as e:
        prof_info = f"(invalid: {e})"
    path = default_db_path(db)
    store_info: dict = {"path": path, "schema_version": SCHEMA_VERSION}
    try:
        with Store(path, readonly=True) as s:
            store_info.update(s.counts())
    except ClaimsError as e:
        store_info["status"] = str(e)
    data = {
        "claims": __version__, "python": platform.python_version(),
        "spacy": version("spacy"), "typer": version("typer"), "rich": version("rich"),
        "rapidfuzz": version("rapidfuzz"), "model": mname, "profile": prof_info,
        "model_version": version(mname.replace("_", "-")) if not mname.startswith("(") else None,
        "store": store_info,
    }
    if fmt in (Format.json, Format.jsonl):
        import json
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2 if fmt == Format.json else None))
        return
    flat = [{"key": k, "value": v} for k, v in data.items() if k != "store"]
    flat += [{"key": f"store.{k}", "value": v} for k, v in store_info.items()]
    write_rows(flat, fmt.value, ("key", "value"))


if __name__ == "__main__":  # pragma: no cover
    app()
