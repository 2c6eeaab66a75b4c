"""Near-duplicate links over a whole corpus at once, as batch jobs.

The local linker links each claim, in article order, to the root of its best
earlier match. Over a whole corpus the same answer comes from three steps:

1. identical normalised texts are grouped first: an identical earlier claim
   always scores 100, so every copy joins the cluster of the text's first
   occurrence, and only *distinct* texts go further;
2. distinct texts are blocked on the dedup keys; inside each block only
   texts whose lengths allow the threshold are scored (a big block, often
   repeated boilerplate, is walked in order of length, never capped: capping
   lost most duplicates), with the same ``fuzz.ratio``, threshold and
   negation/number guard as ``dedup.Linker``;
3. each text takes its best-scoring earlier text (ties: the earliest), and
   roots follow in order of first occurrence.

``stores.linking`` runs it over a Parquet store (``claims link DIR``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .linker import DEFAULT_THRESHOLD, length_band, near_duplicates


@dataclass
class LinkStats:
    claims: int = 0
    distinct: int = 0
    blocks: int = 0
    pairs: int = 0              # candidate pairs scored
    links: int = 0              # claims that joined an earlier cluster
    seconds: float = 0.0


def candidate_pairs(keys_of: list[list[str]], lengths: list[int], threshold: float) -> np.ndarray:
    """(later, earlier) pairs of distinct texts (indices in order of first
    occurrence) that share a blocking key and whose lengths allow the
    threshold; each pair once.

    Every (key, text) entry is sorted by key, then length: a text's
    candidates in a block are the entries between the two ends of its length
    band, found by binary search, however big the block (a block is walked by
    length, never capped)."""
    key_ids: dict[str, int] = {}
    kid, dd = [], []
    for d, ks in enumerate(keys_of):
        for k in ks:
            kid.append(key_ids.setdefault(k, len(key_ids)))
            dd.append(d)
    if not kid:
        return np.zeros((0, 2), dtype=np.int64)
    kid, dd = np.asarray(kid, dtype=np.int64), np.asarray(dd, dtype=np.int64)
    ln = np.asarray(lengths, dtype=np.int64)[dd]
    order = np.lexsort((ln, kid))
    kid, dd, ln = kid[order], dd[order], ln[order]
    span = int(ln.max()) + 2                       # (key, length) as one sortable number
    composite = kid * span + ln
    lo, hi = length_band(ln.astype(np.float64), threshold)
    first = np.searchsorted(composite, kid * span + np.ceil(lo).astype(np.int64), side="left")
    last = np.searchsorted(composite, kid * span + np.minimum(np.floor(hi), span - 1).astype(np.int64), side="right")
    sizes = last - first
    q = np.repeat(np.arange(len(dd)), sizes)
    c = np.arange(int(sizes.sum())) + np.repeat(first - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes)
    later, earlier = dd[q], dd[c]
    keep = earlier < later
    packed = np.unique(later[keep] * (1 << 32) + earlier[keep])
    return np.stack([packed >> 32, packed & 0xFFFFFFFF], axis=1)


def score_pairs(norms: list[str], sigs: list[tuple], pairs: np.ndarray, threshold: float,
                workers: int = -1) -> list[tuple[int, int, float]]:
    """The (later, earlier, score) pairs that reach ``threshold`` with the
    same negation/number signature: the local linker's test, pair by pair."""
    if not len(pairs):
        return []
    found = near_duplicates([norms[q] for q in pairs[:, 0]], [norms[c] for c in pairs[:, 1]], threshold, workers,
                            lambda p: sigs[pairs[p, 0]] == sigs[pairs[p, 1]])
    return [(int(pairs[p, 0]), int(pairs[p, 1]), score) for p, score in found]


def _scored(d_norms, d_sigs, pairs, threshold, chunk, workers, client):
    """Scored links, in chunks of pairs: here, or as tasks on a Dask cluster
    (the distinct texts sent to each worker once)."""
    chunks = [pairs[at:at + chunk] for at in range(0, len(pairs), chunk)]
    if client is None or len(chunks) < 2:
        return [hit for part in chunks for hit in score_pairs(d_norms, d_sigs, part, threshold, workers)]
    [texts] = client.scatter([d_norms], broadcast=True)
    [signatures] = client.scatter([d_sigs], broadcast=True)
    futures = [client.submit(score_pairs, texts, signatures, part, threshold, 1, pure=False) for part in chunks]
    return [hit for fut in futures for hit in fut.result()]


def link(norms: list[str], keys_of: list[list[str]], sigs: list[tuple], threshold: float = DEFAULT_THRESHOLD,
         chunk: int = 200_000, workers: int = -1, client=None) -> tuple[list[int], LinkStats]:
    """For claims in article order: the index of each claim's cluster root.
    With a Dask ``client``, the candidate pairs are scored on its workers."""
    t = time.perf_counter()
    n = len(norms)
    first: dict[str, int] = {}
    distinct: list[int] = []              # claim index of each distinct text's first occurrence
    for i, norm in enumerate(norms):
        if norm and norm not in first:
            first[norm] = len(distinct)
            distinct.append(i)
    d_norms = [norms[i] for i in distinct]
    pairs = candidate_pairs([keys_of[i] for i in distinct], [len(s) for s in d_norms], threshold)
    best = np.full(len(distinct), -1, dtype=np.int64)
    best_score = np.full(len(distinct), -1.0)
    for q, c, s in _scored(d_norms, [sigs[i] for i in distinct], pairs, threshold, chunk, workers, client):
        if s > best_score[q] or (s == best_score[q] and c < best[q]):
            best[q], best_score[q] = c, s
    d_root = np.arange(len(distinct))
    for d in range(len(distinct)):
        if best[d] >= 0:
            d_root[d] = d_root[best[d]]
    roots = [i if not norms[i] else distinct[d_root[first[norms[i]]]] for i in range(n)]
    stats = LinkStats(claims=n, distinct=len(distinct), pairs=len(pairs),
                      links=sum(r != i for i, r in enumerate(roots)), seconds=time.perf_counter() - t)
    stats.blocks = len({k for i in distinct for k in keys_of[i]})
    return roots, stats
