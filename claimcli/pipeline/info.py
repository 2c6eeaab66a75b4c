"""What ``claims info`` reports, as data: the versions, the pipeline, the
profile and the store. The command only prints it (as spaCy's ``info_cli``
prints ``info()``)."""

from __future__ import annotations

import importlib.metadata as md
import platform

from ..version import __version__
from ..errors import ClaimsError


def _version(pkg: str) -> str | None:
    try:
        return md.version(pkg)
    except md.PackageNotFoundError:
        return None


def info(db: str | None = None, profile: str | None = None, model: str | None = None) -> dict:
    """Versions, pipeline, profile and store. The profile is the one given,
    else the one that labelled the store, else the default; the store lists
    what labelled its articles (profile, content hash, pipeline)."""
    from ..nlp.pipeline import model_name
    from ..judging.profiles import load as load_profile
    from ..stores import open_store
    from ..stores.sqlite import SCHEMA_VERSION, default_db_path

    try:
        mname = model_name(model)
    except ClaimsError as e:
        mname = f"(none: {e})"
    path = default_db_path(db)
    store: dict = {"path": path, "schema_version": SCHEMA_VERSION}
    labelled: list[dict] = []
    chosen = profile
    try:
        with open_store(path, migrate=True) as s:      # as the reading commands open it
            store.update(s.counts())
            labelled = s.labellings()
            chosen = profile or s.labelled_with()
    except ClaimsError as e:
        store["status"] = str(e)
    store["labelled_by"] = [
        {"profile": r["profile"] or "(not recorded: stored before schema 3)", "profile_sha256": r["profile_sha256"],
         "pipeline": r["pipeline"], "articles": r["articles"]} for r in labelled]
    try:
        prof = load_profile(chosen)
        prof_info = f"{prof.id} ({prof.path})"
    except ClaimsError as e:
        prof_info = f"(invalid: {e})"
    return {
        "claims": __version__, "python": platform.python_version(),
        "spacy": _version("spacy"), "typer": _version("typer"), "rich": _version("rich"),
        "rapidfuzz": _version("rapidfuzz"), "model": mname,
        "model_version": _version(mname.replace("_", "-")) if not mname.startswith("(") else None,
        "profile": prof_info, "store": store,
    }
