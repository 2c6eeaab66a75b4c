"""``claims link DIR``: a Parquet store's near-duplicates, speakers and
counts, written to its ``tables/``.

Speakers are replayed in article order with the SQLite store's rule
(``identity``), so ids, names and roles agree with the local extraction's.
Cell counts are the SQLite store's SQL (``dimensions``), over the tables
made here. The linking itself is ``dedup.batch``.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

from ..dedup.linker import DEFAULT_THRESHOLD
from ..models import people_of
from ..text.names import name_key
from ..dedup.batch import LinkStats, link
from . import parquet
from .base import EmptyStore, NotAParquetStore
from .dialect import DUCKDB
from .dimensions import cell_count_selects
from .identity import Speakers


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
    con.execute("CREATE TABLE cr AS SELECT claim_id, reason, evidence, ev_start, ev_end, role, "
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


def _cell_counts(con, path: Path) -> None:
    """What ``Store.rebuild_counts`` makes, from the tables made here."""
    DUCKDB.prepare(con)
    selects = cell_count_selects({"claims": "cc", "articles": "art", "claim_speakers": "csp"})
    con.execute(f"COPY ({' UNION ALL '.join(selects)} ORDER BY a_dim, b_dim, a, b) TO '{path}' (FORMAT parquet)")


def link_store(folder: str, threshold: float = DEFAULT_THRESHOLD, client=None, chunk: int = 200_000) -> LinkStats:
    """Link the claims of a Parquet store and (re)write its ``tables/``; with
    a Dask ``client``, candidate pairs are scored on the cluster in chunks
    of ``chunk`` pairs."""
    import duckdb

    root = Path(folder)
    if not parquet.is_store(root):
        raise NotAParquetStore(f"{folder}: not a Parquet claim store")
    if not parquet.part_files(root, "claims"):
        raise EmptyStore(f"{folder}: holds no claims yet", folder)
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
