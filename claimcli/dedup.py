"""Near-duplicate claims: within an article, across articles, against the store.

Blocking keeps this far from all-pairs: each claim gets a few keys (its
longest content words, a proxy for rare ones), and only claims that share a
key and have a similar length are scored, with ``rapidfuzz.process.cdist``
over the whole block at once. Wording that differs in a negation or a number
("will act" / "will not act", "25%" / "35%") never links, whatever the score.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process, utils

DEFAULT_THRESHOLD = 90.0
N_KEYS = 3
LENGTH_BAND = 0.2        # candidates within ±20% of the normalised length
NEGATIONS = frozenset("not no never nor none cannot nothing nobody neither without t".split())
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_NUM = re.compile(r"\d+")


def normalise(text: str) -> str:
    """Case, punctuation and quote style aside: the words only."""
    return " ".join(utils.default_process(text.translate(_QUOTES)).split())


def keys(norm: str) -> list[str]:
    words = sorted({w for w in norm.split() if len(w) >= 4}, key=lambda w: (-len(w), w))
    return words[:N_KEYS] or ([norm] if norm else [])


def signature(norm: str) -> tuple:
    """What must agree for two texts to say the same: negations and numbers."""
    words = norm.split()
    return (sum(w in NEGATIONS for w in words) % 2, tuple(sorted(_NUM.findall(norm))))


class Linker:
    """Links each new claim to the earliest near-identical claim seen before.

    ``store`` (optional) supplies claims already stored; claims linked in this
    run are remembered in memory, so a batch of articles links across itself.
    """

    def __init__(self, store=None, threshold: float = DEFAULT_THRESHOLD, workers: int = -1):
        self.store = store
        self.threshold = threshold
        self.workers = workers
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._ids: list[str] = []
        self._norms: list[str] = []
        self._roots: list[str] = []

    def _remember(self, cid: str, norm: str) -> int:
        idx = len(self._ids)
        self._ids.append(cid)
        self._norms.append(norm)
        self._roots.append(cid)
        for k in keys(norm):
            self._by_key[k].append(idx)
        return idx

    def _store_candidates(self, wanted: set, lo: float, hi: float, exclude_path: str | None):
        if self.store is None or not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        rows = self.store.db.execute(
            f"SELECT DISTINCT c.id, c.norm, COALESCE(c.duplicate_of, c.id) AS root, a.path "
            f"FROM claim_keys k JOIN claims c ON c.id = k.claim_id JOIN articles a ON a.id = c.article_id "
            f"WHERE k.key IN ({marks}) AND length(c.norm) BETWEEN ? AND ?",
            (*wanted, int(lo), int(hi) + 1)).fetchall()
        return [(r["id"], r["norm"], r["root"]) for r in rows if r["path"] != exclude_path]

    def link(self, claims, exclude_path: str | None = None, chunk: int = 256) -> dict[str, list[str]]:
        """Set ``duplicate_of`` and ``cluster`` on one article's claims (in
        article order) and return each claim's blocking keys, for the store."""
        out = {}
        for c in claims:
            c.norm = normalise(c.text)
        for at in range(0, len(claims), chunk):
            part = claims[at:at + chunk]
            mine = [self._remember(c.id, c.norm) for c in part]   # positions in memory
            norms = [c.norm for c in part]
            lens = [len(n) for n in norms if n] or [0]
            lo, hi = min(lens) * (1 - LENGTH_BAND), max(lens) * (1 + LENGTH_BAND)
            wanted = {k for n in norms for k in keys(n)}
            cands: dict[str, tuple[str, str, int]] = {}   # id -> (norm, root, memory position or -1)
            for cid, norm, root in self._store_candidates(wanted, lo, hi, exclude_path):
                cands[cid] = (norm, root, -1)
            for k in wanted:
                for idx in self._by_key.get(k, ()):
                    if lo <= len(self._norms[idx]) <= hi and self._ids[idx] not in cands:
                        cands[self._ids[idx]] = (self._norms[idx], None, idx)
            ids = list(cands)
            if ids:
                scores = process.cdist(norms, [cands[i][0] for i in ids], scorer=fuzz.ratio, processor=None,
                                       score_cutoff=self.threshold, workers=self.workers)
            for qi, c in enumerate(part):
                best = None
                if ids and c.norm:
                    sig = signature(c.norm)
                    for ci in scores[qi].nonzero()[0]:
                        norm, root, pos = cands[ids[ci]]
                        if pos >= mine[qi] or signature(norm) != sig:
                            continue   # only earlier claims; same negations and numbers
                        sc = float(scores[qi, ci])
                        if best is None or sc > best[0]:
                            best = (sc, root if root is not None else self._roots[pos])
                if best is not None:
                    c.duplicate_of = c.cluster = best[1]
                    self._roots[mine[qi]] = best[1]
                else:
                    c.duplicate_of, c.cluster = None, c.id
                out[c.id] = keys(c.norm)
        return out
