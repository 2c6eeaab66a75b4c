"""The claim store: one SQLite file of plain tables a user can open with
``sqlite3`` or Datasette.

Each article is written in one transaction: a crash leaves whole articles
only. Re-extracting the same bytes is a no-op; a changed file replaces its
article's claims. WAL mode and a busy timeout let two extractions share a
store. ``PRAGMA user_version`` holds the schema version; ``MIGRATIONS[n]``
brings a store from version n to n + 1.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Iterable

from ..errors import StoreError, UsageError
from ..models import Article, Claim, Evidence, Labelling
from .base import NeedsMigration, NoStore, NotAStore, ReadOnlyStore, StoreBase, article_status, check_one_topic
from .corrections import Correction
from .dialect import SQLITE
from .dimensions import CELL_COLUMNS, cell_count_selects, cells
from .identity import claim_speaker_ids, speaker_id, surname_key
from ..text.names import is_anonymous, name_key

DEFAULT_DB = "claims.db"

MIGRATIONS = [
    # 0 -> 1: the first release
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        title TEXT,
        encoding TEXT,
        extracted_at TEXT NOT NULL
    );
    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        surname_key TEXT NOT NULL,
        role TEXT
    );
    CREATE INDEX speakers_surname ON speakers(surname_key);
    CREATE TABLE speaker_aliases (
        speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (speaker_id, alias)
    );
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        article TEXT NOT NULL,
        seq INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker TEXT,
        speaker_id INTEGER REFERENCES speakers(id),
        speaker_role TEXT,
        attribution TEXT NOT NULL,
        cue TEXT,
        stance TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '[]',
        duplicate_of TEXT,
        cluster TEXT,
        norm TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX claims_article ON claims(article_id, seq);
    CREATE INDEX claims_speaker ON claims(speaker_id, stance);
    CREATE INDEX claims_stance ON claims(stance);
    CREATE INDEX claims_cluster ON claims(cluster);
    CREATE INDEX claims_norm_len ON claims(length(norm));
    CREATE TABLE claim_reasons (
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        evidence TEXT,
        ev_start INTEGER,
        ev_end INTEGER
    );
    CREATE INDEX claim_reasons_reason ON claim_reasons(reason, claim_id);
    CREATE INDEX claim_reasons_claim ON claim_reasons(claim_id);
    CREATE TABLE claim_keys (
        key TEXT NOT NULL,
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE
    );
    CREATE INDEX claim_keys_key ON claim_keys(key);
    CREATE INDEX claim_keys_claim ON claim_keys(claim_id);
    """,
    # 1 -> 2: folded name keys, so a speaker is found by index whatever the
    # case and accents; cell counts, so comparison tables need no full scan
    """
    ALTER TABLE speakers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
    UPDATE speakers SET name_key = name_key(name);
    CREATE INDEX speakers_name_key ON speakers(name_key);
    ALTER TABLE speaker_aliases ADD COLUMN alias_key TEXT NOT NULL DEFAULT '';
    UPDATE speaker_aliases SET alias_key = name_key(alias);
    CREATE INDEX speaker_aliases_key ON speaker_aliases(alias_key);
    CREATE TABLE cell_counts (
        a_dim TEXT NOT NULL,
        a TEXT NOT NULL,
        b_dim TEXT NOT NULL,
        b TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (a_dim, b_dim, a, b)
    ) WITHOUT ROWID;
    CREATE INDEX cell_counts_b ON cell_counts(a_dim, b_dim, b);
    DROP INDEX claims_speaker;
    CREATE INDEX claims_speaker ON claims(speaker_id, article_id, seq);
    """,
    # 2 -> 3: what labelled each article (profile, its content, pipeline), so
    # an edited profile or another pipeline re-labels instead of keeping stale
    # stances; background claims, kept but left out of counts by default;
    # standard input named after its content instead of "-"; the role of a
    # stance cue (whom it judges, and how) beside its words
    """
    ALTER TABLE claim_reasons ADD COLUMN role TEXT;
    ALTER TABLE articles ADD COLUMN profile TEXT;
    ALTER TABLE articles ADD COLUMN profile_sha256 TEXT;
    ALTER TABLE articles ADD COLUMN profile_path TEXT;
    ALTER TABLE articles ADD COLUMN pipeline TEXT;
    ALTER TABLE claims ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
    UPDATE articles SET name = 'stdin-' || substr(sha256, 1, 12), path = 'stdin:stdin-' || substr(sha256, 1, 12)
        WHERE path LIKE '-:%';
    UPDATE claims SET article = (SELECT a.name FROM articles a WHERE a.id = claims.article_id) WHERE article = '-';
    """,
    # 3 -> 4: for browsing in Datasette, full-text search on claim text (FTS5
    # over the claims table, kept in step by triggers: an insert, a delete, an
    # edit, and the row an INSERT OR REPLACE displaces, whose delete trigger
    # SQLite does not fire) and a view with the speaker's name and the
    # article's title beside each claim
    """
    CREATE VIRTUAL TABLE claims_fts USING fts5(text, content="claims", tokenize="unicode61 remove_diacritics 2");
    INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
    CREATE TRIGGER claims_fts_displaced BEFORE INSERT ON claims BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text) SELECT 'delete', rowid, text FROM claims WHERE id = new.id;
    END;
    CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO claims_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE VIEW claim_details AS
        SELECT c.rowid AS rowid, c.id, a.title AS article_title, c.article, COALESCE(s.name, c.speaker) AS speaker,
               COALESCE(c.speaker_role, s.role) AS speaker_role, c.attribution, c.cue, c.stance, c.reasons, c.text,
               c.start, c."end", c.duplicate_of, c.cluster, c.background, a.path AS article_path
        FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN speakers s ON s.id = c.speaker_id;
    """,
    # 4 -> 5: the trained labeller's probabilities: of the claim's stance,
    # and of each reason it gives (a JSON object, reason id -> probability);
    # NULL and '{}' for claims the rules alone labelled
    """
    ALTER TABLE claims ADD COLUMN stance_confidence REAL;
    ALTER TABLE claims ADD COLUMN reason_confidence TEXT NOT NULL DEFAULT '{}';
    DROP VIEW claim_details;
    CREATE VIEW claim_details AS
        SELECT c.rowid AS rowid, c.id, a.title AS article_title, c.article, COALESCE(s.name, c.speaker) AS speaker,
               COALESCE(c.speaker_role, s.role) AS speaker_role, c.attribution, c.cue, c.stance, c.reasons, c.text,
               c.start, c."end", c.duplicate_of, c.cluster, c.background, a.path AS article_path,
               c.stance_confidence, c.reason_confidence
        FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN speakers s ON s.id = c.speaker_id;
    """,
    # 5 -> 6: a claim of several people ("Alen Simonyan and Armen Grigoryan
    # said") is each one's: claim_speakers lists them in order, with the
    # name the claim gives each; claims.speaker_id stays the first. Joint
    # claims are split and the counts rebuilt in Python (``_migrate``).
    """
    CREATE TABLE claim_speakers (
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        name TEXT NOT NULL,
        PRIMARY KEY (claim_id, ord)
    ) WITHOUT ROWID;
    CREATE INDEX claim_speakers_speaker ON claim_speakers(speaker_id, claim_id);
    INSERT INTO claim_speakers (claim_id, ord, speaker_id, name)
        SELECT id, 0, speaker_id, speaker FROM claims WHERE speaker_id IS NOT NULL;
    """,
    # 6 -> 7: a source the article does not name ("a senior official") is
    # somebody in that article only: a row per article, its scope the
    # article's key, named "a senior official (a.txt)" (the plain words an
    # alias). Rows of earlier schemas are split per article in ``_migrate``.
    """
    ALTER TABLE speakers ADD COLUMN scope TEXT NOT NULL DEFAULT '';
    """,
    # 7 -> 8: where and when each article appeared (outlet, author, date,
    # address: comparison by outlet and by month); a user's corrections,
    # keyed by the article's identity and the claim's span (not the claim's
    # id, which changes with the text) so every later extract applies them
    # again; and which fields of a claim a correction set
    """
    ALTER TABLE articles ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN author TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN published TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN url TEXT NOT NULL DEFAULT '';
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_sha256 ON articles(sha256);
    ALTER TABLE claims ADD COLUMN corrected TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE corrections (
        article_key TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        field TEXT NOT NULL,
        value TEXT,
        text TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (article_key, start, "end", field)
    );
    DROP VIEW claim_details;
    CREATE VIEW claim_details AS
        SELECT c.rowid AS rowid, c.id, a.title AS article_title, c.article, COALESCE(s.name, c.speaker) AS speaker,
               COALESCE(c.speaker_role, s.role) AS speaker_role, c.attribution, c.cue, c.stance, c.reasons, c.text,
               c.start, c."end", c.duplicate_of, c.cluster, c.background, a.path AS article_path,
               c.stance_confidence, c.reason_confidence, a.outlet, a.author, a.published, a.url, c.corrected
        FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN speakers s ON s.id = c.speaker_id;
    """,
    # 8 -> 9: a user's speaker edits (``claims speakers merge`` / ``split``),
    # by the folded name form they concern, so every later extract makes the
    # same people: "merge" sends a name form to another speaker's name, "split"
    # keeps a name form its own speaker (never joined by its surname)
    """
    CREATE TABLE speaker_edits (
        name_key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        target TEXT,
        made_at TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# A claim row as ``claim_of`` reads it: with its article's key and the name
# its speaker has across articles (what ``speakers`` and ``compare`` show).
CLAIM_SELECT = ("SELECT c.*, a.path AS article_key, s.name AS speaker_canonical, "
                "(SELECT json_group_array(name) FROM (SELECT name FROM claim_speakers WHERE claim_id = c.id "
                "ORDER BY ord)) AS speakers, a.title AS article_title, a.outlet, a.author, a.published, a.url "
                "FROM claims c "
                "JOIN articles a ON a.id = c.article_id LEFT JOIN speakers s ON s.id = c.speaker_id")


def default_db_path(explicit: str | None = None) -> str:
    return explicit or os.environ.get("CLAIMS_DB") or DEFAULT_DB


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


# Stores this process opened, latest last: whom the CLI names when SQLite
# reports a damaged file in the middle of a read (``describe``).
_OPENED: list[str] = []


def last_opened() -> str | None:
    return _OPENED[-1] if _OPENED else None


def describe(path: str, e: sqlite3.Error) -> str:
    """A store's SQLite error as a user can act on it, naming the file."""
    msg = str(e)
    if "malformed" in msg or "not a database" in msg or "database corrupt" in msg:
        return (f"{path}: the store is damaged (SQLite: {msg}); it was left as it is. Restore it from a backup, "
                f"or save what can be read with: sqlite3 {path} .recover | sqlite3 recovered.db")
    if "disk is full" in msg or "too big" in msg:
        return f"{path}: no space left on the device (SQLite: {msg})"
    if "disk I/O error" in msg:
        return (f"{path}: the store could not be read or written (SQLite: {msg}: a full disk, a file size limit "
                f"or a failing device)")
    return f"{path}: {msg}"


def open_reading(path: str) -> "Store":
    """The store at ``path`` for reading, an older schema migrated first (a
    writer's transaction, the one write this makes): what
    ``open_store(path, migrate=True)`` gives, so that reading commands work
    on a store an earlier release wrote."""
    try:
        return Store(path, readonly=True)
    except NeedsMigration as e:
        if not os.access(path, os.W_OK) or not os.access(Path(path).resolve().parent, os.W_OK):
            raise ReadOnlyStore(f"{path}: schema {e.version} needs migrating to {SCHEMA_VERSION}, but the store "
                                "is read-only (no write permission); copy it somewhere writable and read the copy") from None
        Store(path).close()
        return Store(path, readonly=True)


def _read_only(p: Path) -> tuple[str, bool]:
    """How to read a store without changing it or its folder: a URI, and
    whether the connection opens read-write with writes refused.

    On a medium nobody can write (a read-only mount, a folder without write
    permission) SQLite cannot make the shared memory file a WAL store needs,
    so the store is opened as immutable, which is true there; unless a -wal
    file holds writes not yet in the store, which only a writable copy can
    read. Beside a -wal file (a writer at work, or its writes not yet merged)
    the store is opened read-only, and the files are left as they are.
    Else a read-only connection would leave the -wal and -shm files a WAL
    reader needs behind it: a read-write one with writes refused
    (``query_only``) is the last to close, and SQLite removes them then."""
    from urllib.request import pathname2url

    uri = f"file:{pathname2url(str(p.resolve()))}?mode="
    wal = Path(str(p) + "-wal")
    if not os.access(p.resolve().parent, os.W_OK):
        if wal.exists() and wal.stat().st_size > 0:
            raise ReadOnlyStore(f"{p}: its -wal file holds writes not yet in the store, and the folder is read-only; "
                                "copy the store and its -wal file somewhere writable and read the copy")
        return uri + "ro&immutable=1", False
    if wal.exists() or not os.access(p, os.W_OK):
        return uri + "ro", False
    return uri + "rw", True


def connect_read_only(p: Path, timeout: float = 30) -> sqlite3.Connection:
    """A connection that reads the store and leaves its files as they were
    (``_read_only``): the store's, and shell completion's."""
    uri, refuse_writes = _read_only(p)
    db = sqlite3.connect(uri, uri=True, timeout=timeout)
    if refuse_writes:
        db.execute("PRAGMA query_only = ON")
    return db


def _use_wal(db: sqlite3.Connection, wait: float = 30) -> None:
    """Switch a store to WAL, waiting out a second process that opens it at
    the same moment: the switch takes an exclusive lock and SQLite answers
    "database is locked" at once rather than through the busy timeout."""
    deadline = time.monotonic() + wait
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store(StoreBase):
    """A claim store. ``readonly`` opens without creating, migrating or
    writing anything (an older schema raises ``NeedsMigration``)."""

    dialect = SQLITE
    VERSION = ("schema_version", SCHEMA_VERSION)
    readonly = False

    def __init__(self, path: str | None = None, *, readonly: bool = False):
        self.path = default_db_path(path)
        p = Path(self.path)
        folder = p.resolve().parent
        if p.exists() and p.is_dir():
            raise NotAStore(f"{self.path}: is a folder, not a claim store")
        if not p.exists() and not folder.is_dir():
            raise UsageError(f"{self.path}: folder {folder} does not exist")
        if p.exists() and p.stat().st_size > 0 and not _is_sqlite(p):
            raise NotAStore(f"{self.path}: not a SQLite database; refusing to overwrite it")
        if not readonly and p.exists() and not os.access(p, os.W_OK):
            raise ReadOnlyStore(f"{self.path}: the store is read-only (no write permission); reading it still works")
        if not readonly and not os.access(folder, os.W_OK | os.X_OK):
            # SQLite writes its journal beside the store: no write without the folder
            raise ReadOnlyStore(f"{self.path}: " + (f"folder {folder} is read-only; the store cannot be created there"
                                if not p.exists() else f"its folder {folder} is read-only, and writing needs files "
                                "beside the store; reading it still works"))
        if readonly and not p.exists():
            raise NoStore(f"{self.path}: no claim store here")
        try:
            if readonly:
                self.db = connect_read_only(p)
            else:
                self.db = sqlite3.connect(self.path, timeout=30)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open ({e})") from None
        _OPENED.append(self.path)
        self.db.row_factory = sqlite3.Row
        self.dialect.install(self.db)
        self.readonly = readonly
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                _use_wal(self.db)
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            self.db.close()
            raise StoreError(describe(self.path, e)) from None
        except StoreError:
            self.db.close()
            raise

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer claims (schema {version}, this one knows {SCHEMA_VERSION}); upgrade claims")
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise NeedsMigration(f"{self.path}: schema {version} needs migrating to {SCHEMA_VERSION} before it is read",
                                 version)
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for n in range(version, SCHEMA_VERSION):
                for stmt in _statements(MIGRATIONS[n]):
                    self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version = {n + 1}")
            if version < 6:
                self._split_joint_speakers()    # a joint claim links to each of its people
            if version < 7:
                self._scope_anonymous_speakers()
            if version < 8:
                self.rebuild_counts()           # cell_counts: new in 2, each speaker since 6, per article since 7, outlet and dates since 8

    def _scope_anonymous_speakers(self) -> None:
        """Schema 7: an anonymous source stored once for all articles becomes
        one per article."""
        for old in self.db.execute("SELECT id, name, role FROM speakers WHERE scope = ''").fetchall():
            if not is_anonymous(old["name"]):
                continue
            found = self.db.execute(
                "SELECT DISTINCT a.id, a.path, a.name, cs.name AS said FROM claim_speakers cs "
                "JOIN claims c ON c.id = cs.claim_id JOIN articles a ON a.id = c.article_id WHERE cs.speaker_id = ?",
                (old["id"],)).fetchall()
            for r in found:
                new = self._speaker_id(r["said"], old["role"], (r["path"], r["name"]))
                self.db.execute("UPDATE claim_speakers SET speaker_id = ? WHERE speaker_id = ? AND claim_id IN "
                                "(SELECT id FROM claims WHERE article_id = ?)", (new, old["id"], r["id"]))
                self.db.execute("UPDATE claims SET speaker_id = ? WHERE speaker_id = ? AND article_id = ?",
                                (new, old["id"], r["id"]))
            self.db.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?", (old["id"],))
            self.db.execute("DELETE FROM speakers WHERE id = ?", (old["id"],))

    def _split_joint_speakers(self) -> None:
        """Schema 6: a stored claim of several people, which earlier schemas
        counted for the first alone, links to each."""
        from ..models import people_of

        for r in self.db.execute("SELECT id, speaker FROM claims WHERE speaker LIKE '% and %'").fetchall():
            people = people_of(r["speaker"])
            if len(people) > 1:
                self.db.execute("DELETE FROM claim_speakers WHERE claim_id = ?", (r["id"],))
                self._link_speakers(r["id"], people, [self._speaker_id(p, None) for p in people])

    # ---- articles -------------------------------------------------------

    def status(self, article: Article, labelling: Labelling | None = None) -> str:
        """``new``, ``changed``, ``profile``, ``pipeline`` or ``current``
        (``base.article_status``): only a current article keeps its stored
        claims."""
        row = self.db.execute("SELECT sha256, profile, profile_sha256, pipeline FROM articles WHERE path = ?",
                              (article.key,)).fetchone()
        return article_status(None if row is None else tuple(row), article.sha256, labelling)

    def check_profile(self, labelling: Labelling) -> None:
        """One store, one topic (``base.check_one_topic``)."""
        check_one_topic(self.path, (r["profile"] for r in self.labellings()), labelling.profile)

    def stale(self, labelling: Labelling) -> int:
        """Articles of this profile labelled by an earlier content of it or
        another pipeline (a run re-labels only the articles it reads)."""
        return self.db.execute(
            "SELECT count(*) FROM articles WHERE profile = ? AND (profile_sha256 != ? OR pipeline != ?)",
            (labelling.profile, labelling.profile_sha256, labelling.pipeline)).fetchone()[0]

    def keys_named(self, names: set[str]) -> list[str]:
        """Stored article keys whose basename is one of ``names``."""
        from ..text.reading import basename

        names = set(names)
        return [r[0] for r in self.db.execute("SELECT path FROM articles") if basename(r[0]) in names]

    def stored_claims(self, article: Article) -> list[Claim]:
        """The claims stored for ``article``, in its order, with their evidence."""
        return self.claims("WHERE a.path = ?", (article.key,), order="c.seq")

    def claims_of(self, rows: Iterable) -> list[Claim]:
        """The claims of ``rows`` (``claim_rows``), each built once, with its
        evidence from ``claim_reasons``: looked up 500 claims at a time, so
        a cursor over many rows is read as it goes."""
        rows = iter(rows)
        out: list[Claim] = []
        while part := list(islice(rows, 500)):
            found = self._evidence([r["id"] for r in part])
            out += [self.claim_of(r, found.get(r["id"], ())) for r in part]
        return out

    def _evidence(self, ids: list[str]) -> dict[str, list[Evidence]]:
        """Claim id -> the words that carry its reasons and its stance, as stored."""
        found: dict[str, list[Evidence]] = {}
        for r in self.db.execute(
                f"SELECT claim_id, reason, evidence, ev_start, ev_end, role FROM claim_reasons "
                f"WHERE claim_id IN ({','.join('?' * len(ids))}) AND evidence IS NOT NULL ORDER BY rowid", ids):
            found.setdefault(r["claim_id"], []).append(
                Evidence(r["reason"], r["evidence"], r["ev_start"], r["ev_end"], r["role"]))
        return found

    def write_article(self, article: Article, claims: list[Claim], links=None,
                      labelling: Labelling | None = None) -> list[Claim]:
        """Replace the article's claims, in one transaction, and return them
        as stored: new objects with the cluster each is in (its root moved
        to the earliest remaining claim if the old root goes) and the
        store's one name for its speaker; the caller's claims stay as they
        were. ``links``: what ``dedup.Linker.link`` found for them (without
        it, each claim's own ``duplicate_of``, ``cluster`` and ``norm``);
        ``labelling`` records what labelled them."""
        from dataclasses import replace

        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        key = article.key
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                old = self.db.execute("SELECT id FROM articles WHERE path = ?", (key,)).fetchone()
                moved: dict[str, str] = {}
                if old is not None:
                    self._count(old["id"], -1)
                    moved = self._reroot(old["id"])
                self.db.execute("DELETE FROM articles WHERE path = ?", (key,))
                lab = labelling or Labelling(None, None, None, None)
                cur = self.db.execute(
                    "INSERT INTO articles (name, path, sha256, title, encoding, extracted_at, profile, profile_sha256,"
                    " profile_path, pipeline, outlet, author, published, url)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.name, key, article.sha256, article.title, article.encoding, now, lab.profile,
                     lab.profile_sha256, lab.profile_path, lab.pipeline, article.outlet, article.author,
                     article.published, article.url))
                aid = cur.lastrowid
                stored = []
                for seq, c in enumerate(claims):
                    if links is not None:
                        dup, cluster, norm = links.duplicate_of.get(c.id), links.cluster(c.id), links.norms[c.id]
                    else:
                        dup, cluster, norm = c.duplicate_of, c.cluster or c.id, c.norm
                    if dup in moved:     # linked to a claim that is going: to its new root
                        dup = cluster = moved[dup]
                    people = c.speakers if c.speaker else []
                    ids = self._claim_speakers(c.speaker, people, c.speaker_role, (key, article.name))
                    sid = ids[0] if ids else None
                    canonical = None if sid is None else \
                        self.db.execute("SELECT name FROM speakers WHERE id = ?", (sid,)).fetchone()[0]
                    self.db.execute(
                        'INSERT OR REPLACE INTO claims (id, article_id, article, seq, text, start, "end", speaker, speaker_id,'
                        " speaker_role, attribution, cue, stance, reasons, duplicate_of, cluster, norm, background,"
                        " stance_confidence, reason_confidence, corrected)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (c.id, aid, c.article, seq, c.text, c.start, c.end, c.speaker, sid, c.speaker_role,
                         c.attribution, c.cue, c.stance, json.dumps(c.reasons), dup, cluster,
                         norm, int(bool(c.background)), c.stance_confidence, json.dumps(c.reason_confidence),
                         json.dumps(c.corrected)))
                    self.db.execute("DELETE FROM claim_speakers WHERE claim_id = ?", (c.id,))
                    self._link_speakers(c.id, people, ids)
                    self._insert_reasons(c)
                    for k in links.keys.get(c.id, []) if links is not None else ():
                        self.db.execute("INSERT INTO claim_keys (key, claim_id) VALUES (?, ?)", (k, c.id))
                    stored.append(replace(c, duplicate_of=dup, cluster=cluster, norm=norm, speaker_canonical=canonical))
                self._count(aid, +1)
        except sqlite3.DatabaseError as e:       # the transaction is rolled back: the store is as it was
            if "readonly" in str(e) or "read-only" in str(e):
                raise StoreError(f"{self.path}: the store is read-only; cannot write claims") from None
            raise StoreError(f"{describe(self.path, e)}; {article.path} was not stored, "
                             "the articles written before it were") from None
        return stored

    def _link_speakers(self, claim_id: str, names: list[str], ids: list[int]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO claim_speakers (claim_id, ord, speaker_id, name) VALUES (?, ?, ?, ?)",
                            [(claim_id, k, sid, n) for k, (n, sid) in enumerate(zip(names, ids))])

    def remove(self, key: str) -> int:
        """Take an article and its claims out of the store (its corrections
        stay, for when it comes back); returns how many claims went."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            row = self.db.execute("SELECT id FROM articles WHERE path = ?", (key,)).fetchone()
            if row is None:
                return 0
            n = self.db.execute("SELECT count(*) FROM claims WHERE article_id = ?", (row["id"],)).fetchone()[0]
            self._count(row["id"], -1)
            self._reroot(row["id"])
            self.db.execute("DELETE FROM articles WHERE id = ?", (row["id"],))
            self.db.execute("DELETE FROM speakers WHERE id NOT IN (SELECT speaker_id FROM claims "
                            "WHERE speaker_id IS NOT NULL)")
        return n

    def copy_of(self, article: Article) -> str | None:
        """The stored article with the same bytes under another identity, if any."""
        row = self.db.execute("SELECT path FROM articles WHERE sha256 = ? AND path != ? ORDER BY id LIMIT 1",
                              (article.sha256, article.key)).fetchone()
        return row[0] if row else None

    # ---- corrections ----------------------------------------------------

    def corrections(self, key: str | None = None) -> list[Correction]:
        """The stored corrections of one article (its key), or of all."""
        sql, params = "SELECT * FROM corrections", ()
        if key is not None:
            sql, params = sql + " WHERE article_key = ?", (key,)
        return [Correction.from_row(r) for r in self.db.execute(sql + " ORDER BY article_key, start, field", params)]

    def correct(self, claim_id: str, changes: dict[str, object]) -> "Claim | None":
        """Record corrections of a stored claim (``changes``: field -> value,
        as ``corrections.FIELDS`` names them) and apply them to it now; the
        claim as it is stored afterwards, None once it is "not a claim"."""
        from .corrections import FIELDS, apply

        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise ValueError(f"cannot correct {', '.join(sorted(unknown))}; fields: {', '.join(FIELDS)}")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            row = self.db.execute(f"{CLAIM_SELECT} WHERE c.id = ?", (claim_id,)).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: no claim {claim_id}")
            claim = self.claims_of([row])[0]
            fixes = [Correction(claim.article_key, claim.start, claim.end, f, v, claim.text) for f, v in changes.items()]
            self.db.executemany(
                'INSERT OR REPLACE INTO corrections (article_key, start, "end", field, value, text, made_at) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(x.article_key, x.start, x.end, x.field, json.dumps(x.value), x.text, now) for x in fixes])
            after = apply([claim], fixes)
            self._count(row["article_id"], -1)
            if not after:
                self._drop_claim(row["article_id"], claim.id)
            else:
                self._rewrite_claim(after[0])
            self._count(row["article_id"], +1)
        return after[0] if after else None

    def _rewrite_claim(self, c: Claim) -> None:
        """A stored claim as corrected: its row, its speakers' links, its reasons."""
        from ..models import people_of

        people = people_of(c.speaker) if c.speaker else []
        ids = self._claim_speakers(c.speaker, people, c.speaker_role, (c.article_key, c.article))
        sid = ids[0] if ids else None
        self.db.execute("DELETE FROM claim_speakers WHERE claim_id = ?", (c.id,))
        self._link_speakers(c.id, people, ids)
        self.db.execute(
            "UPDATE claims SET speaker = ?, speaker_id = ?, speaker_role = ?, attribution = ?, cue = ?, stance = ?, "
            "reasons = ?, stance_confidence = ?, reason_confidence = ?, corrected = ? WHERE id = ?",
            (c.speaker, sid, c.speaker_role, c.attribution, c.cue, c.stance, json.dumps(c.reasons),
             c.stance_confidence, json.dumps(c.reason_confidence), json.dumps(c.corrected), c.id))
        self.db.execute("DELETE FROM claim_reasons WHERE claim_id = ?", (c.id,))
        self._insert_reasons(c)

    def _drop_claim(self, article_id: int, claim_id: str) -> None:
        """A claim that is not one: gone, its near-duplicates rooted elsewhere."""
        members = [r[0] for r in self.db.execute(
            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.cluster = ? AND c.id != ? "
            "ORDER BY a.id, c.seq", (claim_id, claim_id))]
        if members:
            self.db.execute("UPDATE claims SET duplicate_of = NULL, cluster = id WHERE id = ?", (members[0],))
            self.db.execute("UPDATE claims SET duplicate_of = ?, cluster = ? WHERE cluster = ? AND id != ?",
                            (members[0], members[0], claim_id, members[0]))
        self.db.execute("DELETE FROM claims WHERE id = ?", (claim_id,))

    def _insert_reasons(self, c: Claim) -> None:
        for ev in c.evidence:
            self.db.execute(
                "INSERT INTO claim_reasons (claim_id, reason, evidence, ev_start, ev_end, role) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (c.id, ev.reason, ev.text, ev.start, ev.end, ev.role))
        for r in c.reasons:
            if not any(ev.reason == r for ev in c.evidence):
                self.db.execute("INSERT INTO claim_reasons (claim_id, reason) VALUES (?, ?)", (c.id, r))

    def _reroot(self, article_id: int) -> dict[str, str]:
        """Before an article's claims go, the clusters they root in other
        articles get their earliest remaining member as the new root, so no
        ``duplicate_of`` ever points at a claim that is gone. Returns old
        root -> new root."""
        roots = [r[0] for r in self.db.execute(
            "SELECT DISTINCT cluster FROM claims WHERE article_id != ? AND cluster IN "
            "(SELECT id FROM claims WHERE article_id = ?)", (article_id, article_id))]
        moved = {}
        for root in roots:
            new = self.db.execute(
                "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.cluster = ? "
                "AND c.article_id != ? ORDER BY a.id, c.seq LIMIT 1", (root, article_id)).fetchone()[0]
            self.db.execute("UPDATE claims SET duplicate_of = NULL, cluster = id WHERE id = ?", (new,))
            self.db.execute("UPDATE claims SET duplicate_of = ?, cluster = ? WHERE cluster = ? AND article_id != ? "
                            "AND id != ?", (new, new, root, article_id, new))
            moved[root] = new
        return moved

    def near_candidates(self, keys: list[str], exclude_key: str | None = None):
        """(key, id, norm, cluster root) of stored claims that share one of
        the blocking ``keys``, in articles other than ``exclude_key``: what
        the duplicate linker scores a new article against."""
        for at in range(0, len(keys), 500):
            part = keys[at:at + 500]
            yield from self.db.execute(
                f"SELECT k.key, c.id, c.norm, COALESCE(c.duplicate_of, c.id) "
                f"FROM claim_keys k JOIN claims c ON c.id = k.claim_id JOIN articles a ON a.id = c.article_id "
                f"WHERE k.key IN ({','.join('?' * len(part))}) AND a.path IS NOT ?", (*part, exclude_key))

    # ---- cell counts ----------------------------------------------------
    # ``cell_counts`` (see ``dimensions``) is what an unfiltered comparison
    # table shows. Each article write adjusts it by the cells of the claims
    # that come or go, so reading a table over a million claims touches only
    # its cells.

    def _count(self, article_id: int, sign: int) -> None:
        """Add (+1) or remove (-1) an article's claims from ``cell_counts``:
        a cluster already counted in a cell through another article's claim
        does not count again."""
        cols = f"{CELL_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id"
        mine: dict[tuple, set] = {}
        for r in self.db.execute(f"SELECT {cols} WHERE c.article_id = ? AND c.background = 0", (article_id,)):
            for cell in cells(r):
                mine.setdefault(cell, set()).add(r["cluster"] or r["id"])
        elsewhere = set()
        for r in self.db.execute(f"SELECT {cols} WHERE c.cluster IN (SELECT cluster FROM claims "
                                 f"WHERE article_id = ?) AND c.article_id != ? AND c.background = 0",
                                 (article_id, article_id)):
            elsewhere.update((cell, r["cluster"] or r["id"]) for cell in cells(r))
        delta = {cell: sign * sum((cell, k) not in elsewhere for k in ks) for cell, ks in mine.items()}
        self.db.executemany(
            "INSERT INTO cell_counts (a_dim, a, b_dim, b, n) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (a_dim, b_dim, a, b) DO UPDATE SET n = n + excluded.n",
            [(*cell, n) for cell, n in delta.items() if n])
        if sign < 0:
            self.db.execute("DELETE FROM cell_counts WHERE n <= 0")

    def rebuild_counts(self) -> None:
        """``cell_counts`` from scratch (a migration, or a generated store)."""
        self.db.execute("DELETE FROM cell_counts")
        for select in cell_count_selects():
            self.db.execute(f"INSERT INTO cell_counts (a_dim, a, b_dim, b, n) {select}")

    # ---- speakers -------------------------------------------------------

    def _claim_speakers(self, speaker: str, people: list[str], role: str | None,
                        scope: tuple[str, str]) -> list[int]:
        """A claim's speakers' rows (``identity.claim_speaker_ids``): what
        writing an article and correcting a claim both record."""
        return claim_speaker_ids(_Directory(self), speaker, people, role, scope)

    def _speaker_id(self, name: str, role: str | None, scope: tuple[str, str] | None = None) -> int:
        """One row per person across articles (``identity.speaker_id``); per
        article, ``scope`` (its key and name), for a source it does not name.
        Conjoined people ("Alen Simonyan and Armen Grigoryan") come here one
        by one (``Claim.speakers``)."""
        return speaker_id(_Directory(self), name, role, scope)

    def _speaker_edits(self) -> dict[str, tuple[str, str | None]]:
        if getattr(self, "_edits", None) is None:
            self._edits = {r[0]: (r[1], r[2]) for r in self.db.execute(
                "SELECT name_key, kind, target FROM speaker_edits")}
        return self._edits

    def merge_speakers(self, ids: list[int], into: int) -> int:
        """The speakers ``ids`` are the one ``into``: their claims, links and
        name forms move to it, and every name form is recorded so later
        extracts send it there too. Returns the claims moved."""
        return self._edit_speakers(lambda now: self._merge(ids, into, now))

    def split_speaker(self, form: str) -> int | None:
        """The name form ``form`` (as articles write it) is its own speaker,
        not the one it was joined to by its surname or an alias: the claims
        that name it so move to a new row, and later extracts keep it apart.
        Returns the new speaker's id (None when no claim names it so)."""
        return self._edit_speakers(lambda now: self._split(form, now))

    def _edit_speakers(self, change):
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            out = change(now)
            self._edits = None
            self.db.execute("DELETE FROM speakers WHERE id NOT IN (SELECT speaker_id FROM claim_speakers) "
                            "AND id NOT IN (SELECT speaker_id FROM claims WHERE speaker_id IS NOT NULL)")
            self.rebuild_counts()
        return out

    def _merge(self, ids: list[int], into: int, now: str) -> int:
        target = self.db.execute("SELECT name FROM speakers WHERE id = ?", (into,)).fetchone()[0]
        moved = 0
        for sid in (i for i in ids if i != into):
            forms = [r[0] for r in self.db.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ?", (sid,))]
            forms += [r[0] for r in self.db.execute("SELECT name FROM speakers WHERE id = ?", (sid,))]
            self.db.executemany("INSERT OR REPLACE INTO speaker_edits (name_key, kind, target, made_at) "
                                "VALUES (?, 'merge', ?, ?)", [(name_key(f), target, now) for f in set(forms)])
            moved += self.db.execute("UPDATE claims SET speaker_id = ? WHERE speaker_id = ?", (into, sid)).rowcount
            self.db.execute("UPDATE OR IGNORE claim_speakers SET speaker_id = ? WHERE speaker_id = ?", (into, sid))
            for f in set(forms):
                self._alias(into, f)
            self.db.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?", (sid,))
            self.db.execute("DELETE FROM speakers WHERE id = ?", (sid,))
        return moved

    def _split(self, form: str, now: str) -> int | None:
        key = name_key(form)
        self.db.execute("INSERT OR REPLACE INTO speaker_edits (name_key, kind, target, made_at) "
                        "VALUES (?, 'split', NULL, ?)", (key, now))
        claims = self.db.execute("SELECT claim_id, ord FROM claim_speakers WHERE name_key(name) = ?", (key,)).fetchall()
        if not claims:
            return None
        old = {r[0] for r in self.db.execute("SELECT speaker_id FROM claim_speakers WHERE name_key(name) = ?", (key,))}
        self._edits = None
        d = _Directory(self)
        found = d.find(key)
        if found is None or found in old and len(self.db.execute(
                "SELECT 1 FROM claim_speakers WHERE speaker_id = ? AND name_key(name) != ? LIMIT 1",
                (found, key)).fetchall()):
            if found is not None:   # the joined speaker goes by this form: it keeps its other name
                other = self.db.execute("SELECT name FROM claim_speakers WHERE speaker_id = ? AND name_key(name) != ? "
                                        "ORDER BY length(name) DESC LIMIT 1", (found, key)).fetchone()[0]
                d.rename(found, other)
            sid = d.add(form, surname_key(form), None)
        else:
            sid = found
        for claim_id, ordinal in claims:
            self.db.execute("UPDATE claim_speakers SET speaker_id = ? WHERE claim_id = ? AND ord = ?", (sid, claim_id, ordinal))
            if ordinal == 0:
                self.db.execute("UPDATE claims SET speaker_id = ? WHERE id = ?", (sid, claim_id))
        self.db.execute("DELETE FROM speaker_aliases WHERE alias_key = ? AND speaker_id != ?", (key, sid))
        self._alias(sid, form)
        return sid

    def _alias(self, sid: int, name: str) -> None:
        """A name form of the speaker, found again by its folded key."""
        self.db.execute("INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (?, ?, ?)",
                        (sid, name, name_key(name)))

    # ---- reading --------------------------------------------------------

    @staticmethod
    def claim_of(r, evidence: Iterable[Evidence] = ()) -> Claim:
        """The claim of a row (``CLAIM_SELECT``), whole: with ``evidence``,
        which the row does not hold (``claims_of`` finds it)."""
        meta = {}
        if "outlet" in r.keys():        # a Parquet store's tables from before article metadata have none
            meta = {k: r[k] or "" for k in ("article_title", "outlet", "author", "published", "url")}
            meta["corrected"] = json.loads(r["corrected"] or "[]")
        return Claim(article=r["article"], text=r["text"], start=r["start"], end=r["end"], speaker=r["speaker"],
                     speaker_role=r["speaker_role"], attribution=r["attribution"], cue=r["cue"], stance=r["stance"],
                     reasons=json.loads(r["reasons"]), evidence=list(evidence), duplicate_of=r["duplicate_of"],
                     cluster=r["cluster"], id=r["id"], article_key=r["article_key"], background=bool(r["background"]),
                     speaker_canonical=r["speaker_canonical"], speakers=json.loads(r["speakers"] or "[]"),
                     stance_confidence=r["stance_confidence"],
                     reason_confidence=json.loads(r["reason_confidence"] or "{}"), **meta)

    def claim_select(self, where: str, order: str) -> str:
        return CLAIM_SELECT


def _statements(script: str) -> list[str]:
    """A migration's statements; a trigger's body holds semicolons of its own."""
    out, buf = [], ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    if buf.strip(" \n;"):
        out.append(buf.strip())
    return out


class _Directory:
    """The ``speakers`` table as ``identity`` reads and changes it."""

    def __init__(self, store: Store):
        self.db, self.edits, self.alias = store.db, store._speaker_edits, store._alias

    def find(self, key: str) -> int | None:
        row = self.db.execute("SELECT id FROM speakers WHERE name_key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def with_surname(self, surname: str) -> list[tuple[int, str]]:
        return [tuple(r) for r in self.db.execute("SELECT id, name FROM speakers WHERE surname_key = ? ORDER BY id",
                                                  (surname,))]

    def scoped(self, scope: str, key: str) -> int | None:
        row = self.db.execute("SELECT s.id FROM speakers s JOIN speaker_aliases a ON a.speaker_id = s.id "
                              "WHERE s.scope = ? AND a.alias_key = ?", (scope, key)).fetchone()
        return None if row is None else row[0]

    def taken(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM speakers WHERE name = ?", (name,)).fetchone() is not None

    def add(self, name: str, surname: str, role: str | None, scope: str = "") -> int:
        return self.db.execute("INSERT INTO speakers (name, surname_key, role, name_key, scope) VALUES (?, ?, ?, ?, ?)",
                               (name, surname, role, name_key(name), scope)).lastrowid

    def rename(self, sid: int, name: str) -> None:
        self.db.execute("UPDATE speakers SET name = ?, name_key = ? WHERE id = ?", (name, name_key(name), sid))

    def role(self, sid: int) -> str | None:
        return self.db.execute("SELECT role FROM speakers WHERE id = ?", (sid,)).fetchone()[0]

    def set_role(self, sid: int, role: str) -> None:
        self.db.execute("UPDATE speakers SET role = ? WHERE id = ?", (role, sid))
