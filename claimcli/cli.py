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
    add_completion=True,     # --install-completion / --show-completion, Typer's own
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


def _print_claims(records: list[dict], fmt: "Format", *, titles: dict | None = None, profile=None) -> None:
    """Claim records as a table (titles and labels for ids) or as data."""
    from .report import CLAIM_CSV_COLUMNS, CLAIM_TABLE_COLUMNS, write_rows

    if fmt != Format.table:
        write_rows(records, fmt.value, CLAIM_CSV_COLUMNS)
        return
    from .labels import CLAIM_GROUP, CLAIM_LAYOUT, claim_table_rows

    rows = claim_table_rows(records, titles=titles,
                            reason_labels={r.id: r.label for r in profile.reasons} if profile else None)
    write_rows(rows, fmt.value, CLAIM_TABLE_COLUMNS, layout=CLAIM_LAYOUT, group=CLAIM_GROUP)


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
    titles: dict[str, str] = {}
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
                titles.setdefault(art.name, art.title)
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
        _print_claims(rows, fmt, titles=titles, profile=prof)
    if not quiet:
        ok = len(files) - len(failed)
        _err(f"{ok} article(s), {n_claims} claim(s) -> {store.path}" + (f"; {len(failed)} failed" if failed else ""))
    store.close()
    if failed:
        raise typer.Exit(1)


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


# ---- reading the store ------------------------------------------------

SpeakerOpt = Annotated[Optional[str], typer.Option("--speaker", "-s", help="Full name, alias or surname; case and accents aside.")]
ReasonOpt = Annotated[Optional[str], typer.Option("--reason", "-r", help="A reason id of the profile (see `claims profiles PROFILE`).")]
StanceOpt = Annotated[Optional[str], typer.Option("--stance", help="A stance id of the profile.")]
ArticleOpt = Annotated[Optional[str], typer.Option("--article", "-a", help="An article's file name (with or without extension) or path.")]
AttributionOpt = Annotated[Optional[str], typer.Option("--attribution", help="direct, reported or author.")]
ContainsOpt = Annotated[Optional[str], typer.Option("--contains", help="Text the claim contains; case and accents aside.")]


def _reader(db: str | None, profile: str | None):
    """The store, read-only, and the profile that labels its ids."""
    from .profiles import load as load_profile
    from .store import Store

    try:
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
    from .labels import article_titles

    store, prof = _reader(db, profile)
    with store:
        try:
            rows = [c.record() for c in run_query(store, f, profile=prof, limit=limit)]
        except ClaimsError as e:
            _fail(e)
        titles = article_titles(store)
    _print_claims(rows, fmt, titles=titles, profile=prof)


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


# ---- the HTML report --------------------------------------------------

@app.command()
def report(
    output: Annotated[str, typer.Option("--output", "-o", help="HTML file to write (replaced whole, only on success); - for standard output.")] = "report.html",
    speaker: SpeakerOpt = None,
    reason: ReasonOpt = None,
    stance: StanceOpt = None,
    article: ArticleOpt = None,
    attribution: AttributionOpt = None,
    contains: ContainsOpt = None,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """Write a self-contained HTML report of the stored claims.

    Overview: speaker x stance and reason x article as heatmaps, the top
    speakers and the reasons with their share. Articles: each text with its
    claims highlighted (style = attribution, colour = stance, reasons' words
    underlined); hover or click a claim for its card. Filter by speaker,
    stance, reason or article in the page. One file, no network: it opens
    offline and can be mailed. Articles are re-read from their paths; a file
    changed since extraction shows its claims alone.
    """
    from .htmlreport import build_report
    from .report import output as open_output

    f = _filters(speaker=speaker, reason=reason, stance=stance, article=article, attribution=attribution,
                 contains=contains)
    store, prof = _reader(db, profile)
    with store:
        try:
            html, data = build_report(store, f, profile=prof)
            with open_output(output) as out:
                out.write(html)
        except ClaimsError as e:
            _fail(e)
    if output != "-":
        _err(f"{len(data.claims)} claim(s) in {len(data.articles)} article(s) -> {output} "
             f"({len(html.encode('utf-8')) / 1e3:.0f} kB)")


# ---- Datasette --------------------------------------------------------

@app.command("datasette-metadata")
def datasette_metadata(
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="JSON file to write; - or none for standard output.")] = None,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """Write Datasette metadata for the store, to browse it in Datasette.

    Tables and columns described, facets on speaker, stance and reason,
    internal tables hidden, search on claim text, and a claim_details view
    with the speaker's name and the article's title. Datasette is an optional
    extra: pip install 'claims[datasette]', then
    `claims datasette-metadata -o metadata.json && datasette claims.db -m metadata.json`.
    """
    import json

    from .browse import metadata
    from .report import output as open_output

    store, prof = _reader(db, profile)
    with store:
        meta = metadata(store.path, profile=prof)
    try:
        with open_output(output) as out:
            json.dump(meta, out, ensure_ascii=False, indent=2)
            out.write("\n")
    except ClaimsError as e:
        _fail(e)
    if output not in (None, "-"):
        _err(f"Datasette metadata -> {output}; browse with: datasette {store.path} -m {output}")


export_app = typer.Typer(help="Write stored claims or their reasons to CSV or JSON Lines, for a spreadsheet or a script.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(export_app, name="export")


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


ExcelOpt = Annotated[bool, typer.Option("--excel", help="CSV for Excel: start the file with a UTF-8 byte-order mark, so Excel shows accents and curly quotes right (pandas and Python's csv still read it).")]


def _excel(excel: bool, fmt) -> bool:
    if excel and fmt.value != "csv":
        raise typer.BadParameter("--excel is for --format csv", param_hint="--excel")
    return excel


OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="File to write (replaced whole, only on success); - or none for standard output.")]


@export_app.command("reasons")
def export_reasons(
    output: OutputOpt = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl or json.")] = ExportFormat.csv,
    speaker: SpeakerOpt = None,
    reason: ReasonOpt = None,
    stance: StanceOpt = None,
    article: ArticleOpt = None,
    excel: ExcelOpt = False,
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

    bom = _excel(excel, fmt)
    f = _filters(speaker=speaker, reason=reason, stance=stance, article=article)
    store, prof = _reader(db, profile)
    with store:
        try:
            with open_output(output) as out:
                n = write_rows(reason_rows(store, f, profile=prof), fmt.value, REASON_COLUMNS, out, bom=bom)
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
    excel: ExcelOpt = False,
    db: DbOpt = None,
    profile: ProfileOpt = None,
):
    """Every stored claim (or those matching the filters), in article order,
    streamed from the store."""
    from .queries import claim_records
    from .report import CLAIM_CSV_COLUMNS, output as open_output, write_rows

    bom = _excel(excel, fmt)
    f = _filters(speaker=speaker, reason=reason, stance=stance, article=article)
    store, prof = _reader(db, profile)
    with store:
        try:
            with open_output(output) as out:
                n = write_rows(claim_records(store, f, profile=prof), fmt.value, CLAIM_CSV_COLUMNS, out, bom=bom)
        except ClaimsError as e:
            _fail(e)
    if output not in (None, "-"):
        _err(f"{n} claim(s) -> {output}")

if __name__ == "__main__":  # pragma: no cover
    app()
