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

from .errors import StoreError
from .models import Article, Claim

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
]
SCHEMA_VERSION = len(MIGRATIONS)


def default_db_path(explicit: str | None = None) -> str:
    return explicit or os.environ.get("CLAIMS_DB") or DEFAULT_DB


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


class Store:
    """A claim store. ``readonly`` opens without creating or migrating."""

    def __init__(self, path: str | None = None, *, readonly: bool = False):
        self.path = default_db_path(path)
        p = Path(self.path)
        if p.exists() and p.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a claim store")
        if p.exists() and p.stat().st_size > 0 and not _is_sqlite(p):
            raise StoreError(f"{self.path}: not a SQLite database; refusing to overwrite it (choose another --db)")
        if readonly and not p.exists():
            raise StoreError(f"{self.path}: no claim store here; run `claims extract` first or pass --db")
        try:
            if readonly:
                self.db = sqlite3.connect(f"file:{p.resolve()}?mode=ro", uri=True, timeout=30)
            else:
                self.db = sqlite3.connect(self.path, timeout=30)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open ({e})") from None
        self.db.row_factory = sqlite3.Row
        self.db.create_function("fold", 1, _fold, deterministic=True)
        self.readonly = readonly
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: {e}") from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer claims (schema {version}, this one knows {SCHEMA_VERSION}); upgrade claims")
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"{self.path}: schema {version} needs migrating; open it once without read-only")
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for n in range(version, SCHEMA_VERSION):
                for stmt in _statements(MIGRATIONS[n]):
                    self.db.execute(stmt)
                self.db.execute(f"PRAGMA user_version = {n + 1}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- articles -------------------------------------------------------

    @staticmethod
    def article_key(article: Article) -> str:
        """Articles are one per file path; standard input is one per content."""
        if article.path == "-":
            return f"-:{article.sha256}"
        return str(Path(article.path).resolve())

    def unchanged(self, article: Article) -> bool:
        row = self.db.execute("SELECT sha256 FROM articles WHERE path = ?", (self.article_key(article),)).fetchone()
        return row is not None and row["sha256"] == article.sha256

    def stored_if_unchanged(self, article: Article) -> list[Claim] | None:
        return self.stored_claims(article) if self.unchanged(article) else None

    def stored_claims(self, article: Article) -> list[Claim]:
        rows = self.db.execute(
            "SELECT c.* FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.path = ? ORDER BY c.seq",
            (self.article_key(article),)).fetchall()
        return self.with_evidence([self.claim_of(r) for r in rows])

    def with_evidence(self, claims: list[Claim]) -> list[Claim]:
        from .models import Evidence

        by_id = {c.id: c for c in claims}
        ids = list(by_id)
        for at in range(0, len(ids), 500):
            part = ids[at:at + 500]
            rows = self.db.execute(
                f"SELECT claim_id, reason, evidence, ev_start, ev_end FROM claim_reasons "
                f"WHERE claim_id IN ({','.join('?' * len(part))}) AND evidence IS NOT NULL ORDER BY rowid", part)
            for r in rows:
                by_id[r["claim_id"]].evidence.append(Evidence(r["reason"], r["evidence"], r["ev_start"], r["ev_end"]))
        return claims

    def write_article(self, article: Article, claims: list[Claim], keys: dict[str, list[str]] | None = None) -> None:
        """Replace the article's claims, in one transaction."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        key = self.article_key(article)
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                old = self.db.execute("SELECT id FROM articles WHERE path = ?", (key,)).fetchone()
                if old is not None:
                    self._reroot(old["id"])
                self.db.execute("DELETE FROM articles WHERE path = ?", (key,))
                cur = self.db.execute(
                    "INSERT INTO articles (name, path, sha256, title, encoding, extracted_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (article.name, key, article.sha256, article.title, article.encoding, now))
                aid = cur.lastrowid
                for seq, c in enumerate(claims):
                    sid = self._speaker_id(c.speaker, c.speaker_role) if c.speaker else None
                    self.db.execute(
                        'INSERT OR REPLACE INTO claims (id, article_id, article, seq, text, start, "end", speaker, speaker_id,'
                        " speaker_role, attribution, cue, stance, reasons, duplicate_of, cluster, norm)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (c.id, aid, c.article, seq, c.text, c.start, c.end, c.speaker, sid, c.speaker_role,
                         c.attribution, c.cue, c.stance, json.dumps(c.reasons), c.duplicate_of, c.cluster,
                         c.norm))
                    for ev in c.evidence:
                        self.db.execute(
                            "INSERT INTO claim_reasons (claim_id, reason, evidence, ev_start, ev_end) VALUES (?, ?, ?, ?, ?)",
                            (c.id, ev.reason, ev.text, ev.start, ev.end))
                    for r in c.reasons:
                        if not any(ev.reason == r for ev in c.evidence):
                            self.db.execute("INSERT INTO claim_reasons (claim_id, reason) VALUES (?, ?)", (c.id, r))
                    for k in (keys or {}).get(c.id, []):
                        self.db.execute("INSERT INTO claim_keys (key, claim_id) VALUES (?, ?)", (k, c.id))
        except sqlite3.OperationalError as e:
            if "readonly" in str(e) or "read-only" in str(e):
                raise StoreError(f"{self.path}: the store is read-only; cannot write claims") from None
            raise StoreError(f"{self.path}: {e}") from None

    def _reroot(self, article_id: int) -> None:
        """Before an article's claims go, the clusters they root in other
        articles get their earliest remaining member as the new root, so no
        ``duplicate_of`` ever points at a claim that is gone."""
        roots = [r[0] for r in self.db.execute(
            "SELECT DISTINCT cluster FROM claims WHERE article_id != ? AND cluster IN "
            "(SELECT id FROM claims WHERE article_id = ?)", (article_id, article_id))]
        for root in roots:
            new = self.db.execute(
                "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.cluster = ? "
                "AND c.article_id != ? ORDER BY a.id, c.seq LIMIT 1", (root, article_id)).fetchone()[0]
            self.db.execute("UPDATE claims SET duplicate_of = NULL, cluster = id WHERE id = ?", (new,))
            self.db.execute("UPDATE claims SET duplicate_of = ?, cluster = ? WHERE cluster = ? AND article_id != ? "
                            "AND id != ?", (new, new, root, article_id, new))

    # ---- speakers -------------------------------------------------------

    def _speaker_id(self, name: str, role: str | None) -> int:
        """One row per person across articles: a surname joins the full name."""
        from .speakers import fold

        words = name.split()
        surname = fold(words[-1]) if words else fold(name)
        row = self.db.execute("SELECT id FROM speakers WHERE name = ?", (name,)).fetchone()
        if row is None:
            same = self.db.execute("SELECT id, name FROM speakers WHERE surname_key = ?", (surname,)).fetchall()
            if len(words) == 1 and len(same) == 1:
                row = same[0]                     # "Giragosian" -> "Richard Giragosian"
            elif len(words) > 1:
                short = [r for r in same if len(r["name"].split()) == 1]
                if short:                         # upgrade "Giragosian" to the full name
                    row = short[0]
                    self.db.execute("UPDATE speakers SET name = ? WHERE id = ?", (name, row["id"]))
                    self.db.execute("UPDATE claims SET speaker = ? WHERE speaker_id = ?", (name, row["id"]))
        if row is None:
            cur = self.db.execute("INSERT INTO speakers (name, surname_key, role) VALUES (?, ?, ?)", (name, surname, role))
            sid = cur.lastrowid
        else:
            sid = row["id"]
            if role:
                self.db.execute("UPDATE speakers SET role = COALESCE(role, ?) WHERE id = ?", (role, sid))
        self.db.execute("INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)", (sid, name))
        return sid

    # ---- reading --------------------------------------------------------

    @staticmethod
    def claim_of(r) -> Claim:
        c = Claim(article=r["article"], text=r["text"], start=r["start"], end=r["end"], speaker=r["speaker"],
                  speaker_role=r["speaker_role"], attribution=r["attribution"], cue=r["cue"], stance=r["stance"],
                  reasons=json.loads(r["reasons"]), duplicate_of=r["duplicate_of"], cluster=r["cluster"], id=r["id"])
        return c

    def counts(self) -> dict:
        q = lambda sql: self.db.execute(sql).fetchone()[0]
        return {"articles": q("SELECT count(*) FROM articles"), "claims": q("SELECT count(*) FROM claims"),
                "speakers": q("SELECT count(*) FROM speakers"), "schema_version": SCHEMA_VERSION}

    def claims(self, where: str = "", params: tuple = (), limit: int | None = None) -> list[Claim]:
        """Claims in article order; ``where`` is a parameterised clause over
        ``claims c`` and ``articles a`` (see ``queries.where``)."""
        sql = "SELECT c.* FROM claims c JOIN articles a ON a.id = c.article_id " + where + " ORDER BY a.id, c.seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [self.claim_of(r) for r in self.db.execute(sql, params)]


def _fold(value):
    """``fold()`` in SQL: case and accents aside, for text search."""
    from .speakers import fold

    return fold(value) if isinstance(value, str) else value


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
