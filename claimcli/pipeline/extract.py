"""The extraction pipeline as a Python API: paths in, claims out.

``extract_articles`` reads paths and streams them through the batch core
(``batch.extract_batch``), in this process or in forked workers
(``workers``); memory stays flat in the corpus size. ``extract_text`` does
one text in memory, ``extract_into`` the whole run into a store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ClaimsError
from ..models import Article, Claim, Labelling
from ..text import reading as textio
from .batch import ArticleResult, extract_batch
from .workers import in_process, in_workers


def _read_all(paths: Iterable[str], max_mb: float, stdin_name: str | None = None,
              names: dict[str, str] | None = None, meta: dict | None = None) -> Iterator[ArticleResult]:
    for path in paths:
        try:
            article = textio.read_article(path, max_mb, name=stdin_name, meta=meta)
        except ClaimsError as e:
            yield ArticleResult(error=str(e), exc=e)
            continue
        article.name = (names or {}).get(article.key, article.name)
        yield ArticleResult(article)


def extract_articles(paths: Iterable[str], *, nlp=None, profile=None, batch_size: int = 64,
                     n_process: int = 1, known=None, max_mb: float = textio.MAX_ARTICLE_MB,
                     stdin_name: str | None = None, names: dict[str, str] | None = None,
                     labeller=None, meta: dict | None = None, progress=None) -> Iterator[ArticleResult]:
    """Claims of each article, in input order; unreadable files carry ``error``.

    ``known(article)`` may return the claims already extracted from the same
    bytes (from a store); such articles are not parsed again. ``names`` maps
    article keys to the names records give them (default: the basename);
    standard input is named ``stdin_name``, else after its content. With
    ``n_process`` > 1, forked worker processes run ``extract_batch`` on
    whole articles, so the work on top of the parser runs on every core too.
    ``labeller``: as ``load_labeller`` takes it; ``meta``: article metadata
    by path (``text.formats.read_meta_file``). ``progress(article, done,
    total)`` hears how far an article longer than a section has got
    (``batch.extract_batch``), in characters.
    """
    import multiprocessing

    from ..nlp.pipeline import load_nlp

    nlp = nlp or load_nlp()
    classifier = make_classifier(profile, labeller)
    results = _with_known(_read_all(paths, max_mb, stdin_name, names, meta), known)
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        return in_workers(results, nlp, classifier, batch_size, n_process, progress)
    return in_process(results, nlp, classifier, batch_size, progress)


def extract_text(text: str, name: str = "text", *, nlp=None, profile=None, labeller=None) -> list[Claim]:
    """Claims of one text held in memory; an analysis error raises."""
    from ..nlp.pipeline import load_nlp

    nlp = nlp or load_nlp()
    article = Article(name=name, path=name, text=textio.normalise_newlines(text))
    for res in extract_batch([article], nlp, make_classifier(profile, labeller)):
        if res.exc is not None:
            raise res.exc
        return res.claims
    return []


def labelling(nlp, profile, labeller=None) -> Labelling:
    """The profile (id and a hash of its content, wherever its file lives)
    and the pipeline, with the trained labeller's digest: what the store
    records as having labelled an article."""
    import hashlib
    import json
    from dataclasses import asdict

    from ..nlp.pipeline import pipeline_version

    content = {k: v for k, v in asdict(profile).items() if k not in ("path", "model")}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    pipeline = pipeline_version(nlp) + (f" + labeller {labeller.digest}" if labeller is not None else " + rules")
    return Labelling(profile.id, digest, pipeline, profile.path)


class Extraction:
    """One run of ``extract_into``: iterate it for each input's result, in
    input order, each article already written to the store (linked to its
    near-duplicates, within the run and against the store) when it comes;
    its ``claims`` are those the store returned, with their clusters and
    canonical speakers.

    Opening checks what can fail for the whole run (the profile, the
    pipeline, a store labelled with another profile) and raises
    ``ClaimsError``; a path that is missing or unreadable comes back as a
    result with ``error`` and the run goes on. ``articles``, ``claims``,
    ``failed`` and ``outcomes`` (new / replaced / unchanged / copy) sum up
    what was done so far. ``n_process`` 0 picks the workers: every core (up
    to 4) for 8 files or more, else one process. ``meta``: a metadata file
    (``text.formats.read_meta_file``) or its rows. The bytes of an article
    already stored under another name are a copy, reported and not stored
    again, unless ``allow_copies``. The user's corrections in the store apply
    to the claims found before they are written.
    ``progress``: called as ``extract_articles`` says, for a long article.
    """

    def __init__(self, store, paths: Iterable[str], *, nlp=None, profile=None, n_process: int = 0,
                 threshold: float | None = None, max_mb: float = textio.MAX_ARTICLE_MB,
                 stdin_name: str | None = None, batch_size: int = 64, labeller=None,
                 meta: str | dict | None = None, allow_copies: bool = False, progress=None):
        from ..text.formats import read_meta_file

        from ..dedup.linker import DEFAULT_THRESHOLD, Linker
        from ..nlp.pipeline import load_nlp
        from ..judging.profiles import Profile, load

        self.store = store
        self._missing: list[ClaimsError] = []
        self.files = textio.collect_paths(list(paths), self._missing)
        self.profile = profile if isinstance(profile, Profile) else load(profile)
        self.nlp = nlp or load_nlp()
        self.labeller = load_labeller(self.profile, labeller)
        self.labelling = labelling(self.nlp, self.profile, self.labeller)
        store.check_profile(self.labelling)
        self.linker = Linker(store, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
        self.n_process = n_process or _auto_jobs(len(self.files))
        self.max_mb, self.stdin_name, self.batch_size = max_mb, stdin_name, batch_size
        self.meta = read_meta_file(meta) if isinstance(meta, (str, Path)) else meta
        self.allow_copies = allow_copies
        self.progress = progress
        self.articles = self.claims = 0
        self.failed: list[str] = []
        self.outcomes = {k: 0 for k in OUTCOMES}

    @property
    def total(self) -> int:
        """Inputs this run reports on: the articles found and the paths missing."""
        return len(self.files) + len(self._missing)

    def _names(self) -> dict[str, str]:
        """Basenames, made longer where two articles (in this run or already
        in the store) share one."""
        return textio.run_names([textio.key_of(f) for f in self.files if f != "-"], self.store.keys_named)

    def __iter__(self) -> Iterator[ArticleResult]:
        for e in self._missing:
            self.failed.append(str(e))
            yield ArticleResult(error=str(e), exc=e)
        status: dict[str, str] = {}

        def known(article):
            status[article.key] = self.store.status(article, self.labelling)
            return self.store.stored_claims(article) if status[article.key] == "current" else None

        for res in extract_articles(self.files, nlp=self.nlp, profile=self.profile, batch_size=self.batch_size,
                                    n_process=self.n_process, known=known, max_mb=self.max_mb,
                                    stdin_name=self.stdin_name, names=self._names(),
                                    labeller=self.labeller or RULES, meta=self.meta, progress=self.progress):
            if res.error:
                self.failed.append(res.error)
                yield res
                continue
            art = res.article
            res.status = status.pop(art.key, "new")
            if res.status == "new" and not self.allow_copies:
                res.copy_of = self.store.copy_of(art)
                if res.copy_of:
                    res.status, res.claims = "copy", []
                    self.outcomes["copy"] += 1
                    yield res
                    continue
            if not res.cached:
                from ..stores.corrections import apply

                found = apply(res.claims, self.store.corrections(art.key))
                links = self.linker.link(found, exclude_path=art.key)
                res.claims = self.store.write_article(art, found, links, self.labelling)   # as stored
            self.outcomes[OUTCOME_OF[res.status]] += 1
            self.articles += 1
            self.claims += len(res.claims)
            yield res

    def stale(self) -> int:
        """Stored articles of this profile that another run labelled with an
        earlier content of it, or another pipeline."""
        return self.store.stale(self.labelling)


# What a run did with each article it read, as its summary counts them.
OUTCOMES = ("new", "replaced", "unchanged", "copy")
OUTCOME_OF = {"new": "new", "changed": "replaced", "profile": "replaced", "pipeline": "replaced",
              "current": "unchanged", "copy": "copy"}


def _auto_jobs(n_files: int) -> int:
    """Every core, up to 4, once there are enough files to pay for the workers' start."""
    import os

    return min(os.cpu_count() or 1, 4) if n_files >= 8 else 1


def extract_into(store, paths: Iterable[str], **options) -> Extraction:
    """Read, analyse, link near-duplicates and write: what ``claims
    extract`` does, as a library call (the options are ``Extraction``'s)::

        with Store("claims.db") as store:
            for result in extract_into(store, ["articles/"]):
                print(result.article.name if result.article else result.error, len(result.claims))
    """
    return Extraction(store, paths, **options)


def make_classifier(profile, labeller=None):
    """A classifier for a Profile, a profile name or path, or the default
    (None), with its trained labeller (``load_labeller``)."""
    from ..judging.profiles import Profile, load
    from ..judging.reasons import Classifier
    from ..judging.stance import load_lexicon

    if not isinstance(profile, Profile):
        profile = load(profile)
    classifier = Classifier(profile, load_lexicon())
    classifier.labeller = load_labeller(profile, labeller)
    return classifier


RULES = "rules"


def load_labeller(profile, choice=None):
    """The trained labeller that decides stance and reasons: ``None`` (or
    "auto") for the one the profile names, if any; ``"rules"`` for none (the
    rules alone label); a path to a model file; or a ``Labeller``."""
    from ..errors import NoModel, ProfileError
    from ..judging.labeller import Labeller

    if isinstance(choice, Labeller):
        model = choice
    elif choice == RULES or (choice in (None, "auto") and not profile.model):
        return None
    else:
        path = profile.model if choice in (None, "auto") else str(choice)
        if not Path(path).is_file():
            named = f"named by profile {profile.id!r}" if choice in (None, "auto") else "given"
            raise NoModel(f"{path}: no such model file ({named})")
        try:
            model = Labeller.load(path)
        except (OSError, ValueError, KeyError) as e:
            raise ProfileError(f"{path}: not a claims model ({e})") from None
    why = model.fits(profile)
    if why:
        raise ProfileError(f"{model.path or 'the model'} was trained for profile {model.header.get('profile')!r}: {why}")
    return model


def _with_known(results: Iterator[ArticleResult], known) -> Iterator[ArticleResult]:
    for res in results:
        if res.article is not None and known is not None:
            stored = known(res.article)
            if stored is not None:
                res.claims, res.cached = stored, True
        yield res
