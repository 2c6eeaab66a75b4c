"""How scorer and threshold treat near-duplicates, negations, numbers and
the closest distinct sentences of a corpus: the figures behind the default
``--dup-threshold``.

    python bench/threshold.py [FOLDER_OF_TXT]
"""

from __future__ import annotations

import random
import sys
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import synth  # noqa: E402
from claimcli.dedup.linker import keys, normalise, signature  # noqa: E402

SCORERS = {"ratio": fuzz.ratio, "token_sort_ratio": fuzz.token_sort_ratio,
           "token_set_ratio": fuzz.token_set_ratio, "WRatio": fuzz.WRatio}
THRESHOLDS = (80, 85, 88, 90, 92, 95)


def pairs(folder: Path, seed: int = 3):
    rng = random.Random(seed)
    sents = list(dict.fromkeys(synth.sentences(folder)))
    near = [(s, synth.near_duplicate(s, rng)) for s in sents]
    neg = [(s, t) for s in sents if (t := synth.negated(s))]
    num = [(s, synth.renumbered(s, rng)) for s in sents]
    by_key: dict[str, list[int]] = {}
    norms = [normalise(s) for s in sents]
    for i, n in enumerate(norms):
        for k in keys(n):
            by_key.setdefault(k, []).append(i)
    close = {(i, j) for ids in by_key.values() if len(ids) < 50 for i, j in combinations(ids, 2)
             if norms[i] != norms[j]}
    distinct = [(sents[i], sents[j]) for i, j in sorted(close)]
    return {"near-duplicate": near, "negated": neg, "renumbered": num, "distinct, shared key": distinct}


def rate(ps, scorer, t, guard):
    hit = 0
    for a, b in ps:
        na, nb = normalise(a), normalise(b)
        if scorer(na, nb, processor=None) >= t and (not guard or signature(na) == signature(nb)):
            hit += 1
    return hit / max(len(ps), 1)


def main(folder: Path) -> None:
    groups = pairs(folder)
    print(f"# {folder}: " + ", ".join(f"{k} {len(v)}" for k, v in groups.items()))
    print("scorer            t   guard  " + "  ".join(f"{k:>21}" for k in groups))
    for name, scorer in SCORERS.items():
        for t in THRESHOLDS:
            for guard in (False, True):
                cells = "  ".join(f"{rate(ps, scorer, t, guard):21.3f}" for ps in groups.values())
                print(f"{name:16} {t:3}  {'yes' if guard else 'no':5}  {cells}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else synth.SAMPLES)
