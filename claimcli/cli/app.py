"""The ``claims`` command line: parse options, call the library, print.

Nothing here imports spaCy: commands that parse text load the pipeline
inside their own body, so ``claims --help`` answers at once.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, List, Optional

import typer
from typer.core import TyperGroup

from ..version import __version__
from ..errors import ClaimsError
from ..text.reading import MAX_ARTICLE_MB
from . import complete as _complete
from .examples import epilog



class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


DbOpt = Annotated[Optional[str], typer.Option("--db", help="Claim store: a SQLite file, or a Parquet folder from --engine dask. Default: $CLAIMS_DB, else ./claims.db.")]
ProfileOpt = Annotated[Optional[str], typer.Option("--profile", "-p", autocompletion=_complete.profiles, help="Topic profile: an installed name (see `claims profiles`) or a .toml path. Default: russia-armenia.")]
LabellerOpt = Annotated[Optional[str], typer.Option(
    "--labeller", envvar="CLAIMS_LABELLER",
    help="What decides stance and reasons: auto (the profile's trained model, if it has one), rules (the rules "
         "alone), or a model file from `claims train`.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output: table (terminal), jsonl, json or csv.")]


def _err(msg: str) -> None:
    sys.stderr.write(msg.rstrip("\n") + "\n")


def _note(msg: str) -> None:
    """A note under a table: on a terminal wrapped on words to its width
    (rich), else one plain line."""
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.text import Text

        Console(stderr=True, highlight=False).print(Text(msg), overflow="fold")
    else:
        _err(msg)


def _fail(e: Exception) -> None:
    """Print a library error, with the hint that fixes it, and exit: 2 for a
    usage error (a filter that matches nothing or more than one thing,
    options that do not go together), else 1."""
    from ..errors import UsageError

    _err(f"Error: {e}{_hint(e)}")
    raise typer.Exit(2 if isinstance(e, UsageError) else 1)


def _hint(e: Exception) -> str:
    """The option or command that fixes a library error, by its kind: the
    library says what is wrong in words that name no flag (it serves Python
    callers too), and the command line adds how to fix it here."""
    from .. import errors, stores

    hints = (
        (errors.TooBig, lambda e: "; raise the limit with --max-size"),
        (errors.WorkerDied, lambda e: "; run again with --jobs 1"),
        (errors.NoModel, lambda e: "; train it with `claims train` (`make model` for the default profile), "
                                   "or label with the rules alone: --labeller rules"),
        (stores.NoStore, lambda e: "; run `claims extract` first or pass --db"),
        (stores.NotAParquetStore, lambda e: " (made by `claims extract --engine dask --output DIR`)"),
        (stores.NotAStore, lambda e: " (choose another --db)"),
        (stores.NotAFolder, lambda e: "; --output needs a folder for the Parquet store"),
        (stores.EmptyStore, lambda e: f"; run `claims extract --engine dask --output {e.path}` first"),
        (stores.NotLinked, lambda e: f"; run `claims link {e.path}` {'again' if e.again else 'first'}"),
        (stores.OtherTopic, lambda e: f". Extract into another "
                                      f"{'folder (--output NEW)' if e.folder else 'store (--db NEW.db)'} for "
                                      f"{e.wanted!r}, or pass --profile {e.stored}"),
        (stores.ReadOnlyStore, lambda e: f" (extract into it with --engine dask --output {e.path}); remove, correct, "
                                         "review and speakers merge/split work on a SQLite store" if e.parquet else ""),
    )
    return next((hint(e) for kind, hint in hints if isinstance(e, kind)), "")


def _open(db: str | None, *, readonly: bool = True):
    """The store --db names, whichever kind it is (``stores.open_store``),
    or its error printed. A reading command opens it with ``migrate=True``,
    so that it reads a store an earlier release wrote: an older SQLite
    schema is brought up to date first (the one write a reading command
    makes, and only to such a store); a writing one migrates anyway."""
    from ..stores import open_store

    try:
        return open_store(db, readonly=readonly, migrate=True)
    except ClaimsError as e:
        _fail(e)


def _usage(msg: str) -> None:
    """Options that do not go together, or one missing: a usage error (exit 2, as click's own)."""
    _err(f"Error: {msg}")
    raise typer.Exit(2)


class _Commands(TyperGroup):
    """Every command: a store that turns out damaged in the middle of a read
    (SQLite notices a bad page only when it reads it), or a library error a
    command did not expect, is one line naming the file, never a traceback."""

    def invoke(self, ctx):
        import sqlite3

        try:
            return super().invoke(ctx)
        except ClaimsError as e:
            _fail(e)
        except sqlite3.DatabaseError as e:
            from ..stores.sqlite import describe, last_opened

            _fail(ClaimsError(describe(last_opened() or "the claim store", e)))


app = typer.Typer(
    cls=_Commands,
    help="Turn news and opinion articles into attributed claims: who says what, "
         "in whose words, with which stance and reasons.",
    no_args_is_help=True,
    add_completion=True,     # --install-completion / --show-completion, Typer's own
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_claims(records: list[dict], fmt: "Format", *, titles: dict | None = None, profile=None) -> None:
    """Claim records as a table (titles and labels for ids) or as data."""
    from ..models import CSV_FIELDS
    from ..output.writers import write_rows

    if fmt != Format.table:
        write_rows(records, fmt.value, CSV_FIELDS)
        return
    from ..output.tables import write_claims

    write_claims(records, sys.stdout, titles=titles, profile=profile)


def _version(value: bool):
    if value:
        typer.echo(f"claims {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False):
    """claims: who claims what, and why, across many articles."""


def run_summary(run) -> str:
    """What a run did, article by article: "2 new, 1 replaced, 3 unchanged, 1 copy skipped, 1 failed"."""
    o = run.outcomes
    parts = [f"{o['new']} new", f"{o['replaced']} replaced", f"{o['unchanged']} unchanged"]
    if o["copy"]:
        parts.append(f"{o['copy']} cop{'y' if o['copy'] == 1 else 'ies'} skipped")
    if run.failed:
        parts.append(f"{len(run.failed)} failed")
    return ", ".join(parts)


RELABELLED = {"profile": "re-labelled: the profile changed", "pipeline": "re-labelled: the pipeline changed"}


@app.command(epilog=epilog('extract'))
def extract(
    paths: Annotated[List[str], typer.Argument(help="Article files, folders (their *.txt, *.md and saved *.html pages, recursively) or - for standard input.")],
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ProfileOpt = None,
    name: Annotated[Optional[str], typer.Option("--name", help="What records call standard input's article. Default: stdin- and the start of its SHA-256.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline (package name or path). Default: $CLAIMS_MODEL, else the installed English pipeline.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes that parse and analyse articles; 0 (the default) uses every core (up to 4) for 8 files or more, else 1.")] = 0,
    dup_threshold: Annotated[float, typer.Option("--dup-threshold", min=0, max=100, help="Similarity (0-100, rapidfuzz ratio on normalised text) at which a claim is a near-duplicate.")] = 90.0,
    max_size: Annotated[float, typer.Option("--max-size", min=0.001, help="Largest article to read, in MB; a bigger file is reported and skipped.")] = MAX_ARTICLE_MB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on standard error.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which encoding each file was read with, and which articles were re-labelled.")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this process and --jobs forks, into the SQLite store. dask: a Dask cluster, into a Parquet folder (--output); needs claims[scale].")] = Engine.local,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="With --engine dask: the scheduler address of an existing Dask cluster (tcp://host:8786). Default: a local cluster of --jobs workers (0: one per core).")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="With --engine dask: the Parquet store folder (created if new; unchanged inputs already in it are skipped). Read it with --db FOLDER.")] = None,
    no_link: Annotated[bool, typer.Option("--no-link", help="With --engine dask: do not link near-duplicates and build the tables at the end (run `claims link FOLDER` later).")] = False,
    labeller: LabellerOpt = None,
    meta: Annotated[Optional[str], typer.Option("--meta", help="Metadata of the articles: a CSV (with a header) or JSON Lines file, one row per article, its `path` (relative to the file) and any of title, outlet, author, published (YYYY-MM-DD), url. Saved web pages and Markdown front matter carry their own; this fills in what they do not say.")] = None,
    allow_copies: Annotated[bool, typer.Option("--allow-copies", help="Store an article whose bytes are already stored under another name (by default it is reported and skipped).")] = False,
):
    """Segment articles into attributed claims, store them and print them.

    Each claim has its speaker (resolved to the fullest name in the article),
    the attribution (direct, reported or author), the cue, a stance and the
    reasons it cites. Re-extracting an unchanged file with the same profile
    adds nothing; after the profile or the pipeline changed, it is labelled
    again. A path that cannot be read is reported and the rest goes on (the
    exit status is then 1).

    With --engine dask the claims go to a Parquet folder instead (inputs may
    also be fsspec URLs such as s3://bucket/news/), and only a summary is printed.
    """
    # ---- --engine dask: Parquet out, see claimcli/pipeline/engine.py ----
    if engine == Engine.dask:
        _extract_dask(paths, output=output, cluster=cluster, jobs=jobs, profile=profile, model=model,
                      dup_threshold=dup_threshold, max_size=max_size, no_link=no_link, quiet=quiet)
        return
    if output or cluster or no_link:
        _usage("--output, --cluster and --no-link go with --engine dask")
    if labeller in ("", "auto"):
        labeller = None
    from ..pipeline.extract import extract_into
    from ..nlp.pipeline import load_nlp
    from ..output.writers import write_jsonl

    store = _open(db, readonly=False)
    try:
        run = extract_into(store, paths, nlp=load_nlp(model), profile=profile, threshold=dup_threshold,
                           max_mb=max_size, stdin_name=name, n_process=jobs, labeller=labeller, meta=meta,
                           allow_copies=allow_copies)
    except ClaimsError as e:
        _fail(e)
    rows: list[dict] = []
    titles: dict[str, str] = {}
    progress = _progress(run.total, quiet)
    run.progress = None if quiet else _long_article_progress(progress)
    try:
        for res in run:
            if res.error:
                _err(f"Error: {res.error}{_hint(res.exc)}")
            elif res.status == "copy":
                _err(f"{res.article.path}: the same bytes as {res.copy_of}, already stored; skipped "
                     f"(--allow-copies stores it again)")
            else:
                art = res.article
                if verbose:
                    _err(f"{art.path}: read as {art.encoding}")
                    if res.status in RELABELLED:
                        _err(f"{art.path}: {RELABELLED[res.status]}")
                titles.setdefault(art.name, art.title)
                if fmt == Format.jsonl:       # a record at a time: a huge article's are not all held twice
                    write_jsonl((c.record() for c in res.claims), sys.stdout)
                    sys.stdout.flush()
                else:
                    rows.extend(c.record() for c in res.claims)
            if progress:
                progress.advance(run.claims)
    except ClaimsError as e:
        _fail(e)
    finally:
        if progress:
            progress.stop()
    if fmt != Format.jsonl:
        _print_claims(rows, fmt, titles=titles, profile=run.profile)
    if not quiet:
        _err(f"{run.articles} article(s), {run.claims} claim(s) -> {store.path} ({run_summary(run)})")
        stale = run.stale()
        if stale:
            _err(f"Note: {stale} other article(s) in {store.path} were labelled by an earlier version of profile "
                 f"{run.labelling.profile!r} or another pipeline; extract them again to re-label them")
    store.close()
    if run.failed:
        raise typer.Exit(1)


# ---- the Dask engine and the Parquet store (claimcli/pipeline/engine.py, claimcli/stores; extra claims[scale]) ----

def _scale(*modules: str):
    from ..stores import require

    try:
        require(*modules)
    except ClaimsError as e:
        _fail(e)


def _extract_dask(paths, *, output, cluster, jobs, profile, model, dup_threshold, max_size, no_link, quiet):
    if not output:
        _usage("--engine dask writes a Parquet folder: give it with --output DIR")
    _scale("dask", "distributed", "pyarrow", "duckdb")
    from ..pipeline import engine

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
                           max_mb=max_size, on_progress=advance, link_threshold=None if no_link else dup_threshold)
        finally:
            if progress:
                progress.stop()
        for e in s.errors:
            _err(f"Error: {e}{_hint(e)}")
        stats = s.link
    except ClaimsError as e:
        _fail(e)
    if not quiet:
        _err(f"{s.extracted} article(s) extracted, {s.unchanged} unchanged, {s.claims} claim(s) -> {s.output}"
             + (f"; {len(s.errors)} failed" if s.errors else "")
             + (f"; linked {stats.claims} claim(s): {stats.links} near-duplicate(s)" if stats else
                "" if s.linked else f"; run `claims link {s.output}` to read it"))
    if s.errors:
        raise typer.Exit(1)


@app.command(epilog=epilog('link'))
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
    from ..stores.linking import link_store

    try:
        stats = link_store(folder, dup_threshold)
    except ClaimsError as e:
        _fail(e)
    if not quiet:
        _err(f"{stats.claims} claim(s), {stats.distinct} distinct text(s), {stats.pairs} candidate pair(s) scored, "
             f"{stats.links} near-duplicate(s) linked in {stats.seconds:.1f} s -> {folder}")


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


def _long_article_progress(bar: "_Progress | None"):
    """A line on standard error at every tenth of an article long enough to
    be analysed in sections (a many-megabyte file takes many minutes)."""
    import time

    shown: dict[str, int] = {}
    t0 = time.monotonic()

    def tell(article, done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth <= shown.get(article.key, 0):
            return
        shown[article.key] = tenth
        msg = (f"{article.path}: {100 * done // max(total, 1)}% analysed ({done / 1e6:.1f} of {total / 1e6:.1f} "
               f"million characters, {time.monotonic() - t0:.0f} s)")
        if bar is not None:
            bar.p.console.print(msg, markup=False, highlight=False, emoji=False)
        else:
            _err(msg)

    return tell


def _progress(n_files: int, quiet: bool):
    if quiet or n_files < 2 or not sys.stderr.isatty():
        return None
    return _Progress(n_files)


@app.command(epilog=epilog('profiles'))
def profiles(
    path: Annotated[Optional[str], typer.Argument(autocompletion=_complete.profiles, help="A profile file to validate (a .toml path or an installed name).")] = None,
    fmt: FormatOpt = Format.table,
):
    """List the installed topic profiles, or check one profile file.

    A profile (TOML) names the topic's target, its stance labels and its
    reasons, each with lemma patterns and example sentences; see
    data/profiles/ for two. Given a file, it is validated, its examples are
    run through the pipeline, and each failing example is listed with what
    it got and why: the words that gave its stance and reasons, the
    labeller's confidence, or that no cue fired (exit 1).
    """
    from ..pipeline.examples import check_examples
    from ..judging.profiles import installed_profiles, load
    from ..output.writers import write_rows

    try:
        if path:
            p = load(path)
            _err(f"{p.path}: valid profile {p.id!r} ({len(p.stances)} stances, {len(p.reasons)} reasons)")
            rows = [{"kind": "stance", "id": sid, "description": t["description"]} for sid, t in p.stances.items()]
            rows += [{"kind": "reason", "id": r.id, "description": r.description} for r in p.reasons]
            write_rows(rows, fmt.value, ("kind", "id", "description"), widths={"description": 100})
            if p.examples:
                from ..nlp.pipeline import load_nlp

                results = check_examples(p, nlp=load_nlp())
                failed = [r for r in results if not r["ok"]]
                _err(f"examples: {len(results) - len(failed)} of {len(results)} pass")
                if failed:
                    from ..output.explain import example_why
                    from ..output.writers import Column

                    _err("failing examples (why: the stance and reasons each got, from which words):")
                    failed = [{**r, "why": example_why(r, p)} for r in failed]
                    layout = [Column("example", ("source", "text"), 40), Column("expected", ("expected",), 24),
                              Column("got", ("got",), 24), Column("why", ("why",), flex=True)]
                    write_rows(failed, fmt.value, ("source", "expected", "got", "text", "why"), sys.stderr,
                               layout=layout)
                    raise typer.Exit(1)
            return
        rows = []
        for name, fpath in installed_profiles().items():
            prof = load(str(fpath))
            rows.append({"name": name, "topic": prof.name, "stances": list(prof.stances),
                         "reasons": len(prof.reasons), "path": str(fpath)})
    except ClaimsError as e:
        _fail(e)
    write_rows(rows, fmt.value, ("name", "topic", "stances", "reasons", "path"))


@app.command(epilog=epilog('info'))
def info(
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", autocompletion=_complete.profiles, help="Profile to report on. Default: the one that labelled the store, else russia-armenia.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to report on.")] = None,
):
    """Print the versions, the spaCy pipeline, the profile and the store in use
    (with the profile and pipeline that labelled its articles)."""
    from ..pipeline.info import info as collect
    from ..output.writers import write_rows

    data = collect(db, profile, model)
    if fmt in (Format.json, Format.jsonl):
        import json
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2 if fmt == Format.json else None))
        return
    store = data["store"]
    flat = [{"key": k, "value": v} for k, v in data.items() if k != "store"]
    flat += [{"key": f"store.{k}", "value": v} for k, v in store.items() if k != "labelled_by"]
    flat += [{"key": "store.labelled_by", "value": f"{r['profile']} ({(r['profile_sha256'] or '')[:12]}), "
                                                   f"{r['pipeline']}: {r['articles']} article(s)"}
             for r in store["labelled_by"]]
    write_rows(flat, fmt.value, ("key", "value"))


@app.command(epilog=epilog('evaluate'))
def evaluate(
    gold: Annotated[str, typer.Option("--gold", "-g", help="Gold JSON Lines: a file, or a folder of *.jsonl (the annotation guide's format).")],
    articles: Annotated[Optional[List[str]], typer.Argument(help="The articles the gold annotates: files or folders. Default: a `text` folder beside the gold folder.")] = None,
    fmt: FormatOpt = Format.table,
    profile: ProfileOpt = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline (package name or path).")] = None,
    background: Annotated[bool, typer.Option("--background", help="Score background claims too (left out by default, as in tables).")] = False,
    examples: Annotated[int, typer.Option("--examples", "-n", min=0, help="How many missed, false and wrong claims a table lists; --format json or jsonl lists them all.")] = 10,
    labeller: LabellerOpt = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Apply this store's corrections (`claims correct`) to the claims before scoring: score what the store holds.")] = None,
):
    """Score extraction and a profile against your own annotated claims.

    Prints speaker precision/recall/F1, attribution accuracy, stance
    accuracy, macro-F1 and confusion, precision/recall/F1 per reason, and
    the claims missed, found in excess, or labelled wrong. Nothing is
    stored. Use it while adapting a profile to a new topic. A gold claim
    whose text is not the article's at its offsets (the article was edited
    since) is an error naming its file and line.
    """
    from pathlib import Path

    from ..pipeline.evaluate import evaluate_paths
    from ..nlp.pipeline import load_nlp
    from ..judging.profiles import load as load_profile

    if not articles:
        beside = Path(gold).resolve().parent / "text"
        articles = [str(beside)] if beside.is_dir() else []
        if not articles:
            _usage(f"give the articles the gold annotates (no `text` folder beside {gold})")
    try:
        fixes = None
        if db:
            with _open(db) as store:
                fixes = store.corrections()
        scores = evaluate_paths(gold, articles, nlp=load_nlp(model), profile=load_profile(profile),
                                with_background=background, labeller=labeller, corrections=fixes,
                                examples=None if fmt in (Format.json, Format.jsonl) else examples)
    except ClaimsError as e:
        _fail(e)
    from ..output.writers import write_evaluation

    write_evaluation(scores, fmt.value, sys.stdout)


@app.command(epilog=epilog('train'))
def train(
    gold: Annotated[Optional[List[str]], typer.Option("--gold", "-g", help="Gold JSON Lines (a file, or a folder of *.jsonl) in the annotation guide's format; repeat for several.")] = None,
    articles: Annotated[Optional[List[str]], typer.Argument(help="The articles the gold annotates: files or folders. Default: a `text` folder beside each gold folder.")] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="The model file to write (.npz); name it in the profile (`model = \"...\"`) or pass it to --labeller.")] = "model.npz",
    profile: ProfileOpt = None,
    sources: Annotated[Optional[str], typer.Option("--sources", help="A TOML file listing annotated sources ([[source]] with text, gold, weight), as data/training/sources.toml does.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline (package name or path).")] = None,
    cv: Annotated[int, typer.Option("--cv", min=0, help="Before fitting, score N folds of cross-validation by article on your gold (0: none) and print them.")] = 0,
    no_examples: Annotated[bool, typer.Option("--no-examples", help="Leave out the profile's example sentences (by default they are training data too).")] = False,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the folds: the same data and seed give the same model.")] = 13,
    fmt: FormatOpt = Format.table,
):
    """Train the stance and reason labeller on your annotated claims.

    The model learns from the claims the extractor finds in your articles,
    each labelled by the gold claim it matches, with the profile's rules as
    its features; the profile's example sentences count too. Cross-validate
    with --cv to see what it will do on articles it has not seen, then use it
    with `claims extract --labeller MODEL` or `model = "MODEL"` in the profile.
    """
    from pathlib import Path

    from ..nlp.pipeline import load_nlp
    from ..judging.profiles import load as load_profile
    from ..pipeline import training

    try:
        prof = load_profile(profile)
        found = training.read_sources(sources) if sources else []
        for g in gold or []:
            texts = [Path(a) for a in articles] if articles else [Path(g).resolve().parent / "text"]
            found.append(training.Source(Path(g).stem, texts, Path(g), scored=True))
        if not found:
            _usage("give annotated claims to train on: --gold GOLD [ARTICLES...] or --sources FILE")
        if not Path(output).parent.is_dir():
            _fail(ClaimsError(f"{output}: its folder does not exist"))
        nlp = load_nlp(model)
        examples = training.collect(found, nlp, prof, with_examples=not no_examples)
        _err(f"{len(examples)} claim(s) from {len({e.article for e in examples})} article(s)")
        oof = None
        if cv:
            from ..pipeline.evaluate import evaluate
            from ..output.writers import write_evaluation

            records, oof = training.cross_validate(examples, prof, folds=cv, seed=seed)
            golds = [g for src in found if src.scored for _, gs in training.gold_articles(src) for g in gs]
            write_evaluation(evaluate(records, golds), fmt.value, sys.stdout)
        labeller = training.train(found, profile=prof, seed=seed, examples=examples,
                                  oof=oof, folds=cv or training.INNER_FOLDS)
        labeller.save(output)
    except ClaimsError as e:
        _fail(e)
    _err(f"model for profile {prof.id!r} -> {output}")


# ---- reading the store ------------------------------------------------
# The filters that query, compare and both exports share are declared once,
# here, and reach each command as one ``Filters`` (see ``filter_options``).

_ANY = " Repeat for any of several."
_NONE = " Repeat for several."
FILTER_OPTIONS = {
    "speaker": typer.Option("--speaker", "-s", metavar="NAME", autocompletion=_complete.speakers, help="A speaker: full name, alias or surname; case and accents aside. A surname two people share is an error that lists them." + _ANY),
    "reason": typer.Option("--reason", "-r", metavar="REASON", autocompletion=_complete.reasons, help="A reason of the profile, by label (\"Arms sales\") or id (arms_sales), or the start of one." + _ANY),
    "stance": typer.Option("--stance", metavar="STANCE", autocompletion=_complete.stances, help="A stance of the profile, by label or id." + _ANY),
    "article": typer.Option("--article", "-a", metavar="ARTICLE", autocompletion=_complete.articles, help="An article: its file name (with or without extension), path or title, or the start of one." + _ANY),
    "attribution": typer.Option("--attribution", metavar="KIND", autocompletion=_complete.attributions, help="direct, reported or author." + _ANY),
    "contains": typer.Option("--contains", metavar="TEXT", help="Text the claim contains; case and accents aside." + _ANY),
    "outlet": typer.Option("--outlet", metavar="OUTLET", help="An outlet, as the articles name it; case and accents aside." + _ANY),
    "month": typer.Option("--month", metavar="YYYY-MM", help="Articles published in this month." + _ANY),
    "year": typer.Option("--year", metavar="YYYY", help="Articles published in this year." + _ANY),
    "since": typer.Option("--since", metavar="DATE", help="Articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    "until": typer.Option("--until", metavar="DATE", help="Articles published on or before this date (a month or a year: to its end)."),
    "min_confidence": typer.Option("--min-confidence", metavar="P", help="Only claims whose stance the trained labeller gives with at least this probability (0-1); claims the rules alone labelled stay."),
    "not_speaker": typer.Option("--not-speaker", metavar="NAME", autocompletion=_complete.speakers, help="Leave out this speaker's claims." + _NONE),
    "not_reason": typer.Option("--not-reason", metavar="REASON", autocompletion=_complete.reasons, help="Leave out claims that cite this reason." + _NONE),
    "not_stance": typer.Option("--not-stance", metavar="STANCE", autocompletion=_complete.stances, help="Leave out claims of this stance." + _NONE),
    "not_article": typer.Option("--not-article", metavar="ARTICLE", autocompletion=_complete.articles, help="Leave out this article's claims." + _NONE),
    "not_attribution": typer.Option("--not-attribution", metavar="KIND", autocompletion=_complete.attributions, help="Leave out claims of this attribution." + _NONE),
    "not_contains": typer.Option("--not-contains", metavar="TEXT", help="Leave out claims that contain this text." + _NONE),
    "not_outlet": typer.Option("--not-outlet", metavar="OUTLET", help="Leave out this outlet's articles." + _NONE),
    "not_month": typer.Option("--not-month", metavar="YYYY-MM", help="Leave out this month's articles." + _NONE),
    "not_year": typer.Option("--not-year", metavar="YYYY", help="Leave out this year's articles." + _NONE),
}
_SINGLE = {"min_confidence", "since", "until"}
BackgroundOpt = Annotated[bool, typer.Option("--background", help="Include background claims (context that neither concerns the topic, nor has a source, nor cites a reason); left out by default.")]
UniqueOpt = Annotated[bool, typer.Option("--unique", "-u", help="One claim per near-duplicate cluster (the first): what `claims compare` counts.")]
ArticleOpt = Annotated[Optional[str], typer.Option("--article", "-a", metavar="ARTICLE", autocompletion=_complete.articles, help="An article: its file name (with or without extension), path or title, or the start of one.")]


def filter_options(command):
    """Give a command the shared filter options; it receives them as one
    ``filters: Filters`` argument (with ``--background``, if it takes
    ``background``)."""
    import functools
    import inspect

    sig = inspect.signature(command, eval_str=True)
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None,
                                annotation=Annotated[Optional[str] if name in _SINGLE else Optional[List[str]], option])
              for name, option in FILTER_OPTIONS.items()]
    own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in sig.parameters.values() if p.name != "filters"]

    @functools.wraps(command)
    def wrapper(**kw):
        from ..stores.queries import Filters

        f = Filters(**{k: kw.pop(k) for k in FILTER_OPTIONS}, background=kw.get("background", False))
        return command(filters=f, **kw)

    wrapper.__signature__ = sig.replace(parameters=shared + own)
    wrapper.__annotations__ = {p.name: p.annotation for p in shared + own}
    return wrapper


def filter_args(f) -> list[str]:
    """``Filters`` as the options of ``claims query`` (each field's option is
    named after it: ``not_reason`` is ``--not-reason``)."""
    from dataclasses import fields

    out = []
    for field in fields(f):
        value, name = getattr(f, field.name), "--" + field.name.replace("_", "-")
        if value is True:
            out.append(name)
        elif isinstance(value, tuple):
            for v in value:
                out += [name, v]
        elif value is not None and value is not False:
            out += [name, value]
    return out


def cell_rows(table, db: str | None) -> list[dict]:
    """A comparison's cells, each with the ``claims query`` command that
    lists its claims (None where no filter selects a dimension's value)."""
    import shlex

    command = lambda f: None if f is None else shlex.join(
        ["claims", "query", *filter_args(f), "--unique", *(["--db", str(db)] if db else [])])
    return [{**{k: v for k, v in cell.items() if k != "filters"}, "query": command(cell["filters"])}
            for cell in table.cells()]


ReadProfileOpt = Annotated[Optional[str], typer.Option("--profile", "-p", autocompletion=_complete.profiles, help="Profile whose labels to use. Default: the one that labelled the store.")]


def _store_and_profile(db: str | None, profile: str | None, *, readonly: bool = True):
    """The store (read-only, unless asked) and the profile that labels its
    ids: the one given, else the one that labelled the store (else the
    default)."""
    from ..judging.profiles import load as load_profile

    store = _open(db, readonly=readonly)
    try:
        return store, load_profile(profile or store.labelled_with())
    except ClaimsError as e:
        store.close()
        _fail(e)


speakers_app = typer.Typer(rich_markup_mode=None)
app.add_typer(speakers_app, name="speakers")


@speakers_app.callback(invoke_without_command=True, epilog=epilog('speakers'))
def speakers(ctx: typer.Context, fmt: FormatOpt = Format.table, db: DbOpt = None, profile: ReadProfileOpt = None,
             background: BackgroundOpt = False):
    """List each speaker across articles: role, claims, articles, and claims per stance.

    One row per person: "Giragosian" in one article and "Richard Giragosian"
    in another are one speaker. A near-duplicate cluster counts once.
    `claims speakers merge A B` and `claims speakers split NAME` fix who is
    who, for good (later extracts keep the edit).
    """
    if ctx.invoked_subcommand:
        return
    from ..output.tables import write_speakers
    from ..stores.queries import speaker_columns, speakers as speaker_rows
    from ..output.writers import write_rows

    store, prof = _store_and_profile(db, profile)
    with store:
        rows = speaker_rows(store, prof.stance_ids, background=background)
    columns = speaker_columns(rows)
    if fmt == Format.table:
        write_speakers(rows, columns, sys.stdout, profile=prof)
    else:
        write_rows(rows, fmt.value, columns)


@app.command(epilog=epilog('query'))
@filter_options
def query(
    filters,
    background: BackgroundOpt = False,
    unique: UniqueOpt = False,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many claims.")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ReadProfileOpt = None,
):
    """Print the stored claims that match every filter given, in article order.

    With no filter, every claim (background claims only with --background).
    With --unique, the first claim of each near-duplicate cluster: as many as
    `claims compare` counts. Each filter may repeat (any of its values) and
    has a --not- form (none of them). A speaker that matches nobody, or a
    surname two people share, is an error (exit 2) that names the candidates;
    so is an article, reason or stance that matches none or several.
    """
    from ..stores.queries import article_titles, query as run_query

    store, prof = _store_and_profile(db, profile)
    with store:
        try:
            rows = [c.record() for c in run_query(store, filters, profile=prof, limit=limit, unique=unique)]
        except ClaimsError as e:
            _fail(e)
        titles = article_titles(store)
    _print_claims(rows, fmt, titles=titles, profile=prof)


def _dimensions():
    from ..stores.dimensions import REGISTRY     # light: no store is opened

    return {d.name: d.name for d in REGISTRY}


# what compare counts by: the store's registry, in its order
Dimension = Enum("Dimension", _dimensions(), type=str)


@app.command(epilog=epilog('compare'))
@filter_options
def compare(
    filters,
    rows: Annotated[Dimension, typer.Option("--rows", help="What each row counts claims for.")] = Dimension.speaker,
    cols: Annotated[Dimension, typer.Option("--cols", help="What each column counts claims for.")] = Dimension.stance,
    background: BackgroundOpt = False,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="Only the N heaviest rows.")] = None,
    limit_cols: Annotated[Optional[int], typer.Option("--limit-cols", min=1, help="Only the N heaviest columns (on a terminal, also no more than fit).")] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ReadProfileOpt = None,
):
    """Print a table of unique claims, e.g. speaker x stance or reason x article.

    Each cell counts unique claims: a cluster of near-duplicates once, as
    `claims query --unique` with the row's and column's values lists them.
    The last column is each row's own count of claims: "total" when it is
    the sum of the row's cells, "all claims" when it is not (a claim can cite
    several reasons, or none). Rows and columns are ordered by weight; on a
    terminal the heaviest columns that fit are shown and the rest counted
    below the table. The filters narrow the claims counted. --format json or
    jsonl prints one record per cell with that command.
    """
    from ..output.tables import comparison_notes, write_comparison
    from ..stores.queries import article_titles, compare as run_compare
    from ..output.writers import write_rows

    store, prof = _store_and_profile(db, profile)
    with store:
        try:
            table = run_compare(store, rows.value, cols.value, filters, profile=prof, limit=limit)
        except ClaimsError as e:
            _fail(e)
        titles = article_titles(store)
    table = table.top_columns(limit_cols)
    if fmt in (Format.json, Format.jsonl):
        write_rows(cell_rows(table, db), fmt.value, ())
        return
    if fmt != Format.table:
        write_rows(table.wide(), fmt.value, table.columns)
        return
    view = write_comparison(table, sys.stdout, profile=prof, titles=titles)
    if table.row_labels:
        notes = comparison_notes(table, view)
        if view is not None and view.hidden:
            notes[-1] += " --limit-cols N picks fewer, a wider terminal or --format csv shows them all."
        notes.append(f"The claims behind a cell: claims query --unique --{rows.value} ROW --{cols.value} COLUMN")
        if view is None:            # piped: one line, ids and every column
            _err(" ".join(notes))
        else:
            for note in notes:
                _note(note)


@app.command(epilog=epilog('duplicates'))
def duplicates(
    article: ArticleOpt = None,
    min_size: Annotated[int, typer.Option("--min-size", min=1, help="Only clusters with at least this many claims.")] = 2,
    background: BackgroundOpt = False,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ReadProfileOpt = None,
):
    """List clusters of near-identical claims, within and across articles.

    Each member shows its article, speaker and its similarity (0-100,
    rapidfuzz ratio on normalised text) to the cluster's first claim.
    --format json/jsonl prints one record per cluster with its members.
    """
    from ..stores.queries import CLUSTER_COLUMNS, cluster_rows, clusters

    from ..output.writers import write_rows

    store, _ = _store_and_profile(db, profile)
    with store:
        try:
            found = clusters(store, article=article, min_size=min_size, background=background)
        except ClaimsError as e:
            _fail(e)
    if fmt in (Format.json, Format.jsonl):
        write_rows(found, fmt.value, ())
    else:
        write_rows(cluster_rows(found), fmt.value, CLUSTER_COLUMNS, widths={"text": 90, "speaker": 28})


@app.command(epilog=epilog("explain"))
def explain(
    claim_id: Annotated[str, typer.Argument(help="A claim's id (the `id` of `claims query -f jsonl` or csv), or its start.")],
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    profile: ReadProfileOpt = None,
):
    """Say why a stored claim has its speaker, attribution, stance and reasons.

    The speaker as the article names them (and as the store knows them
    across articles) with their role; the attribution and its cue; the
    stance with the words that carry it, whom they judge, and the trained
    labeller's confidence (or that the rules alone decided, or that no cue
    fired and the default stands); each reason with its words and
    confidence. --format json prints the record with these lines.
    """
    from ..output.explain import explain_claim
    from ..output.writers import Column, write_rows
    from ..stores.queries import article_titles, claim_by_id

    store, prof = _store_and_profile(db, profile)
    with store:
        try:
            record = claim_by_id(store, claim_id).record()
        except ClaimsError as e:
            _fail(e)
        title = article_titles(store).get(record["article"])
    rows = explain_claim(record, profile=prof, title=title)
    if fmt in (Format.json, Format.jsonl):
        import json

        data = {"claim": record, "explanation": {r["what"]: r["why"] for r in rows}}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2 if fmt == Format.json else None))
        return
    write_rows(rows, fmt.value, ("what", "why"), layout=[Column("what", ("what",), 12), Column("why", ("why",), flex=True)])


# ---- the HTML report --------------------------------------------------

@app.command(epilog=epilog('report'))
@filter_options
def report(
    filters,
    background: BackgroundOpt = False,
    output: Annotated[str, typer.Option("--output", "-o", help="HTML file to write (replaced whole, only on success); - for standard output.")] = "report.html",
    db: DbOpt = None,
    profile: ReadProfileOpt = None,
):
    """Write a self-contained HTML report of the stored claims.

    Overview: speaker x stance and reason x article as heatmaps (counts in
    one purple: stance colours mean stances only), the top speakers and the
    reasons with their share. Articles: each text with its claims
    highlighted (direct: filled, solid line, a quote mark; reported: dashed
    line, an arrow; author: dotted line; colour = stance; reasons' words
    underlined); hover or click a claim for its card, which says why it has
    its stance and reasons and how sure the labeller is. Click a count, or
    filter by speaker, stance, reason or article in the page, and the
    matching claims are listed at the top with links into their articles.
    One file, no network: it opens offline and can be mailed. Articles are re-read from their paths; a file
    changed since extraction shows its claims alone.
    """
    from ..output.html import build_report
    from ..output.writers import output as open_output

    store, prof = _store_and_profile(db, profile)
    with store:
        try:
            html, data = build_report(store, filters, profile=prof)
            with open_output(output, inputs=[store.path]) as out:
                out.write(html)
        except ClaimsError as e:
            _fail(e)
    if output != "-":
        _err(f"{len(data.claims)} claim(s) in {len(data.articles)} article(s) -> {output} "
             f"({len(html.encode('utf-8')) / 1e3:.0f} kB)")


# ---- Datasette --------------------------------------------------------

@app.command("datasette-metadata", epilog=epilog("datasette-metadata"))
def datasette_metadata(
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="JSON file to write; - or none for standard output.")] = None,
    db: DbOpt = None,
    profile: ReadProfileOpt = None,
):
    """Write Datasette metadata for the store, to browse it in Datasette.

    Tables and columns described, facets on speaker, stance and reason,
    internal tables hidden, search on claim text, and a claim_details view
    with the speaker's name and the article's title. Datasette is an optional
    extra: pip install 'claims[datasette]', then
    `claims datasette-metadata -o metadata.json && datasette claims.db -m metadata.json`.
    """
    import json

    from ..output.datasette import metadata
    from ..output.writers import output as open_output

    store, prof = _store_and_profile(db, profile)
    with store:
        meta = metadata(store.path, profile=prof)
    try:
        with open_output(output, inputs=[store.path]) as out:
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
ExportFormatOpt = Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl or json.")]


@export_app.command("reasons", epilog=epilog("export reasons"))
@filter_options
def export_reasons(
    filters,
    output: OutputOpt = None,
    fmt: ExportFormatOpt = ExportFormat.csv,
    excel: ExcelOpt = False,
    db: DbOpt = None,
    profile: ReadProfileOpt = None,
):
    """One row per (claim, reason): reason id and label, claim id, article,
    speaker, role, attribution, stance, cluster, duplicate_of, background,
    the evidence words and the claim text.

    Background claims are included (background is true): drop them, and
    count distinct clusters, to get what `claims compare` counts. CSV is
    RFC 4180 and UTF-8; cells a spreadsheet would run as a formula are
    prefixed with ' (OWASP).
    """
    from ..stores.queries import REASON_COLUMNS, reason_rows
    from ..output.writers import output as open_output, write_rows

    bom = _excel(excel, fmt)
    store, prof = _store_and_profile(db, profile)
    with store:
        try:
            with open_output(output, inputs=[store.path]) as out:
                n = write_rows(reason_rows(store, filters, profile=prof), fmt.value, REASON_COLUMNS, out, bom=bom)
        except ClaimsError as e:
            _fail(e)
    if output not in (None, "-"):
        _err(f"{n} row(s) -> {output}")


@export_app.command("claims", epilog=epilog("export claims"))
@filter_options
def export_claims(
    filters,
    unique: UniqueOpt = False,
    output: OutputOpt = None,
    fmt: ExportFormatOpt = ExportFormat.csv,
    excel: ExcelOpt = False,
    db: DbOpt = None,
    profile: ReadProfileOpt = None,
):
    """Every stored claim (or those matching the filters), in article order,
    streamed from the store, with its cluster, duplicate_of and background
    flag (background claims are included)."""
    from ..models import CSV_FIELDS
    from ..stores.queries import claim_records
    from ..output.writers import output as open_output, write_rows

    bom = _excel(excel, fmt)
    store, prof = _store_and_profile(db, profile)
    with store:
        try:
            with open_output(output, inputs=[store.path]) as out:
                n = write_rows(claim_records(store, filters, profile=prof, unique=unique), fmt.value, CSV_FIELDS, out, bom=bom)
        except ClaimsError as e:
            _fail(e)
    if output not in (None, "-"):
        _err(f"{n} claim(s) -> {output}")


from . import curate  # noqa: E402,F401  (registers remove, correct, corrections, export gold)

if __name__ == "__main__":  # pragma: no cover
    app()
