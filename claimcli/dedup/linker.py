"""Near-duplicate claims: within an article, across articles, against the store.

Blocking keeps this far from all-pairs. Each claim gets a few keys: the
pairs of its four longest words. A single long word ("government") is shared
by thousands of news sentences; a pair of them rarely is, yet a repeat with
one or two words changed still shares at least one pair. Only claims that
share a key and whose lengths allow the threshold are scored, all candidate
pairs of a batch in one multi-threaded ``rapidfuzz.process.cpdist`` call.
Wording that differs in a negation or a number ("will act" / "will not act",
"25%" / "35%") never links, whatever the score: ``fuzz.ratio`` cannot tell
them apart (one inserted "not" in a 100-character sentence still scores 98).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz, process, utils

DEFAULT_THRESHOLD = 90.0
N_KEY_WORDS = 4
NEGATIONS = frozenset("not no never nor none cannot nothing nobody neither without t".split())
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_NUM = re.compile(r"\d+")


def normalise(text: str) -> str:
    """Case, punctuation and quote style aside: the words only."""
    return " ".join(utils.default_process(text.translate(_QUOTES)).split())


def keys(norm: str) -> list[str]:
    """Blocking keys: the pairs of the longest words (ties alphabetical)."""
    words = sorted({w for w in norm.split() if len(w) >= 3}, key=lambda w: (-len(w), w))[:N_KEY_WORDS]
    if len(words) < 2:
        return words or ([norm] if norm else [])
    return [f"{a} {b}" for a, b in combinations(sorted(words), 2)]


def signature(norm: str) -> tuple:
    """What must agree for two texts to say the same: negations and numbers."""
    words = norm.split()
    return (sum(w in NEGATIONS for w in words) % 2, tuple(sorted(_NUM.findall(norm))))


def near_duplicates(queries: list[str], candidates: list[str], threshold: float, workers: int,
                    same_signature) -> list[tuple[int, float]]:
    """The pairs (``queries[p]``, ``candidates[p]``) that are near-duplicates,
    as (p, score): ``fuzz.ratio`` at least ``threshold`` and the same
    negation/number signature (``same_signature(p)``). The one test of a
    link, for the linker claim by claim and for ``dedup.batch`` over a corpus."""
    if not queries:
        return []
    scores = process.cpdist(queries, candidates, scorer=fuzz.ratio, processor=None, score_cutoff=threshold,
                            workers=workers)
    return [(int(p), float(scores[p])) for p in np.flatnonzero(scores >= max(threshold, 1e-9)) if same_signature(p)]


def length_band(n: int, threshold: float) -> tuple[float, float]:
    """Lengths another text may have and still reach ``threshold``:
    ratio = 2M / (a + b) <= 2 min(a, b) / (a + b)."""
    t = max(threshold, 1.0) / 100
    return n * t / (2 - t), n * (2 - t) / t


@dataclass(frozen=True)
class Links:
    """What linking found for one article's claims, by claim id; the claims
    themselves are left as they were. ``duplicate_of``: the root of the
    earlier cluster a claim joins (a claim that joins none is not in it, and
    roots its own cluster); ``norms``: each claim's normalised text;
    ``keys``: its blocking keys. The store writes all three."""
    duplicate_of: dict[str, str] = field(default_factory=dict)
    norms: dict[str, str] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)

    def cluster(self, claim_id: str) -> str:
        """The root of the claim's cluster: its own id unless it joined one."""
        return self.duplicate_of.get(claim_id, claim_id)


class Linker:
    """Links each new claim to the earliest near-identical claim seen before.

    With a ``store``, earlier claims come from the store (through its
    ``claim_keys`` index) and memory holds only the article being linked, so
    memory stays flat however many articles a run reads; the caller writes
    each article before linking the next. Without a store, every claim linked
    so far stays in memory.
    """

    def __init__(self, store=None, threshold: float = DEFAULT_THRESHOLD, workers: int = -1):
        self.store = store
        self.threshold = threshold
        self.workers = workers
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._ids: list[str] = []
        self._norms: list[str] = []
        self._roots: list[str] = []

    def _forget(self) -> None:
        self._by_key.clear()
        self._ids, self._norms, self._roots = [], [], []

    def _remember(self, cid: str, norm: str, its_keys: list[str]) -> int:
        idx = len(self._ids)
        self._ids.append(cid)
        self._norms.append(norm)
        self._roots.append(cid)
        for k in its_keys:
            self._by_key[k].append(idx)
        return idx

    def _store_candidates(self, wanted: set, exclude_path: str | None) -> dict[str, list[tuple]]:
        """key -> [(id, norm, root)] of stored claims, other articles only."""
        out: dict[str, list[tuple]] = defaultdict(list)
        if self.store is None or not wanted:
            return out
        for key, cid, norm, root in self.store.near_candidates(sorted(wanted), exclude_path):
            out[key].append((cid, norm, root))
        return out

    def link(self, claims, exclude_path: str | None = None, chunk: int = 2048) -> Links:
        """Link one article's claims (in article order) to the earlier ones:
        within the article, the articles linked before and the store."""
        if self.store is not None:
            self._forget()
        links = Links()
        norms = [normalise(c.text) for c in claims]
        for at in range(0, len(claims), chunk):
            part, part_norms = claims[at:at + chunk], norms[at:at + chunk]
            part_keys = [keys(n) for n in part_norms]
            stored = self._store_candidates({k for ks in part_keys for k in ks}, exclude_path)
            mine = [self._remember(c.id, n, ks) for c, n, ks in zip(part, part_norms, part_keys)]
            q_idx, c_norms, c_roots = [], [], []     # one entry per candidate pair
            for qi, (norm, ks) in enumerate(zip(part_norms, part_keys)):
                if not norm:
                    continue
                lo, hi = length_band(len(norm), self.threshold)
                seen = set()
                for k in ks:
                    for cid, other, root in stored.get(k, ()):
                        if cid not in seen and lo <= len(other) <= hi:
                            seen.add(cid)
                            q_idx.append(qi), c_norms.append(other), c_roots.append(root)
                    for pos in self._by_key.get(k, ()):
                        cid = self._ids[pos]
                        if pos < mine[qi] and cid not in seen and lo <= len(self._norms[pos]) <= hi:
                            seen.add(cid)
                            q_idx.append(qi), c_norms.append(self._norms[pos]), c_roots.append(pos)
            best: dict[int, tuple[int, float]] = {}
            sigs: dict[str, tuple] = {}
            sig = lambda norm: sigs[norm] if norm in sigs else sigs.setdefault(norm, signature(norm))
            queries = [part_norms[i] for i in q_idx]
            for p, score in near_duplicates(queries, c_norms, self.threshold, self.workers,
                                            lambda p: sig(c_norms[p]) == sig(queries[p])):
                qi = q_idx[p]
                if qi not in best or score > best[qi][1]:
                    best[qi] = (p, score)
            for qi, c in enumerate(part):
                if qi in best:
                    root = c_roots[best[qi][0]]
                    root = self._roots[root] if isinstance(root, int) else root
                    links.duplicate_of[c.id] = root
                    self._roots[mine[qi]] = root
                else:
                    links.duplicate_of.pop(c.id, None)
                links.norms[c.id] = part_norms[qi]
                links.keys[c.id] = part_keys[qi]
        return links
