"""Fitting the trained labeller (``judging/labeller.py``) on annotated articles.

Training examples are the claims the extractor itself finds, so the model
learns on what it will see: each extracted claim takes the labels of the
gold claim it matches (the scorer's rule: spans overlapping by half of the
shorter), and an extracted claim no gold claim matches is an example of
"nothing to say" (the default stance, no reason), which is what keeps
reasons off background sentences. Articles are the unit of
cross-validation: a fold never scores an article it was trained on.

Fitting is numpy (regularised least squares, calibrated on out-of-fold
scores); what ships is plain arrays (``Labeller.save``), read with numpy
alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import InputError
from .evaluate import gold_files, overlap, read_jsonl
from ..judging.labeller import MODEL_FORMAT, Labeller, View, design
from ..text import toml as tomllib

SEED = 13
# L2 penalties of the two layers (features standardised), chosen by
# cross-validation by article among 100 .. 200,000
STANCE_RIDGE = 60_000.0
REASON_RIDGE = 5_000.0
MIN_COUNT = 3            # a named feature seen fewer times in training is dropped
UNMATCHED_WEIGHT = 0.3   # an extracted claim no gold claim matches, in the stance layer
# the profile's example sentences are its author's instructions: each
# weighs as much as fifteen claims of an article
EXAMPLE_WEIGHT = 15.0
THRESHOLD_RANGE = (0.05, 0.95)
INNER_FOLDS = 6        # folds by article for thresholds and cross-validation


@dataclass
class Source:
    """Annotated articles: the texts (files or folders) and the gold that
    labels them."""
    name: str
    texts: list[Path]
    gold: Path
    weight: float = 1.0
    scored: bool = False          # cross-validated and reported by article


@dataclass
class Example:
    article: str                  # "source/article name": the unit of folds
    view: View
    stance: str
    reasons: list[str]
    matched: bool
    weight: float
    record: dict = field(default_factory=dict)   # the claim as extracted (for scoring folds)


def read_sources(path: str | Path) -> list[Source]:
    """A sources file (TOML, ``[[source]]`` tables with ``text``, ``gold``,
    optional ``name``, ``weight``, ``scored``); paths are relative to the
    file's folder, and a ``glob`` key stands for every folder matching it
    that has ``text/`` and ``gold/``. Sources whose folders are missing are
    left out (the shared corpus is not part of a clone)."""
    path = Path(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for row in data.get("source", []):
        base = path.parent
        if "glob" in row:
            dirs = sorted(d for d in base.glob(row["glob"]) if (d / "text").is_dir() and (d / "gold").is_dir())
            out += [Source(d.name, [d / "text"], d / "gold", row.get("weight", 1.0), row.get("scored", False))
                    for d in dirs]
            continue
        text, gold = base / row["text"], base / row["gold"]
        if text.is_dir() and gold.exists():
            out.append(Source(row.get("name", text.parent.name), [text], gold, row.get("weight", 1.0),
                              row.get("scored", False)))
    return out


def _align(records: list[dict], golds: list[dict]) -> list[dict | None]:
    """Each extracted claim's gold claim: the one it overlaps most, by at
    least half of the shorter span."""
    out = []
    for r in records:
        scored = [(overlap(r, g), k) for k, g in enumerate(golds)]
        scored = [x for x in scored if x[0] >= 0.5]
        out.append(golds[max(scored)[1]] if scored else None)
    return out


def gold_articles(source: Source) -> list[tuple[object, list[dict]]]:
    """The source's articles that its gold names, each with its gold claims;
    a gold article missing from the texts is an error naming both."""
    from ..text.reading import collect_paths, read_article

    golds = read_jsonl(gold_files(source.gold))
    by_article: dict[str, list[dict]] = {}
    for g in golds:
        by_article.setdefault(g["article"], []).append(g)
    paths = {Path(p).name: p for p in collect_paths([str(t) for t in source.texts])}
    missing = sorted(set(by_article) - set(paths))
    if missing:
        raise InputError(f"{source.gold}: annotates {missing[0]}, which is not among "
                         f"{', '.join(str(t) for t in source.texts)}")
    out = []
    for name in sorted(by_article):
        article = read_article(paths[name])
        text = article.text
        bad = next((g for g in by_article[name] if text[g["start"]:g["end"]] != g.get("text", text[g["start"]:g["end"]])), None)
        if bad is not None:
            raise InputError(f"{source.gold}: {name} at {bad['start']}-{bad['end']}: the gold text is not the article's "
                             f"text there")
        out.append((article, by_article[name]))
    return out


def examples_of(name: str, articles, nlp, classifier, default: str, weight: float = 1.0) -> list[Example]:
    """Extract each (article, gold claims) pair and label its claims."""
    from ..nlp.pipeline import MAX_CHUNK
    from .batch import prepare
    from .claims import analyse_article

    jobs = []
    for article, golds in articles:
        paragraphs, parts = prepare(article, MAX_CHUNK)
        jobs.append((article, golds, paragraphs, parts))
    texts = ((a.text[cs:ce], (k, pi, cs)) for k, (a, _, _, parts) in enumerate(jobs) for pi, cs, ce in parts)
    parsed: dict[int, list] = {k: [] for k in range(len(jobs))}
    for doc, (k, pi, cs) in nlp.pipe(texts, as_tuples=True, batch_size=64):
        parsed[k].append((pi, cs, doc))
    out: list[Example] = []
    for k, (article, golds, paragraphs, _) in enumerate(jobs):
        views: list[View] = []
        claims = analyse_article(article, parsed[k], paragraphs, classifier, views)
        records = [c.record() for c in claims]
        for rec, view, g in zip(records, views, _align(records, golds)):
            out.append(Example(f"{name}/{article.name}", view,
                               (g.get("stance") or default) if g else default,
                               list(g.get("reasons") or []) if g else [], g is not None, weight, rec))
    return out


def profile_articles(profile) -> list[tuple[object, list[dict]]]:
    """The profile's example sentences as one-claim articles: what the
    profile says each must get is gold too."""
    from ..models import Article

    out = []
    for n, ex in enumerate(profile.examples, 1):
        name = f"example-{n:03d}.txt"
        article = Article(name=name, path=name, text=ex.text)
        gold = {"article": name, "start": 0, "end": len(ex.text), "text": ex.text,
                "stance": ex.stance or profile.default_stance, "reasons": list(ex.reasons)}
        out.append((article, [gold]))
    return out


def feature_names(examples: list[Example]) -> list[str]:
    counts: dict[str, int] = {}
    for ex in examples:
        for k in ex.view.features:
            counts[k] = counts.get(k, 0) + 1
    return sorted(k for k, n in counts.items() if n >= MIN_COUNT)


def _ridge(x: np.ndarray, targets: np.ndarray, weights: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """Weighted least squares with an L2 penalty (the intercept unpenalised):
    one solve fits every column of ``targets`` at once."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    a = x1 * weights[:, None]
    gram = x1.T @ a
    gram[np.diag_indices(len(gram) - 1)] += lam
    w = np.linalg.solve(gram, a.T @ targets)
    return w[:-1].T, w[-1]


def _fit_layers(x: np.ndarray, examples: list[Example], stances: list[str], reasons: list[str]):
    """Linear scores for the stances (one-hot targets, classes balanced:
    macro-F1 weighs the rare stances as much as the common one) and for the
    reasons. Regularised least squares, measured against logistic
    regression: as good on held-out articles and fast enough to
    cross-validate on every run."""
    y = np.array([stances.index(e.stance) for e in examples])
    counts = np.bincount(y, minlength=len(stances)).astype(float)
    balance = np.where(counts > 0, len(y) / (len(stances) * np.maximum(counts, 1)), 0.0)
    w = np.array([e.weight * (1.0 if e.matched else UNMATCHED_WEIGHT) for e in examples]) * balance[y]
    sw, sb = _ridge(x, np.eye(len(stances))[y], w, STANCE_RIDGE)
    yr = np.array([[r in e.reasons for r in reasons] for e in examples], dtype=float)
    rw, rb = _ridge(x, yr, np.array([e.weight for e in examples]), REASON_RIDGE)
    return sw, sb, rw, rb


def _calibration(ss: np.ndarray, rs: np.ndarray, examples: list[Example], stances: list[str],
                 reasons: list[str]) -> tuple[float, np.ndarray, np.ndarray]:
    """Scores into probabilities, fitted on out-of-fold scores: a
    temperature for the stance softmax, and per reason a logistic curve
    (Platt scaling), so a confidence of 0.8 is right about 8 times in 10."""
    y = np.array([stances.index(e.stance) for e in examples])
    m = np.array([e.matched for e in examples])

    def nll(t: float) -> float:
        z = ss[m] * t
        z = z - z.max(axis=1, keepdims=True)
        return float(-(z[np.arange(m.sum()), y[m]] - np.log(np.exp(z).sum(axis=1))).mean())

    temperature = min(np.geomspace(0.5, 50, 60), key=nll)
    slope, offset = np.ones(len(reasons)), np.zeros(len(reasons))
    for j, r in enumerate(reasons):
        yr = np.array([r in e.reasons for e in examples])
        if yr.sum() < 2:
            slope[j], offset[j] = 0.0, -30.0
            continue
        a, b = 1.0, 0.0
        for _ in range(50):      # Newton steps on the log loss of sigmoid(a * score + b)
            p = 1 / (1 + np.exp(-(a * rs[:, j] + b)))
            g = np.array([((p - yr) * rs[:, j]).sum(), (p - yr).sum()])
            h = p * (1 - p)
            hess = np.array([[(h * rs[:, j] ** 2).sum(), (h * rs[:, j]).sum()], [(h * rs[:, j]).sum(), h.sum()]])
            step = np.linalg.solve(hess + 1e-6 * np.eye(2), g)
            a, b = a - step[0], b - step[1]
            if np.abs(step).max() < 1e-6:
                break
        slope[j], offset[j] = a, b
    return float(temperature), slope, offset


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    return mean, np.where(scale > 1e-6, scale, 1.0)


def _best_thresholds(q: np.ndarray, examples: list[Example], reasons: list[str]) -> np.ndarray:
    """Per reason, the probability cut with the best F1 on out-of-fold
    predictions (a reason seen too rarely gets the pooled cut)."""
    grid = np.linspace(*THRESHOLD_RANGE, 37)
    y = np.array([[r in e.reasons for r in reasons] for e in examples])
    pooled = max(grid, key=lambda t: _f1(q >= t, y))
    out = np.full(len(reasons), pooled)
    for j in range(len(reasons)):
        if y[:, j].sum() >= 8:
            out[j] = max(grid, key=lambda t: _f1(q[:, j:j + 1] >= t, y[:, j:j + 1]))
    return out


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float((pred & gold).sum())
    fp = float((pred & ~gold).sum())
    fn = float((~pred & gold).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _matrix(examples: list[Example]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Feature names, the raw matrix, and its standardisation."""
    names = feature_names(examples)
    raw = design([e.view for e in examples], {n: i for i, n in enumerate(names)})
    mean, scale = _standardise(raw)
    return names, raw, mean, scale


def _fold_of(examples: list[Example], k: int, seed: int) -> np.ndarray:
    """Each example's fold: ``k`` folds of whole articles, dealt in a seeded order."""
    arts = sorted({e.article for e in examples})
    rng = np.random.default_rng(seed)
    rng.shuffle(arts)
    fold = {a: n % k for n, a in enumerate(arts)}
    return np.array([fold[e.article] for e in examples])


def out_of_fold(x: np.ndarray, examples: list[Example], stances: list[str], reasons: list[str], *,
                folds: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stance and reason scores of each example from a model fitted without
    its article's fold, and the folds."""
    fold = _fold_of(examples, folds, seed)
    ss = np.zeros((len(examples), len(stances)))
    rs = np.zeros((len(examples), len(reasons)))
    for f in range(folds):
        test, rest = np.flatnonzero(fold == f), np.flatnonzero(fold != f)
        if not len(test) or not len(rest):
            continue
        sw, sb, rw, rb = _fit_layers(x[rest], [examples[i] for i in rest], stances, reasons)
        ss[test] = x[test] @ sw.T + sb
        rs[test] = x[test] @ rw.T + rb
    return ss, rs, fold


def _probabilities(ss, rs, calibration):
    t, slope, offset = calibration
    z = ss * t
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True), 1 / (1 + np.exp(-(rs * slope + offset)))


def fit(examples: list[Example], profile, *, seed: int = SEED, about: dict | None = None,
        folds: int = INNER_FOLDS, oof=None) -> Labeller:
    """Fit both layers on all examples. The probabilities are calibrated,
    and each reason's threshold is the cut with the best F1, on out-of-fold
    scores (folds by article): on predictions for articles the model had
    not seen."""
    stances = list(profile.stance_ids)
    reasons = [r.id for r in profile.reasons]
    names, raw, mean, scale = _matrix(examples)
    x = (raw - mean) / scale
    if oof is None:
        oof = out_of_fold(x, examples, stances, reasons, folds=folds, seed=seed)
    ss, rs, _ = oof
    t, slope, offset = calibration = _calibration(ss, rs, examples, stances, reasons)
    thresholds = _best_thresholds(_probabilities(ss, rs, calibration)[1], examples, reasons)
    sw, sb, rw, rb = _fit_layers(x, examples, stances, reasons)
    # the calibration folded into the weights: the model file stays two linear layers
    sw, sb = sw * t, sb * t
    rw, rb = rw * slope[:, None], rb * slope + offset
    digest = hashlib.sha256(raw.tobytes() + json.dumps([[e.stance, e.reasons] for e in examples]).encode()).hexdigest()[:16]
    header = {"format": MODEL_FORMAT, "profile": profile.id, "stances": stances, "reasons": reasons,
              "default": profile.default_stance, "features": names, "seed": seed, "digest": digest,
              "examples": len(examples), "articles": len({e.article for e in examples}), **(about or {})}
    arrays = {"mean": mean, "scale": scale, "stance_w": sw, "stance_b": sb, "reason_w": rw, "reason_b": rb,
              "reason_threshold": thresholds}
    return Labeller({k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()}, header)


def cross_validate(examples: list[Example], profile, *, folds: int = 6, seed: int = SEED):
    """Out-of-fold records of the scored sources' claims, and the
    out-of-fold scores (which ``fit`` can reuse).

    Every example's scores come from a model fitted without its article's
    fold; a fold's calibration and reason thresholds are fitted on the
    other folds' examples only. Feature names and standardisation are read
    from all examples (no labels); the rest never sees the fold it scores."""
    stances = list(profile.stance_ids)
    reasons = [r.id for r in profile.reasons]
    names, raw, mean, scale = _matrix(examples)
    x = (raw - mean) / scale
    ss, rs, fold = out_of_fold(x, examples, stances, reasons, folds=folds, seed=seed)
    out = []
    for f in range(folds):
        others = np.flatnonzero(fold != f)
        held = [i for i in np.flatnonzero(fold == f) if examples[i].record.get("_scored")]
        if not held or not len(others):
            continue
        rest = [examples[i] for i in others]
        calibration = _calibration(ss[others], rs[others], rest, stances, reasons)
        cut = _best_thresholds(_probabilities(ss[others], rs[others], calibration)[1], rest, reasons)
        ps, qs = _probabilities(ss[held], rs[held], calibration)
        for i, p, q in zip(held, ps, qs):
            rec = {k: v for k, v in examples[i].record.items() if not k.startswith("_")}
            rec["stance"] = stances[int(p.argmax())]
            rec["reasons"] = [r for j, r in enumerate(reasons) if q[j] >= cut[j]]
            rec["stance_confidence"] = round(float(p.max()), 3)
            rec["fold"] = f
            out.append(rec)
    return out, (ss, rs, fold)


def collect(sources: list[Source], nlp, profile, *, with_examples: bool = True) -> list[Example]:
    """Examples of every source (and of the profile's example sentences),
    read with the rules alone."""
    from .extract import RULES, make_classifier

    classifier = make_classifier(profile, RULES)
    out = []
    for src in sources:
        exs = examples_of(src.name, gold_articles(src), nlp, classifier, profile.default_stance, src.weight)
        for e in exs:
            e.record["_scored"] = src.scored
        out += exs
    if with_examples and profile.examples:
        out += examples_of("profile", profile_articles(profile), nlp, classifier, profile.default_stance,
                           EXAMPLE_WEIGHT)
    return out


def train(sources: list[Source], *, profile=None, nlp=None, seed: int = SEED, with_examples: bool = True,
          examples: list[Example] | None = None, oof=None, folds: int = INNER_FOLDS) -> Labeller:
    """What ``claims train`` does: examples from every source, one fit."""
    from ..judging.profiles import Profile, load
    from ..nlp.pipeline import load_nlp

    profile = profile if isinstance(profile, Profile) else load(profile)
    if examples is None:
        if not sources:
            raise InputError("no annotated articles to train on")
        examples = collect(sources, nlp or load_nlp(), profile, with_examples=with_examples)
    if not any(e.matched for e in examples):
        raise InputError("none of the extracted claims matches a gold claim: nothing to learn from")
    about = {"sources": [s.name for s in sources]}
    return fit(examples, profile, seed=seed, about=about, oof=oof, folds=folds)
