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
from datetime import datetime, timezone
from pathlib import Path

from ..errors import StoreError, UsageError
from ..models import Article, Claim, Labelling
from ..text.names import fold, name_key

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
]
SCHEMA_VERSION = len(MIGRATIONS)

# Dimensions of comparison tables, and the SQL value of each for a claim
# ``c`` (reasons come from the claim's JSON list through ``json_each`` j).
DIMENSIONS = ("article", "reason", "speaker", "stance")
DIM_VALUE = {"article": "c.article_id", "reason": "j.value", "speaker": "COALESCE(c.speaker_id, '')",
              "stance": "c.stance"}


# A claim row as ``claim_of`` reads it: with its article's key and the name
# its speaker has across articles (what ``speakers`` and ``compare`` show).
CLAIM_SELECT = ("SELECT c.*, a.path AS article_key, s.name AS speaker_canonical FROM claims c "
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


def _read_only_uri(p: Path) -> str:
    """A read-only connection. On a medium nobody can write (a read-only
    mount, a folder without write permission) SQLite cannot make the shared
    memory file a WAL store needs, so the store is opened as immutable,
    which is true there; unless a -wal file holds writes not yet in the
    store, which only a writable copy can read."""
    from urllib.request import pathname2url

    uri = f"file:{pathname2url(str(p.resolve()))}?mode=ro"
    if not os.access(p.resolve().parent, os.W_OK):
        wal = Path(str(p) + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(f"{p}: its -wal file holds writes not yet in the store, and the folder is read-only; "
                             "copy the store and its -wal file somewhere writable and read the copy")
        uri += "&immutable=1"
    return uri


class Store:
    """A claim store. ``readonly`` opens without creating or migrating."""

    def __init__(self, path: str | None = None, *, readonly: bool = False):
        self.path = default_db_path(path)
        p = Path(self.path)
        folder = p.resolve().parent
        if p.exists() and p.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a claim store")
        if not p.exists() and not folder.is_dir():
            raise UsageError(f"{self.path}: folder {folder} does not exist")
        if p.exists() and p.stat().st_size > 0 and not _is_sqlite(p):
            raise StoreError(f"{self.path}: not a SQLite database; refusing to overwrite it (choose another --db)")
        if not readonly and p.exists() and not os.access(p, os.W_OK):
            raise StoreError(f"{self.path}: the store is read-only (no write permission); "
                             "reading commands such as `claims query` still work")
        if not readonly and not os.access(folder, os.W_OK | os.X_OK):
            # SQLite writes its journal beside the store: no write without the folder
            raise StoreError(f"{self.path}: " + (f"folder {folder} is read-only; the store cannot be created there"
                             if not p.exists() else f"its folder {folder} is read-only, and writing needs files "
                             "beside the store; reading commands such as `claims query` still work"))
        if readonly and not p.exists():
            raise StoreError(f"{self.path}: no claim store here; run `claims extract` first or pass --db")
        try:
            if readonly:
                self.db = sqlite3.connect(_read_only_uri(p), uri=True, timeout=30)
            else:
                self.db = sqlite3.connect(self.path, timeout=30)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open ({e})") from None
        _OPENED.append(self.path)
        self.db.row_factory = sqlite3.Row
        self.db.create_function("fold", 1, _sql_text(fold), deterministic=True)
        self.db.create_function("name_key", 1, _sql_text(name_key), deterministic=True)
        self.readonly = readonly
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            self.db.close()
            raise StoreError(describe(self.path, e)) from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer claims (schema {version}, this one knows {SCHEMA_VERSION}); upgrade claims")
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            # A reading command on an older store: migrate it (a writer's
            # transaction), then read the migrated store.
            if not os.access(self.path, os.W_OK) or not os.access(Path(self.path).resolve().parent, os.W_OK):
                raise StoreError(f"{self.path}: schema {version} needs migrating to {SCHEMA_VERSION}, but the store "
                                 f"is read-only (no write permission); copy it somewhere writable and read the copy")
            Store(self.path).close()
            return
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for n in range(version, SCHEMA_VERSION):
                for stmt in _statements(MIGRATIONS[n]):
                    self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version = {n + 1}")
            if version < 2:                 # cell_counts is new: count what is there
                self.rebuild_counts()

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- articles -------------------------------------------------------

    @staticmethod
    def article_key(article: Article) -> str:
        """Articles are one per identity (``Article.key``): a file's absolute
        path, a URL, or standard input's name."""
        return article.key

    def status(self, article: Article, labelling: Labelling | None = None) -> str:
        """``new``, ``changed`` (other bytes), ``profile`` or ``pipeline``
        (same bytes, labelled by another profile content or pipeline), or
        ``current``: only a current article keeps its stored claims."""
        row = self.db.execute("SELECT sha256, profile, profile_sha256, pipeline FROM articles WHERE path = ?",
                              (self.article_key(article),)).fetchone()
        if row is None:
            return "new"
        if row["sha256"] != article.sha256:
            return "changed"
        if labelling is not None and (row["profile"], row["profile_sha256"]) != (labelling.profile, labelling.profile_sha256):
            return "profile"
        if labelling is not None and row["pipeline"] != labelling.pipeline:
            return "pipeline"
        return "current"

    def labellings(self) -> list[dict]:
        """What labelled the stored articles: one row per (profile, content,
        pipeline), most articles first; ``None`` values for articles stored
        before claims recorded them (schema 2)."""
        return [dict(r) for r in self.db.execute(
            "SELECT profile, profile_sha256, profile_path, pipeline, count(*) AS articles FROM articles "
            "GROUP BY 1, 2, 3, 4 ORDER BY articles DESC, profile")]

    def labelled_with(self) -> str | None:
        """The profile that labelled most articles, as ``--profile`` takes
        it: the file it was read from while that exists, else its id; None
        for a store that does not know (empty, or from before schema 3)."""
        for lab in self.labellings():
            if lab["profile"]:
                path = lab["profile_path"]
                return path if path and Path(path).is_file() else lab["profile"]
        return None

    def check_profile(self, labelling: Labelling) -> None:
        """One store, one topic: claims labelled by two profiles would mix two
        sets of stances and reasons in one table."""
        other = [r["profile"] for r in self.labellings() if r["profile"] not in (None, labelling.profile)]
        if other:
            raise StoreError(
                f"{self.path}: its claims are labelled with profile {other[0]!r}, not {labelling.profile!r}; "
                f"one store holds one topic's stances and reasons. Extract into another store "
                f"(--db NEW.db) for {labelling.profile!r}, or pass --profile {other[0]}")

    def stale(self, labelling: Labelling) -> int:
        """Articles of this profile labelled by an earlier content of it or
        another pipeline (a run re-labels only the articles it reads)."""
        return self.db.execute(
            "SELECT count(*) FROM articles WHERE profile = ? AND (profile_sha256 != ? OR pipeline != ?)",
            (labelling.profile, labelling.profile_sha256, labelling.pipeline)).fetchone()[0]

    def keys_named(self, names: set[str]) -> list[str]:
        """Stored article keys whose basename is one of ``names``."""
        from pathlib import PurePosixPath

        names = set(names)
        return [r[0] for r in self.db.execute("SELECT path FROM articles")
                if PurePosixPath(r[0].replace("\\", "/")).name in names]

    def stored_claims(self, article: Article) -> list[Claim]:
        rows = self.db.execute(
            f"{CLAIM_SELECT} WHERE a.path = ? ORDER BY c.seq",
            (self.article_key(article),)).fetchall()
        return self.with_evidence([self.claim_of(r) for r in rows])

    def with_evidence(self, claims: list[Claim]) -> list[Claim]:
        from ..models import Evidence

        by_id = {c.id: c for c in claims}
        ids = list(by_id)
        for at in range(0, len(ids), 500):
            part = ids[at:at + 500]
            rows = self.db.execute(
                f"SELECT claim_id, reason, evidence, ev_start, ev_end, role FROM claim_reasons "
                f"WHERE claim_id IN ({','.join('?' * len(part))}) AND evidence IS NOT NULL ORDER BY rowid", part)
            for r in rows:
                by_id[r["claim_id"]].evidence.append(
                    Evidence(r["reason"], r["evidence"], r["ev_start"], r["ev_end"], r["role"]))
        return claims

    def write_article(self, article: Article, claims: list[Claim], keys: dict[str, list[str]] | None = None,
                      labelling: Labelling | None = None) -> None:
        """Replace the article's claims, in one transaction; ``labelling``
        records what labelled them."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        key = self.article_key(article)
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
                    " profile_path, pipeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.name, key, article.sha256, article.title, article.encoding, now, lab.profile,
                     lab.profile_sha256, lab.profile_path, lab.pipeline))
                aid = cur.lastrowid
                for seq, c in enumerate(claims):
                    if c.duplicate_of in moved:     # linked to a claim that is going: to its new root
                        c.duplicate_of = c.cluster = moved[c.duplicate_of]
                    sid = self._speaker_id(c.speaker, c.speaker_role) if c.speaker else None
                    if sid is not None:
                        c.speaker_canonical = self.db.execute("SELECT name FROM speakers WHERE id = ?", (sid,)).fetchone()[0]
                    self.db.execute(
                        'INSERT OR REPLACE INTO claims (id, article_id, article, seq, text, start, "end", speaker, speaker_id,'
                        " speaker_role, attribution, cue, stance, reasons, duplicate_of, cluster, norm, background,"
                        " stance_confidence, reason_confidence)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (c.id, aid, c.article, seq, c.text, c.start, c.end, c.speaker, sid, c.speaker_role,
                         c.attribution, c.cue, c.stance, json.dumps(c.reasons), c.duplicate_of, c.cluster or c.id,
                         c.norm, int(bool(c.background)), c.stance_confidence, json.dumps(c.reason_confidence)))
                    for ev in c.evidence:
                        self.db.execute(
                            "INSERT INTO claim_reasons (claim_id, reason, evidence, ev_start, ev_end, role) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            (c.id, ev.reason, ev.text, ev.start, ev.end, ev.role))
                    for r in c.reasons:
                        if not any(ev.reason == r for ev in c.evidence):
                            self.db.execute("INSERT INTO claim_reasons (claim_id, reason) VALUES (?, ?)", (c.id, r))
                    for k in (keys or {}).get(c.id, []):
                        self.db.execute("INSERT INTO claim_keys (key, claim_id) VALUES (?, ?)", (k, c.id))
                self._count(aid, +1)
        except sqlite3.DatabaseError as e:       # the transaction is rolled back: the store is as it was
            if "readonly" in str(e) or "read-only" in str(e):
                raise StoreError(f"{self.path}: the store is read-only; cannot write claims") from None
            raise StoreError(f"{describe(self.path, e)}; {article.path} was not stored, "
                             "the articles written before it were") from None

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
    # ``cell_counts`` holds, for each dimension alone (b_dim = '') and each
    # pair of dimensions (a_dim < b_dim), the number of distinct clusters of
    # claims with those values: what an unfiltered comparison table shows.
    # Background claims are not counted (readers leave them out by default).
    # Each article write adjusts it by the cells of the claims that come or
    # go, so reading a table over a million claims touches only its cells.

    @staticmethod
    def _cells(row) -> list[tuple[str, str, str, str]]:
        values = {"article": [str(row["article_id"])], "speaker": [str(row["speaker_id"] or "")],
                  "stance": [row["stance"]], "reason": json.loads(row["reasons"])}
        out = []
        for i, a_dim in enumerate(DIMENSIONS):
            for a in values[a_dim]:
                out.append((a_dim, a, "", ""))
                for b_dim in DIMENSIONS[i + 1:]:
                    out.extend((a_dim, a, b_dim, b) for b in values[b_dim])
        return out

    def _count(self, article_id: int, sign: int) -> None:
        """Add (+1) or remove (-1) an article's claims from ``cell_counts``:
        a cluster already counted in a cell through another article's claim
        does not count again."""
        cols = "id, article_id, speaker_id, stance, reasons, cluster"
        mine: dict[tuple, set] = {}
        for r in self.db.execute(f"SELECT {cols} FROM claims WHERE article_id = ? AND background = 0", (article_id,)):
            for cell in self._cells(r):
                mine.setdefault(cell, set()).add(r["cluster"] or r["id"])
        elsewhere = set()
        for r in self.db.execute(f"SELECT {cols} FROM claims WHERE cluster IN (SELECT cluster FROM claims "
                                 f"WHERE article_id = ?) AND article_id != ? AND background = 0", (article_id, article_id)):
            elsewhere.update((cell, r["cluster"] or r["id"]) for cell in self._cells(r))
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
        for i, a_dim in enumerate(DIMENSIONS):
            for b_dim in ("",) + DIMENSIONS[i + 1:]:
                b = DIM_VALUE[b_dim] if b_dim else "''"
                join = ", json_each(c.reasons) j" if "reason" in (a_dim, b_dim) else ""
                self.db.execute(
                    f"INSERT INTO cell_counts (a_dim, a, b_dim, b, n) SELECT ?, {DIM_VALUE[a_dim]}, ?, {b}, "
                    f"COUNT(DISTINCT COALESCE(c.cluster, c.id)) FROM claims c{join} WHERE c.background = 0 GROUP BY 2, 4",
                    (a_dim, b_dim))

    # ---- speakers -------------------------------------------------------

    def _speaker_id(self, name: str, role: str | None) -> int:
        """One row per person across articles.

        A row is found by the folded name (case, accents, apostrophe style
        aside), else by the surname when exactly one stored person has it
        ("Giragosian" -> "Richard Giragosian"); a full name upgrades a
        surname-only row. Conjoined people, as attribution writes them ("Alen
        Simonyan and Armen Grigoryan"), get a row each: the claim counts for
        the first, whose aliases keep the joint form so a query finds it.
        """
        people = name.split(" and ")
        if len(people) > 1 and all(len(p.split()) >= 2 and all(w[:1].isupper() for w in p.split()) for p in people):
            sid = [self._speaker_id(p, None) for p in people][0]
            self.db.execute("INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (?, ?, ?)",
                            (sid, name, name_key(name)))
            return sid
        words = name.split()
        surname = fold(words[-1]) if words else fold(name)
        row = self.db.execute("SELECT id FROM speakers WHERE name_key = ?", (name_key(name),)).fetchone()
        if row is None:
            same = self.db.execute("SELECT id, name FROM speakers WHERE surname_key = ?", (surname,)).fetchall()
            if len(words) == 1 and len(same) == 1:
                row = same[0]                     # "Giragosian" -> "Richard Giragosian"
            elif len(words) > 1:
                short = [r for r in same if len(r["name"].split()) == 1]
                if short:                         # upgrade "Giragosian" to the full name
                    row = short[0]
                    self.db.execute("UPDATE speakers SET name = ?, name_key = ? WHERE id = ?",
                                    (name, name_key(name), row["id"]))
                    self.db.execute("UPDATE claims SET speaker = ? WHERE speaker_id = ?", (name, row["id"]))
        if row is None:
            cur = self.db.execute("INSERT INTO speakers (name, surname_key, role, name_key) VALUES (?, ?, ?, ?)",
                                  (name, surname, role, name_key(name)))
            sid = cur.lastrowid
        else:
            sid = row["id"]
            if role:   # the first role, or a fuller form of it ("President" -> "Russian President")
                self.db.execute("UPDATE speakers SET role = ? WHERE id = ? AND (role IS NULL OR "
                                "(length(?) > length(role) AND instr(lower(?), lower(role)) > 0))",
                                (role, sid, role, role))
        self.db.execute("INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (?, ?, ?)",
                        (sid, name, name_key(name)))
        return sid

    # ---- reading --------------------------------------------------------

    @staticmethod
    def claim_of(r) -> Claim:
        c = Claim(article=r["article"], text=r["text"], start=r["start"], end=r["end"], speaker=r["speaker"],
                  speaker_role=r["speaker_role"], attribution=r["attribution"], cue=r["cue"], stance=r["stance"],
                  reasons=json.loads(r["reasons"]), duplicate_of=r["duplicate_of"], cluster=r["cluster"], id=r["id"],
                  article_key=r["article_key"], background=bool(r["background"]),
                  speaker_canonical=r["speaker_canonical"], stance_confidence=r["stance_confidence"],
                  reason_confidence=json.loads(r["reason_confidence"] or "{}"))
        return c

    def counts(self) -> dict:
        q = lambda sql: self.db.execute(sql).fetchone()[0]
        return {"articles": q("SELECT count(*) FROM articles"), "claims": q("SELECT count(*) FROM claims"),
                "speakers": q("SELECT count(*) FROM speakers"), "schema_version": SCHEMA_VERSION}

    def claims(self, where: str = "", params: tuple = (), limit: int | None = None) -> list[Claim]:
        """Claims in article order; ``where`` is a parameterised clause over
        ``claims c`` and ``articles a`` (see ``queries.where``)."""
        sql = f"{CLAIM_SELECT} {where} ORDER BY c.article_id, c.seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [self.claim_of(r) for r in self.db.execute(sql, params)]


def _sql_text(fn):
    """A text function for SQL that passes NULL and numbers through."""
    return lambda value: fn(value) if isinstance(value, str) else value


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
