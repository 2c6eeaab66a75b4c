"""What every claim store is, whatever holds it: the ``ClaimStore``
protocol readers call, the rules both stores share (``StoreBase``; is an
article current; one store, one topic), and the store errors by kind.

The errors say what is wrong in the library's words; none names a command
line flag. The CLI knows which flag fixes each kind and adds it when it
prints one (``cli.app._hint``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Protocol, runtime_checkable

from ..errors import StoreError

if TYPE_CHECKING:
    from ..models import Claim, Labelling
    from .corrections import Correction
    from .dialect import Dialect


# ---- errors by kind ----------------------------------------------------------

class NoStore(StoreError):
    """Nothing at the path to read: no claim store yet."""


class NotAStore(StoreError):
    """A file or folder that holds no claim store, left as it is."""


class NotAParquetStore(NotAStore):
    """A folder that is not a Parquet claim store, where one is needed."""


class NotAFolder(StoreError):
    """A file where a Parquet store's folder should be."""


class EmptyStore(StoreError):
    """A Parquet store that holds no claims yet."""

    def __init__(self, msg: str, path: str):
        super().__init__(msg)
        self.path = path


class NotLinked(StoreError):
    """A Parquet store whose tables are missing, or older than this claims."""

    def __init__(self, msg: str, path: str, again: bool):
        super().__init__(msg)
        self.path, self.again = path, again


class OtherTopic(StoreError):
    """Claims of another profile than the store's: one store, one topic."""

    def __init__(self, msg: str, stored: str, wanted: str, folder: bool):
        super().__init__(msg)
        self.stored, self.wanted, self.folder = stored, wanted, folder


class NeedsMigration(StoreError):
    """A store of an older schema, opened for reading without migrating:
    reading it needs the migration a writer's open makes first
    (``open_store(path, migrate=True)``)."""

    def __init__(self, msg: str, version: int):
        super().__init__(msg)
        self.version = version


class ReadOnlyStore(StoreError):
    """A change asked of a store that can only be read: no write permission,
    or a Parquet store (written by the Dask engine alone)."""

    parquet = False

    @classmethod
    def of_parquet(cls, path: str) -> "ReadOnlyStore":
        e = cls(f"{path}: a Parquet store is written by the Dask engine alone, and opens for reading only")
        e.parquet, e.path = True, path
        return e


# ---- the rules ---------------------------------------------------------------

def article_status(stored: tuple | None, sha256: str, labelling: "Labelling | None") -> str:
    """Whether a stored article (``stored``: its bytes' hash, profile,
    profile hash and pipeline; None when absent) keeps its claims for an
    input of bytes ``sha256`` labelled by ``labelling``: ``new``,
    ``changed`` (other bytes), ``profile`` or ``pipeline`` (same bytes,
    labelled by another profile content or pipeline), or ``current``."""
    if stored is None:
        return "new"
    stored_sha, profile, profile_sha256, pipeline = stored
    if stored_sha != sha256:
        return "changed"
    if labelling is not None and (profile, profile_sha256) != (labelling.profile, labelling.profile_sha256):
        return "profile"
    if labelling is not None and pipeline != labelling.pipeline:
        return "pipeline"
    return "current"


def check_one_topic(path: str, stored_profiles: Iterable[str | None], profile: str, *, folder: bool = False) -> None:
    """One store, one topic: claims labelled by two profiles would mix two
    sets of stances and reasons in one table. ``stored_profiles``: what
    labelled the stored articles (None: not recorded)."""
    other = sorted({p for p in stored_profiles if p not in (None, profile)})
    if other:
        raise OtherTopic(f"{path}: its claims are labelled with profile {other[0]!r}, not {profile!r}; "
                         f"one store holds one topic's stances and reasons", other[0], profile, folder)


# ---- the protocol ------------------------------------------------------------

@runtime_checkable
class ClaimStore(Protocol):
    """What ``queries``, ``output``, ``pipeline`` and the CLI ask of a store
    (``stores.open_store`` returns one). ``db`` and ``dialect`` are for
    ``queries`` alone, the one module that writes SQL for every store.

    A reader builds each claim it returns once, whole (with its evidence),
    and never changes a claim it is given: ``claims_of`` turns the rows of
    ``claim_rows`` into new claims, and ``write_article`` returns the claims
    as stored, leaving the caller's as they were."""

    path: str
    readonly: bool
    db: Any                      # a DB-API connection (``execute``, ``cursor``)
    dialect: "Dialect"

    def claim_rows(self, where: str = "", params: tuple = (), limit: int | None = None, *,
                   order: str = "c.article_id, c.seq"): ...
    def claims_of(self, rows) -> "list[Claim]": ...
    def claims(self, where: str = "", params: tuple = (), limit: int | None = None, *,
               order: str = "c.article_id, c.seq") -> "list[Claim]": ...
    def counts(self) -> dict: ...
    def labellings(self) -> list[dict]: ...
    def labelled_with(self) -> str | None: ...
    def articles(self) -> list[dict]: ...
    def corrections(self, key: str | None = None) -> "list[Correction]": ...
    def to_review(self, limit: int | None = None) -> "list[Claim]": ...
    def correct(self, claim_id: str, changes: dict) -> "Claim | None": ...
    def remove(self, key: str) -> int: ...
    def merge_speakers(self, ids: list[int], into: int) -> int: ...
    def split_speaker(self, form: str) -> int | None: ...
    def close(self) -> None: ...
    def __enter__(self): ...
    def __exit__(self, *exc): ...


class StoreBase:
    """The readers both stores answer with the same SQL. A store sets
    ``path``, ``readonly``, ``db``, ``dialect`` and ``VERSION`` (its format's
    name and number, for ``counts``), and reads claims its own way: the
    SELECT of a claim row (``claim_select``, over ``claims c``, ``articles
    a`` where asked) and ``claims_of`` (the claims of such rows, each with
    its evidence)."""

    VERSION: tuple[str, int]

    def claim_rows(self, where: str = "", params: tuple = (), limit: int | None = None, *,
                   order: str = "c.article_id, c.seq"):
        """A cursor over the rows of the claims ``where`` selects, for ``claims_of``."""
        sql = f"{self.claim_select(where, order)} {where} ORDER BY {order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.db.execute(sql, params)

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def claims(self, where: str = "", params: tuple = (), limit: int | None = None, *,
               order: str = "c.article_id, c.seq") -> "list[Claim]":
        """Claims in article order (or ``order``), with their evidence;
        ``where`` is a parameterised clause over ``claims c`` and
        ``articles a`` (see ``queries.where``)."""
        return self.claims_of(self.claim_rows(where, params, limit, order=order))

    def counts(self) -> dict:
        q = lambda sql: self.db.execute(sql).fetchone()[0]
        return {"articles": q("SELECT count(*) FROM articles"), "claims": q("SELECT count(*) FROM claims"),
                "speakers": q("SELECT count(*) FROM speakers"), self.VERSION[0]: self.VERSION[1]}

    def labellings(self) -> list[dict]:
        """What labelled the stored articles: one row per (profile, content,
        pipeline), most articles first; ``None`` values for articles stored
        before claims recorded them (schema 2)."""
        cols = ("profile", "profile_sha256", "profile_path", "pipeline", "articles")
        return [dict(zip(cols, r)) for r in self.db.execute(
            "SELECT profile, profile_sha256, profile_path, pipeline, count(*) AS articles FROM articles "
            "GROUP BY 1, 2, 3, 4 ORDER BY articles DESC, profile")]

    def labelled_with(self) -> str | None:
        """The profile that labelled most articles, as a profile is named
        for ``judging.profiles.load``: the file it was read from while that
        exists, else its id; None for a store that does not know (empty, or
        from before schema 3)."""
        from pathlib import Path

        for lab in self.labellings():
            if lab["profile"]:
                path = lab["profile_path"]
                return path if path and Path(path).is_file() else lab["profile"]
        return None

    def articles(self) -> list[dict]:
        """Every stored article: its key, name, title, metadata and claim count."""
        cols = ("key", "name", "title", "outlet", "author", "published", "url", "sha256", "claims")
        return [dict(zip(cols, r)) for r in self.db.execute(
            "SELECT a.path AS key, a.name, a.title, a.outlet, a.author, a.published, a.url, a.sha256, "
            "(SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims FROM articles a ORDER BY a.id")]

    def to_review(self, limit: int | None = None) -> "list[Claim]":
        """Claims no one has corrected or accepted yet, the least sure first
        (the labeller's stance probability; rules-only claims last):
        where a reader's minute changes most labels."""
        return self.claims("WHERE c.background = 0 AND c.corrected = '[]'", (), limit,
                           order="c.stance_confidence IS NULL, c.stance_confidence, c.article_id, c.seq")
