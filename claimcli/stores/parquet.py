"""The Parquet claim store: a folder of plain Parquet files any engine reads.

Workers write *parts* (``parts/{articles,claims,reasons}/RUN-NNNNN.parquet``),
each holding whole articles, so a crashed run leaves whole articles only and
no two writers ever touch one file. ``claims link`` then derives the tables a
reader wants (``tables/``): claims with their cluster and speaker id, reasons
with a global row order, speakers and their aliases, and the cell counts of
the comparison tables, the same tables as the SQLite store's.

The parts are the source of truth; ``tables/`` can always be rebuilt from
them. A changed input gets a new article id in a new part; its old rows are
cut from the older part files once the run has written the new ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..dedup.linker import keys, normalise, signature
from ..errors import StoreError
from . import MARKER, is_store
from .base import NotAFolder, article_status

FORMAT_VERSION = 1
KINDS = ("articles", "claims", "reasons")

ARTICLES = pa.schema([
    ("article_id", pa.int64()), ("name", pa.string()), ("path", pa.string()), ("sha256", pa.string()),
    ("title", pa.string()), ("encoding", pa.string()), ("extracted_at", pa.string()), ("words", pa.int64()),
    # what labelled the article (``models.Labelling``): another one re-labels
    ("profile", pa.string()), ("profile_sha256", pa.string()), ("profile_path", pa.string()), ("pipeline", pa.string()),
    # where and when it appeared (``Article.meta``); parts written before these columns read them as null
    ("outlet", pa.string()), ("author", pa.string()), ("published", pa.string()), ("url", pa.string()),
])
CLAIMS = pa.schema([
    ("id", pa.string()), ("article_id", pa.int64()), ("seq", pa.int64()), ("article", pa.string()),
    ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("speaker", pa.string()),
    ("speakers", pa.list_(pa.string())),   # each person of a joint speaker (``Claim.speakers``); null in older parts
    ("speaker_role", pa.string()), ("attribution", pa.string()), ("cue", pa.string()), ("stance", pa.string()),
    ("reasons", pa.string()),            # JSON list, as in the SQLite store
    ("background", pa.bool_()),          # context, left out of counts (``Claim.background``)
    # the trained labeller's probabilities (null and '{}' where rules alone labelled)
    ("stance_confidence", pa.float64()), ("reason_confidence", pa.string()),
    # what the batch linker needs, computed where the claim is made
    ("norm", pa.string()), ("norm_hash", pa.string()), ("keys", pa.list_(pa.string())),
    ("neg", pa.int8()), ("numbers", pa.list_(pa.string())),
])
REASONS = pa.schema([
    ("claim_id", pa.string()), ("article_id", pa.int64()), ("seq", pa.int64()), ("ord", pa.int64()),
    ("reason", pa.string()), ("evidence", pa.string()), ("ev_start", pa.int64()), ("ev_end", pa.int64()),
    ("role", pa.string()),               # a stance cue's: whom it judges, and how
])
SCHEMAS = {"articles": ARTICLES, "claims": CLAIMS, "reasons": REASONS}


def norm_hash(norm: str) -> str:
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def claim_row(c, article_id: int, seq: int) -> dict:
    """One claim as a row of ``parts/claims``: the SQLite columns, plus the
    normalised text, its hash, blocking keys and negation/number signature."""
    norm = normalise(c.text)
    neg, numbers = signature(norm)
    return {"id": c.id, "article_id": article_id, "seq": seq, "article": c.article, "text": c.text,
            "start": c.start, "end": c.end, "speaker": c.speaker, "speakers": list(c.speakers),
            "speaker_role": c.speaker_role,
            "attribution": c.attribution, "cue": c.cue, "stance": c.stance, "reasons": json.dumps(c.reasons),
            "background": bool(c.background), "stance_confidence": c.stance_confidence,
            "reason_confidence": json.dumps(c.reason_confidence), "norm": norm, "norm_hash": norm_hash(norm),
            "keys": keys(norm), "neg": neg, "numbers": list(numbers)}


def reason_rows(c, article_id: int, seq: int) -> list[dict]:
    """The claim's rows of ``claim_reasons``, in the SQLite store's order:
    each piece of evidence, then the reasons that have none."""
    out = [{"reason": ev.reason, "evidence": ev.text, "ev_start": ev.start, "ev_end": ev.end, "role": ev.role}
           for ev in c.evidence]
    out += [{"reason": r, "evidence": None, "ev_start": None, "ev_end": None, "role": None}
            for r in c.reasons if not any(ev.reason == r for ev in c.evidence)]
    return [{"claim_id": c.id, "article_id": article_id, "seq": seq, "ord": i, **r} for i, r in enumerate(out)]


def article_row(article, article_id: int, extracted_at: str, labelling) -> dict:
    return {"article_id": article_id, "name": article.name, "path": article.key, "sha256": article.sha256,
            "title": article.title, "encoding": article.encoding, "extracted_at": extracted_at,
            "words": len(article.text.split()), "profile": labelling.profile,
            "profile_sha256": labelling.profile_sha256, "profile_path": labelling.profile_path,
            "pipeline": labelling.pipeline, **article.meta}


# ---- the folder ------------------------------------------------------------

def create(folder: str | os.PathLike) -> Path:
    """Make (or reuse) a Parquet store; refuse a folder holding anything else."""
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise NotAFolder(f"{root}: is a file, not a folder for a Parquet store")
    if root.is_dir() and any(root.iterdir()) and not is_store(root):
        raise StoreError(f"{root}: folder is not empty and holds no claim store; choose an empty or new folder")
    for kind in KINDS:
        (root / "parts" / kind).mkdir(parents=True, exist_ok=True)
    if not is_store(root):
        write_meta(root, {"format": FORMAT_VERSION})
    meta = read_meta(root)
    if meta.get("format", 0) > FORMAT_VERSION:
        raise StoreError(f"{root}: made by a newer claims (format {meta['format']}); upgrade claims")
    return root


def read_meta(root: Path) -> dict:
    try:
        return json.loads((Path(root) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise StoreError(f"{root}: unreadable {MARKER} ({e})") from None


def write_meta(root: Path, meta: dict) -> None:
    tmp = Path(root) / f".{MARKER}.{uuid.uuid4().hex}"
    tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    os.replace(tmp, Path(root) / MARKER)


def new_run_id() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def write_part(root: str, kind: str, name: str, rows: list[dict]) -> str | None:
    """Write one part file (via a temporary name, so readers never see half a
    file); none for no rows."""
    if not rows:
        return None
    folder = Path(root) / "parts" / kind
    table = pa.Table.from_pylist(rows, schema=SCHEMAS[kind])
    tmp = folder / f".{name}.{uuid.uuid4().hex}.tmp"
    pq.write_table(table, tmp, compression="zstd")
    final = folder / f"{name}.parquet"
    os.replace(tmp, final)
    return str(final)


def part_files(root: str | os.PathLike, kind: str) -> list[Path]:
    return sorted((Path(root) / "parts" / kind).glob("*.parquet"))


@dataclass(frozen=True)
class Known:
    """An article the parts hold: its bytes' hash, id and what labelled it."""
    sha256: str
    article_id: int
    profile: str | None
    profile_sha256: str | None
    pipeline: str | None

    def current(self, sha256: str, labelling) -> bool:
        """Same bytes, same profile content, same pipeline: keep its claims
        (``base.article_status``, as ``Store.status``)."""
        stored = (self.sha256, self.profile, self.profile_sha256, self.pipeline)
        return article_status(stored, sha256, labelling) == "current"


def known_articles(root: str | os.PathLike) -> dict[str, Known]:
    """path -> what the parts hold for it; where a path is in several parts
    (an interrupted re-run), the newest id wins."""
    out: dict[str, Known] = {}
    cols = ["path", "sha256", "article_id", "profile", "profile_sha256", "pipeline"]
    for f in part_files(root, "articles"):
        t = pq.read_table(f, columns=cols)
        for path, *rest in zip(*(t.column(c).to_pylist() for c in cols)):
            k = Known(*rest)
            if path not in out or out[path].article_id < k.article_id:
                out[path] = k
    return out


def drop_articles(root: str | os.PathLike, stale: set[int]) -> int:
    """Cut the rows of replaced articles (by id) out of every part file;
    a part left empty is removed. Returns the rows cut."""
    import pyarrow.compute as pc

    if not stale:
        return 0
    cut = 0
    wanted = pa.array(sorted(stale), pa.int64())
    for kind in KINDS:
        for f in part_files(root, kind):
            t = pq.read_table(f)
            hit = pc.is_in(t.column("article_id"), value_set=wanted)
            n = pc.sum(hit).as_py() or 0
            if not n:
                continue
            cut += n
            keep = t.filter(pc.invert(hit))
            if keep.num_rows:
                tmp = f.with_name(f".{f.name}.{uuid.uuid4().hex}.tmp")
                pq.write_table(keep, tmp, compression="zstd")
                os.replace(tmp, f)
            else:
                f.unlink()
    return cut
