"""Leave-one-article-out figures for the few numbers tuned on annotated
articles: for each article, the setting is chosen on the others and the
article is scored with it, so no figure rests on a choice made by looking
at the article scored.

    python bench/loao.py --gold ../shared/eval/gold --articles ../shared/corpus/seeds

Tuned: ``classify.NEAR_ARCS`` (how close a `near` actor must be to the
target) by reasons F1, and ``stance.THRESHOLD`` (the net weight a stance
needs) by stance macro-F1. Prints per-article choices and the pooled scores.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcli.judging import reasons as classify, stance  # noqa: E402
from claimcli.pipeline.evaluate import evaluate, gold_files, read_jsonl  # noqa: E402
from claimcli.pipeline.extract import extract_articles  # noqa: E402
from claimcli.nlp.pipeline import load_nlp  # noqa: E402
from claimcli.judging.profiles import load  # noqa: E402

GRID = {"near_arcs": [2, 3, 4, 5, 6], "threshold": [0.4, 0.5, 0.75, 1.0]}


def records(paths, nlp, profile, near_arcs, threshold):
    classify.NEAR_ARCS, stance.THRESHOLD = near_arcs, threshold
    out = []
    for res in extract_articles(paths, nlp=nlp, profile=profile):
        out.extend(c.record() for c in res.claims)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--articles", required=True)
    ap.add_argument("--profile", default=None)
    a = ap.parse_args()
    gold = read_jsonl(gold_files(a.gold))
    names = sorted({g["article"] for g in gold})
    paths = [str(Path(a.articles) / n) for n in names]
    nlp, profile = load_nlp(), load(a.profile)
    settings = list(itertools.product(GRID["near_arcs"], GRID["threshold"]))
    runs = {s: records(paths, nlp, profile, *s) for s in settings}

    def score(s, arts):
        return evaluate([r for r in runs[s] if r["article"] in arts], [g for g in gold if g["article"] in arts])

    pooled_pred, chosen = [], []
    for held in names:
        rest = set(names) - {held}
        best_arcs = max(GRID["near_arcs"], key=lambda n: score((n, 0.5), rest).reasons["f1"])
        best_thr = max(GRID["threshold"], key=lambda t: score((best_arcs, t), rest).stance_macro_f1)
        chosen.append((held, best_arcs, best_thr))
        pooled_pred += [r for r in runs[(best_arcs, best_thr)] if r["article"] == held]
    for held, n, t in chosen:
        one = evaluate([r for r in pooled_pred if r["article"] == held], [g for g in gold if g["article"] == held])
        print(f"{held}: near_arcs={n} threshold={t}  reasons F1 {one.reasons['f1']}  stance macro-F1 "
              f"{one.stance_macro_f1}")
    s = evaluate(pooled_pred, gold)
    print(f"leave-one-article-out, pooled: reasons P/R/F1 {s.reasons['precision']}/{s.reasons['recall']}/"
          f"{s.reasons['f1']}  stance macro-F1 {s.stance_macro_f1}  stance confusion {s.stance_confusion}")


if __name__ == "__main__":
    main()
