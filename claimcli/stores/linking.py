"""``claims link DIR``: a Parquet store's near-duplicates, speakers and
counts, written to its ``tables/``.

Speakers are replayed in article order with the SQLite store's rules (a
surname joins the one full name; a full name upgrades a lone surname), so
ids, names and roles agree with ``claims extract --db``. Cell counts are one
GROUP BY per pair of dimensions. The linking itself is ``dedup.batch``.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections import defaultdict
from pathlib import Path

from ..dedup.linker import DEFAULT_THRESHOLD
from ..models import people_of
from ..text.names import fold, is_anonymous, is_person_name, name_key
from ..dedup.batch import LinkStats, link
from . import parquet


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _sql_lower(s: str) -> str:
    """SQLite's lower(): ASCII letters only."""
    return s.translate(_ASCII_LOWER)


class Speakers:
    """``Store._speaker_id`` over claims in article order, in memory."""

    def __init__(self):
        self.names: list[str] = []
        self.surnames: list[str] = []
        self.roles: list[str | None] = []
        self.by_key: dict[str, int] = {}          # folded name -> speaker
        self.by_surname: dict[str, list[int]] = defaultdict(list)
        self.aliases: list[set] = []
        self.scopes: list[str] = []               # an anonymous source's article key, else ''
        self.scoped: dict[tuple[str, str], int] = {}   # (article key, folded alias) -> anonymous source

    def ids_of(self, speaker: str, people: list[str], role: str | None,
               scope: tuple[str, str] | None = None) -> list[int]:
        """A claim's speakers, as ``Store.write_article`` links them: a row
        for each person of a joint claim, whose first keeps the joint form;
        ``scope``: the article's key and name, for anonymous sources."""
        ids = [self.id_of(p, role if len(people) == 1 else None, scope) for p in people]
        if len(people) > 1:
            self.aliases[ids[0]].add(speaker)
        return ids

    def _new(self, name: str, surname: str, role: str | None, scope: str = "") -> int:
        sid = len(self.names)
        self.names.append(name)
        self.surnames.append(surname)
        self.roles.append(role)
        self.scopes.append(scope)
        self.by_key[name_key(name)] = sid
        self.aliases.append(set())
        return sid

    def _learn_role(self, sid: int, role: str | None) -> None:
        old = self.roles[sid]   # the first role, or a fuller form of it ("President" -> "Russian President")
        if role and (old is None or (len(role) > len(old) and _sql_lower(old) in _sql_lower(role))):
            self.roles[sid] = role

    def _anonymous(self, name: str, role: str | None, scope: tuple[str, str]) -> int:
        key, article = scope
        sid = self.scoped.get((key, name_key(name)))
        if sid is None:
            shown = f"{name} ({article})"
            if shown in self.names:
                shown = f"{name} ({key})"
            sid = self._new(shown, "", role, key)
        else:
            self._learn_role(sid, role)
        self.scoped[(key, name_key(name))] = sid
        self.aliases[sid].add(name)
        return sid

    def id_of(self, name: str, role: str | None, scope: tuple[str, str] | None = None) -> int:
        if scope is not None and is_anonymous(name):
            return self._anonymous(name, role, scope)
        words = name.split()
        surname = fold(words[-1]) if words else fold(name)
        sid = self.by_key.get(name_key(name))
        if sid is None:
            same = self.by_surname.get(surname, [])
            if len(words) == 1 and len(same) == 1:
                sid = same[0]
            elif len(words) > 1 and is_person_name(name):
                short = [s for s in same if len(self.names[s].split()) == 1]
                if short:
                    sid = short[0]
                    del self.by_key[name_key(self.names[sid])]
                    self.names[sid] = name
                    self.by_key[name_key(name)] = sid
        if sid is None:
            sid = self._new(name, surname, role)
            self.by_surname[surname].append(sid)
        else:
            self._learn_role(sid, role)
        self.aliases[sid].add(name)
        return sid


def _tables(root: Path, con, threshold: float, client=None, chunk: int = 200_000) -> LinkStats:
    import pyarrow as pa

    for kind in parquet.KINDS:       # a kind may have no part yet (no claim had a reason)
        files = [str(f) for f in parquet.part_files(root, kind)]
        con.register(f"part_{kind}", pa.Table.from_batches([], parquet.SCHEMAS[kind]) if not files else
                     con.read_parquet(files, union_by_name=True))   # older parts lack newer columns
    # a part's article rows are written last: claims without them are from
    # a partition that died mid-write, and are not in the store
    con.execute("CREATE VIEW pc AS SELECT * FROM part_claims WHERE article_id IN (SELECT article_id FROM part_articles)")
    cols = con.sql("SELECT id, norm, keys, neg, numbers, speaker, speakers, speaker_role, article, "
                   "(SELECT any_value(path) FROM part_articles p WHERE p.article_id = pc.article_id) AS article_key "
                   "FROM pc ORDER BY article_id, seq").to_arrow_table()
    ids = cols.column("id").to_pylist()
    norms = cols.column("norm").to_pylist()
    sigs = list(zip(cols.column("neg").to_pylist(), map(tuple, cols.column("numbers").to_pylist())))
    roots, stats = link(norms, cols.column("keys").to_pylist(), sigs, threshold, chunk=chunk, client=client)
    cluster = [ids[r] for r in roots]
    dup = [None if r == i else ids[r] for i, r in enumerate(roots)]
    people = Speakers()
    sid: list[str | None] = []
    names = cols.column("speaker").to_pylist()
    links: dict[str, list] = {"claim_id": [], "ord": [], "speaker_id": [], "name": []}   # claim_speakers
    joint = []
    for pos, (name, parts, role, article, key) in enumerate(zip(
            names, *(cols.column(c).to_pylist() for c in ("speakers", "speaker_role", "article", "article_key")))):
        parts = (parts or people_of(name)) if name else []     # parts from before schema 6 hold none
        sids = [str(i + 1) for i in people.ids_of(name, parts, role, (key, article))] if name else []
        sid.append(sids[0] if sids else None)
        joint.append(json.dumps(parts))
        for k, (n, i) in enumerate(zip(parts, sids)):
            links["claim_id"].append(ids[pos])
            links["ord"].append(k)
            links["speaker_id"].append(i)
            links["name"].append(n)
    con.register("csp", pa.table({"claim_id": pa.array(links["claim_id"], pa.string()),
                                  "ord": pa.array(links["ord"], pa.int64()),
                                  "speaker_id": pa.array(links["speaker_id"], pa.string()),
                                  "name": pa.array(links["name"], pa.string())}))
    con.register("resolved", pa.table({"rid": ids, "speaker_id": pa.array(sid, pa.string()), "speakers": joint,
                                       "duplicate_of": dup, "cluster": cluster}))
    # reasons: a global row order standing in for SQLite's rowid
    con.execute(f"CREATE TABLE cr AS SELECT claim_id, reason, evidence, ev_start, ev_end, role, "
                "row_number() OVER (ORDER BY article_id, seq, ord) AS rowid FROM part_reasons "
                "WHERE article_id IN (SELECT article_id FROM part_articles)")
    # claims sorted by speaker, so a speaker's claims sit in a few row groups
    con.execute(
        "CREATE TABLE cc AS SELECT c.id, c.article_id, c.article, c.seq, c.text, c.start, c.\"end\", "
        "c.speaker, r.speaker_id, r.speakers, c.speaker_role, c.attribution, c.cue, c.stance, c.reasons, "
        "r.duplicate_of, r.cluster, c.norm, CAST(COALESCE(c.background, false) AS INTEGER) AS background, "
        "'[]' AS corrected, "
        "c.stance_confidence, COALESCE(c.reason_confidence, '{}') AS reason_confidence, "
        "COALESCE((SELECT to_json(list({'reason': e.reason, 'text': e.evidence, 'start': e.ev_start, 'end': e.ev_end, "
        "'role': e.role} "
        "ORDER BY e.rowid)) FROM cr e WHERE e.claim_id = c.id AND e.evidence IS NOT NULL), '[]') AS evidence "
        "FROM pc c JOIN resolved r ON r.rid = c.id")
    con.execute("CREATE TABLE art AS SELECT article_id AS id, name, path, sha256, title, encoding, extracted_at, "
                "profile, profile_sha256, profile_path, pipeline, words, COALESCE(outlet, '') AS outlet, "
                "COALESCE(author, '') AS author, COALESCE(published, '') AS published, COALESCE(url, '') AS url "
                "FROM part_articles")
    aliases = [(str(i + 1), a, name_key(a)) for i, al in enumerate(people.aliases) for a in sorted(al)]
    con.register("spk", pa.table({"id": [str(i + 1) for i in range(len(people.names))], "name": people.names,
                                  "surname_key": people.surnames, "role": pa.array(people.roles, pa.string()),
                                  "name_key": [name_key(n) for n in people.names], "scope": people.scopes}))
    con.register("als", pa.table({"speaker_id": [a[0] for a in aliases], "alias": [a[1] for a in aliases],
                                  "alias_key": [a[2] for a in aliases]}))
    write_tables(con, root)
    return stats


def write_tables(con, root: Path) -> None:
    """Write ``tables/`` from the DuckDB tables ``cc`` (claims, with their
    evidence as JSON), ``cr`` (reasons), ``art``, ``spk`` and ``als``, and
    swap it in whole. Claims are sorted by speaker, so a speaker's claims
    sit in a few row groups that DuckDB finds from their statistics."""
    out = root / f".tables.{uuid.uuid4().hex}"
    out.mkdir()
    # snappy: a speaker's claims are read often, and decompress faster than zstd
    opts = "FORMAT parquet, ROW_GROUP_SIZE 16384, COMPRESSION snappy"
    # with their article's key and their speaker's one name, so reading
    # claims needs no join (``ParquetStore.claims``)
    con.execute(f"COPY (SELECT cc.*, art.path AS article_key, spk.name AS speaker_canonical, "
                f"art.title AS article_title, art.outlet, art.author, art.published, art.url FROM cc "
                f"JOIN art ON art.id = cc.article_id LEFT JOIN spk ON spk.id = cc.speaker_id "
                f"ORDER BY cc.speaker_id NULLS LAST, cc.article_id, cc.seq) TO '{out / 'claims.parquet'}' ({opts})")
    con.execute(f"COPY (SELECT * FROM cr ORDER BY reason, rowid) TO '{out / 'claim_reasons.parquet'}' ({opts})")
    con.execute(f"COPY (SELECT * FROM art ORDER BY id) TO '{out / 'articles.parquet'}' ({opts})")
    con.execute(f"COPY (SELECT * FROM spk ORDER BY id) TO '{out / 'speakers.parquet'}' ({opts})")
    con.execute(f"COPY (SELECT * FROM als) TO '{out / 'speaker_aliases.parquet'}' ({opts})")
    con.execute(f"COPY (SELECT * FROM csp ORDER BY speaker_id, claim_id) TO '{out / 'claim_speakers.parquet'}' ({opts})")
    _cell_counts(con, out / "cell_counts.parquet")
    final = root / "tables"
    old = root / f".old-tables.{uuid.uuid4().hex}"
    if final.exists():
        os.replace(final, old)
    os.replace(out, final)
    shutil.rmtree(old, ignore_errors=True)


DIM_SQL = {"article": "CAST(c.article_id AS VARCHAR)", "reason": "j.value",
           "speaker": "COALESCE(cs.speaker_id, '')", "stance": "c.stance", "outlet": "a.outlet",
           "month": "substr(a.published, 1, 7)", "year": "substr(a.published, 1, 4)"}


def _cell_counts(con, path: Path) -> None:
    """What ``Store.rebuild_counts`` makes: distinct clusters per value of
    each dimension and per pair of values of two dimensions, background
    claims left out."""
    from .sqlite import DIMENSIONS

    con.execute("CREATE TEMP MACRO reasons_of(j) AS TABLE SELECT unnest(CAST(j AS VARCHAR[])) AS value")
    parts = []
    for i, a_dim in enumerate(DIMENSIONS):
        for b_dim in ("",) + DIMENSIONS[i + 1:]:
            b = DIM_SQL[b_dim] if b_dim else "''"
            join = (", reasons_of(c.reasons) j" if "reason" in (a_dim, b_dim) else "") + (
                " LEFT JOIN csp cs ON cs.claim_id = c.id" if "speaker" in (a_dim, b_dim) else "")   # each speaker
            parts.append(f"SELECT '{a_dim}' AS a_dim, {DIM_SQL[a_dim]} AS a, '{b_dim}' AS b_dim, {b} AS b, "
                         f"COUNT(DISTINCT COALESCE(c.cluster, c.id)) AS n FROM cc c JOIN art a ON a.id = c.article_id{join} "
                         f"WHERE c.background = 0 GROUP BY 2, 4")
    con.execute(f"COPY ({' UNION ALL '.join(parts)} ORDER BY a_dim, b_dim, a, b) TO '{path}' (FORMAT parquet)")


def link_store(folder: str, threshold: float = DEFAULT_THRESHOLD, client=None, chunk: int = 200_000) -> LinkStats:
    """Link the claims of a Parquet store and (re)write its ``tables/``; with
    a Dask ``client``, candidate pairs are scored on the cluster in chunks
    of ``chunk`` pairs."""
    import duckdb

    from ..errors import StoreError

    root = Path(folder)
    if not parquet.is_store(root):
        raise StoreError(f"{folder}: not a Parquet claim store (made by `claims extract --engine dask --output DIR`)")
    if not parquet.part_files(root, "claims"):
        raise StoreError(f"{folder}: holds no claims yet; run `claims extract --engine dask --output {folder}` first")
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        stats = _tables(root, con, threshold, client, chunk)
    finally:
        con.close()
    meta = parquet.read_meta(root)
    meta.update(linked=True, threshold=threshold)
    parquet.write_meta(root, meta)
    return stats
