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
from .textio import MAX_ARTICLE_MB

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


class Engine(str, Enum):
    local = "local"
    dask = "dask"


DbOpt = Annotated[Optional[str], typer.Option("--db", help="Claim store: a SQLite file, or a Parquet folder from --engine dask. Default: $CLAIMS_DB, else ./claims.db.")]
ProfileOpt = Annotated[Optional[str], typer.Option("--profile", "-p", help="Topic profile: an installed name (see `claims profiles`) or a .toml path. Default: russia-armenia.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output: table (terminal), jsonl, json or csv.")]


def _err(msg: str) -> None:
    sys.stderr.write(msg.rstrip("\n") + "\n")


def _fail(e: Exception) -> None:
    _err(f"Error: {e}")
    raise typer.Exit(1)


def _print_claims(records: list[dict], fmt: "Format") -> None:
    """Claim records as a table (the columns a reader scans) or as data."""
    from .report import CLAIM_CSV_COLUMNS, CLAIM_TABLE_COLUMNS, write_rows

    columns = CLAIM_TABLE_COLUMNS if fmt == Format.table else CLAIM_CSV_COLUMNS
    write_rows(records, fmt.value, columns, widths={"text": 90, "cue": 18, "speaker": 28})


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
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes that parse and analyse articles; 0 (the default) uses every core (up to 4) for 8 files or more, else 1.")] = 0,
    dup_threshold: Annotated[float, typer.Option("--dup-threshold", min=0, max=100, help="Similarity (0-100, rapidfuzz ratio on normalised text) at which a claim is a near-duplicate.")] = 90.0,
    max_size: Annotated[float, typer.Option("--max-size", min=0.001, help="Largest article to read, in MB; a bigger file is reported and skipped.")] = MAX_ARTICLE_MB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on standard error.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which encoding each file was read with.")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this process and --jobs forks, into the SQLite store. dask: a Dask cluster, into a Parquet folder (--output); needs claims[scale].")] = Engine.local,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="With --engine dask: the scheduler address of an existing Dask cluster (tcp://host:8786). Default: a local cluster of --jobs workers (0: one per core).")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="With --engine dask: the Parquet store folder (created if new; unchanged inputs already in it are skipped). Read it with --db FOLDER.")] = None,
    no_link: Annotated[bool, typer.Option("--no-link", help="With --engine dask: do not link near-duplicates and build the tables at the end (run `claims link FOLDER` later).")] = False,
):
    """Segment articles into attributed claims, store them and print them.

    Each claim has its speaker (resolved to the fullest name in the article),
    the attribution (direct, reported or author), the cue, a stance and the
    reasons it cites. Re-extracting an unchanged file adds nothing.

    With --engine dask the claims go to a Parquet folder instead (inputs may
    also be fsspec URLs such as s3://bucket/news/), and only a summary is printed.
    """
    # ---- --engine dask: Parquet out, see claimcli/scale ----
    if engine == Engine.dask:
        _extract_dask(paths, output=output, cluster=cluster, jobs=jobs, profile=profile, model=model,
                      dup_threshold=dup_threshold, max_size=max_size, no_link=no_link, quiet=quiet)
        return
    if output or cluster or no_link:
        _fail(ClaimsError("--output, --cluster and --no-link go with --engine dask"))
    from .dedup import Linker
    from .extract import extract_articles
    from .nlp import load_nlp
    from .profiles import load as load_profile
    from .report import write_jsonl
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
        for res in extract_articles(files, nlp=nlp, profile=prof, n_process=jobs or _auto_jobs(len(files)), max_mb=max_size,
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
        _print_claims(rows, fmt)
    if not quiet:
        ok = len(files) - len(failed)
        _err(f"{ok} article(s), {n_claims} claim(s) -> {store.path}" + (f"; {len(failed)} failed" if failed else ""))
    store.close()
    if failed:
        raise typer.Exit(1)


# ---- the Dask engine and the Parquet store (claimcli/scale, extra claims[scale]) ----

def _scale(*modules: str):
    from .scale import require

    try:
        require(*modules)
    except ClaimsError as e:
        _fail(e)


def _extract_dask(paths, *, output, cluster, jobs, profile, model, dup_threshold, max_size, no_link, quiet):
    if not output:
        _fail(ClaimsError("--engine dask writes a Parquet folder: give it with --output DIR"))
    _scale("dask", "distributed", "pyarrow", "duckdb")
    from .scale import engine, link

    progress = None

    def advance(n, claims, total):
        nonlocal progress
        if progress is None and not quiet and total >= 2 and sys.stderr.isatty():
            progress = _Progress(total)
        if progress:
            progress.advance(claims, n)

    try:
        try:
            s = engine.run(paths, output, cluster=cluster, n_workers=jobs or None, model=model, profile=profile,
                           max_mb=max_size, on_progress=advance)
        finally:
            if progress:
                progress.stop()
        for msg in s.errors:
            _err(f"Error: {msg}")
        stats = None if no_link else link.link_store(output, dup_threshold)
    except ClaimsError as e:
        _fail(e)
    if not quiet:
        _err(f"{s.extracted} article(s) extracted, {s.unchanged} unchanged, {s.claims} claim(s) -> {s.output}"
             + (f"; {len(s.errors)} failed" if s.errors else "")
             + (f"; linked {stats.claims} claim(s): {stats.links} near-duplicate(s)" if stats else
                f"; run `claims link {s.output}` to read it"))
    if s.errors:
        raise typer.Exit(1)


@app.command()
def link(
    folder: Annotated[str, typer.Argument(help="A Parquet store made by `claims extract --engine dask --output FOLDER`.")],
    dup_threshold: Annotated[float, typer.Option("--dup-threshold", min=0, max=100, help="Similarity (0-100, rapidfuzz ratio on normalised text) at which a claim is a near-duplicate.")] = 90.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on standard error.")] = False,
):
    """Link near-duplicate claims of a Parquet store and build its tables.

    The same clusters as the local linker (same threshold, and never across
    a negation or a changed number), then the speaker table and the counts
    that `claims compare` and `claims speakers` read. `extract --engine dask`
    runs it at the end unless --no-link.
    """
    _scale("pyarrow", "duckdb")
    from .scale.link import link_store

    try:
        stats = link_store(folder, dup_threshold)
    except ClaimsError as e:
        _fail(e)
    if not quiet:
        _err(f"{stats.claims} claim(s), {stats.distinct} distinct text(s), {stats.pairs} candidate pair(s) scored, "
             f"{stats.links} near-duplicate(s) linked in {stats.seconds:.1f} s -> {folder}")


def _auto_jobs(n_files: int) -> int:
    import os

    return min(os.cpu_count() or 1, 4) if n_files >= 8 else 1


class _Progress:
    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.p = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[claims]} claims"), TimeElapsedColumn(),
                          console=Console(stderr=True), transient=True)
        self.task = self.p.add_task("extract", total=total, claims=0)
        self.p.start()

    def advance(self, claims: int, n: int = 1) -> None:
        self.p.update(self.task, advance=n, claims=claims)

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


# ---- reading the store ------------------------------------------------

SpeakerOpt = Annotated[Optional[str], typer.Option("--speaker", "-s", help="Full name, alias or surname; case and accents aside.")]
ReasonOpt = Annotated[Optional[str], typer.Option("--reason", "-r", help="A reason id of the profile (see `claims profiles PROFILE`).")]
StanceOpt = Annotated[Optional[str], typer.Option("--stance", help="A stance id of the profile.")]
ArticleOpt = Annotated[Optional[str], typer.Option("--article", "-a", help="An article's file name (with or without extension) or path.")]
AttributionOpt = Annotated[Optional[str], typer.Option("--attribution", help="direct, reported or author.")]
ContainsOpt = Annotated[Optional[str], typer.Option("--contains", help="Text the claim contains; case and accents aside.")]


def _reader(db: str | None, profile: str | None):
    """The store, read-only, and the profile that labels its ids; a Parquet
    folder (from --engine dask) is read through DuckDB."""
    from .profiles import load as load_profile
    from .scale import is_store
    from .store import Store

    try:
        if is_store(db):
            _scale("duckdb", "pyarrow")
            from .scale.duckdb import open_store

            return open_store(db), load_profile(profile)
        return Store(db, readonly=True), load_profile(profile)
    except ClaimsError as e:
        _fail(e)


def _filters(**kw):
    from .queries import Filters

    return Filters(**kw)


@app.command()
def speakers(fmt: FormatOpt = Format.table, db: DbOpt = None, profile: ProfileOpt = None):
    """List each speaker across articles: role, claims, articles, and claims per stance.

    One row per person: "Giragosian" in one article and "Richard Giragosian"
    in another are one speaker. A near-duplicate cluster counts once.
    """
    from .queries import speaker_columns, speakers as speaker_rows
    from .report import write_rows

    store, prof = _reader(db, profile)
    with store:
        rows = speaker_rows(store, prof.stance_ids)
    write_rows(rows, fmt.value, speaker_columns(rows), widths={"role": 40, "aliases": 40})


@app.command()
def query(
    speaker: SpeakerOpt = None,
    reason: ReasonOpt = None,
    stance: StanceOpt = None,
    article: ArticleOpt = None,
    attribution: AttributionOpt = None,
    contains: ContainsOpt = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many claims.")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """Print the stored claims that match every filter given, in article order.

    With no filter, every claim. An unknown speaker or article is an error
    that names the nearest ones.
    """
    from .queries import query as run_query

    f = _filters(speaker=speaker, reason=reason, stance=stance, article=article, attribution=attribution,
                 contains=contains)
    store, prof = _reader(db, profile)
    with store:
        try:
            rows = [c.record() for c in run_query(store, f, profile=prof, limit=limit)]
        except ClaimsError as e:
            _fail(e)
    _print_claims(rows, fmt)


class Dimension(str, Enum):
    speaker = "speaker"
    article = "article"
    reason = "reason"
    stance = "stance"


@app.command()
def compare(
    rows: Annotated[Dimension, typer.Option("--rows", help="What each row counts claims for.")] = Dimension.speaker,
    cols: Annotated[Dimension, typer.Option("--cols", help="What each column counts claims for.")] = Dimension.stance,
    speaker: SpeakerOpt = None,
    reason: ReasonOpt = None,
    stance: StanceOpt = None,
    article: ArticleOpt = None,
    attribution: AttributionOpt = None,
    contains: ContainsOpt = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="Only the N heaviest rows.")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """Print a table of claim counts, e.g. speaker x stance or reason x article.

    Rows and columns are ordered by weight; a near-duplicate cluster counts
    once per cell; the claims column counts each row's claims. The filters
    narrow the claims counted. `claims query` with the row's and column's
    values lists the claims behind a cell; --format json or jsonl prints one
    record per cell with that command.
    """
    from .queries import compare as run_compare
    from .report import write_rows

    f = _filters(speaker=speaker, reason=reason, stance=stance, article=article, attribution=attribution,
                 contains=contains)
    store, prof = _reader(db, profile)
    with store:
        try:
            table = run_compare(store, rows.value, cols.value, f, profile=prof, limit=limit)
        except ClaimsError as e:
            _fail(e)
    if fmt in (Format.json, Format.jsonl):
        write_rows(table.cells(), fmt.value, ())
        return
    write_rows(table.wide(), fmt.value, table.columns, widths={rows.value: 40})
    if fmt == Format.table and table.row_labels:
        _err(f"Claims behind a cell: claims query --{rows.value} ROW --{cols.value} COLUMN")


@app.command()
def duplicates(
    article: ArticleOpt = None,
    min_size: Annotated[int, typer.Option("--min-size", min=1, help="Only clusters with at least this many claims.")] = 2,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """List clusters of near-identical claims, within and across articles.

    Each member shows its article, speaker and its similarity (0-100,
    rapidfuzz ratio on normalised text) to the cluster's first claim.
    --format json/jsonl prints one record per cluster with its members.
    """
    from .queries import CLUSTER_COLUMNS, cluster_rows, clusters
    from .report import write_rows

    store, _ = _reader(db, profile)
    with store:
        try:
            found = clusters(store, article=article, min_size=min_size)
        except ClaimsError as e:
            _fail(e)
    if fmt in (Format.json, Format.jsonl):
        write_rows(found, fmt.value, ())
    else:
        write_rows(cluster_rows(found), fmt.value, CLUSTER_COLUMNS, widths={"text": 90, "speaker": 28})


export_app = typer.Typer(help="Write stored claims or their reasons to CSV or JSON Lines, for a spreadsheet or a script.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(export_app, name="export")


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="File to write (replaced whole, only on success); - or none for standard output.")]


@export_app.command("reasons")
def export_reasons(
    output: OutputOpt = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl or json.")] = ExportFormat.csv,
    speaker: SpeakerOpt = None,
    reason: ReasonOpt = None,
    stance: StanceOpt = None,
    article: ArticleOpt = None,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """One row per (claim, reason): reason id and label, claim id, article,
    speaker, role, attribution, stance, the evidence words and the claim text.

    CSV is RFC 4180 and UTF-8; cells a spreadsheet would run as a formula are
    prefixed with ' (OWASP).
    """
    from .queries import REASON_COLUMNS, reason_rows
    from .report import output as open_output, write_rows
    from .store import Store

    f = _filters(speaker=speaker, reason=reason, stance=stance, article=article)
    store, prof = _reader(db, profile)
    with store:
        try:
            if not isinstance(store, Store):      # a Parquet store: its own SQL
                from .scale.duckdb import reason_rows
            with open_output(output) as out:
                n = write_rows(reason_rows(store, f, profile=prof), fmt.value, REASON_COLUMNS, out)
        except ClaimsError as e:
            _fail(e)
    if output not in (None, "-"):
        _err(f"{n} row(s) -> {output}")


@export_app.command("claims")
def export_claims(
    output: OutputOpt = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl or json.")] = ExportFormat.csv,
    speaker: SpeakerOpt = None,
    reason: ReasonOpt = None,
    stance: StanceOpt = None,
    article: ArticleOpt = None,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """Every stored claim (or those matching the filters), in article order,
    streamed from the store."""
    from .queries import claim_records
    from .report import CLAIM_CSV_COLUMNS, output as open_output, write_rows

    f = _filters(speaker=speaker, reason=reason, stance=stance, article=article)
    store, prof = _reader(db, profile)
    with store:
        try:
            with open_output(output) as out:
                n = write_rows(claim_records(store, f, profile=prof), fmt.value, CLAIM_CSV_COLUMNS, out)
        except ClaimsError as e:
            _fail(e)
    if output not in (None, "-"):
        _err(f"{n} claim(s) -> {output}")

if __name__ == "__main__":  # pragma: no cover
    app()
