"""Scoring claims against a user's own annotated gold, so a profile author
sees what a change does (the loop ``spacy evaluate`` gives a model author).

Gold is JSON Lines in the annotation guide's format, one file per article
(or many articles in one file): ``article``, ``start``, ``end``, ``text``,
``speaker`` (with optional ``speaker_keys``), ``attribution``, ``stance``,
``reasons``. A predicted claim matches a gold claim of the same article when
their spans overlap by at least half of the shorter one; a speaker matches
when one of the gold speaker's keys (by default its last word) is in the
predicted name, case and accents aside. Background claims (flagged by the
extractor) are left out unless ``with_background``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..text.names import fold


@dataclass
class Scores:
    """What ``evaluate`` returns: counts, rates, and the claims behind them."""
    articles: int = 0
    gold_claims: int = 0
    predicted_claims: int = 0
    coverage: float = 0.0
    claim_precision: float = 0.0
    speaker: dict = field(default_factory=dict)        # precision, recall, f1
    attribution_accuracy: float = 0.0
    stance_accuracy: float = 0.0
    stance_macro_f1: float = 0.0
    stance_f1: dict = field(default_factory=dict)      # label -> f1
    stance_confusion: dict = field(default_factory=dict)   # gold label -> {predicted label: n}
    reasons: dict = field(default_factory=dict)        # precision, recall, f1 over all reasons
    per_reason: dict = field(default_factory=dict)     # reason id -> {tp, fp, fn, precision, recall, f1}
    missed: list = field(default_factory=list)         # gold claims no prediction covers
    false: list = field(default_factory=list)          # predictions that match no gold claim
    wrong: list = field(default_factory=list)          # matched claims with a wrong speaker, stance or reason

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def overlap(a: dict, b: dict) -> float:
    """Overlap of two spans as a share of the shorter one."""
    o = min(a["end"], b["end"]) - max(a["start"], b["start"])
    shorter = min(a["end"] - a["start"], b["end"] - b["start"])
    return o / shorter if o > 0 and shorter > 0 else 0.0


def speaker_keys(gold: dict) -> list[str]:
    """The words a predicted speaker must contain; [] when the gold source
    cannot be scored (an unresolved "he")."""
    if not gold.get("speaker"):
        return []
    if "speaker_keys" in gold:
        return [fold(k) for k in gold["speaker_keys"]]
    return fold(gold["speaker"]).split()[-1:]


def speaker_matches(gold: dict, predicted: str | None) -> bool:
    return bool(predicted) and any(k in fold(predicted) for k in speaker_keys(gold))


def read_jsonl(paths: Iterable[Path], locations: list | None = None) -> list[dict]:
    """Gold claims from JSON Lines files; ``locations``, if given, receives
    each claim's "file:line", so a later check can name it."""
    from ..text.reading import json_lines

    rows = []
    for path in paths:
        for n, row in json_lines(Path(path).read_text(encoding="utf-8"), path):
            missing = [k for k in ("article", "start", "end") if k not in row]
            if missing:
                raise InputError(f"{path}:{n}: a gold claim needs {', '.join(missing)}")
            rows.append(row)
            if locations is not None:
                locations.append(f"{path}:{n}")
    return rows


def gold_files(path: str | Path) -> list[Path]:
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.jsonl"))
        if not files:
            raise InputError(f"{path}: no *.jsonl gold files in this folder")
        return files
    if not p.is_file():
        raise InputError(f"{path}: no such gold file or folder")
    return [p]


def _best(item: dict, among: list[dict]) -> int | None:
    scored = [(overlap(item, o), k) for k, o in enumerate(among)]
    scored = [x for x in scored if x[0] >= 0.5]
    return max(scored)[1] if scored else None


def check_offsets(golds: list[dict], texts: dict[str, str], locations: list[str]) -> None:
    """Every gold claim's ``text`` (where given) is the article's text at its
    offsets: gold annotated on another version of the article would score
    against the wrong sentences without a word. The first that is not is an
    error naming its file and line."""
    for g, where in zip(golds, locations):
        text = texts.get(g["article"])
        if text is None or "text" not in g:
            continue
        found = text[g["start"]:g["end"]]
        if found != g["text"]:
            raise InputError(f"{where}: the gold text no longer matches the article at {g['start']}-{g['end']}: "
                             f"gold {_short(g['text'])!r}, article {_short(found)!r} (was the article edited?)")


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[:n] + "…"


def evaluate(predicted: list[dict], gold: list[dict], *, with_background: bool = False,
             examples: int | None = 20) -> Scores:
    """Score claim records (``Claim.record()`` dicts) against gold claims;
    ``examples``: how many missed, false and wrong claims to keep (None: all)."""
    gold_by: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        gold_by[g["article"]].append(g)
    pred_by: dict[str, list[dict]] = defaultdict(list)
    for p in predicted:
        if p["article"] in gold_by and (with_background or not p.get("background")):
            pred_by[p["article"]].append(p)

    c = Counter()
    confusion: dict[str, Counter] = defaultdict(Counter)
    per_reason: dict[str, Counter] = defaultdict(Counter)
    out = Scores(articles=len(gold_by))
    for art, golds in gold_by.items():
        preds = pred_by.get(art, [])
        for g in golds:
            k = _best(g, preds)
            p = preds[k] if k is not None else None
            c["gold"] += 1
            keys = speaker_keys(g)
            if keys:
                c["gold_named"] += 1
            gr = set(g.get("reasons") or [])
            if p is None:
                out.missed.append(g)
                for r in gr:
                    per_reason[r]["fn"] += 1
                continue
            c["covered"] += 1
            c["speaker_hit"] += bool(keys) and speaker_matches(g, p.get("speaker"))
            c["attribution_hit"] += p.get("attribution") == g.get("attribution")
            confusion[g.get("stance") or "neutral"][p.get("stance") or "neutral"] += 1
            pr = set(p.get("reasons") or [])
            for r in gr & pr:
                per_reason[r]["tp"] += 1
            for r in gr - pr:
                per_reason[r]["fn"] += 1
            problems = []
            if keys and not speaker_matches(g, p.get("speaker")):
                problems.append(f"speaker {p.get('speaker')!r}, gold {g.get('speaker')!r}")
            if (p.get("stance") or "neutral") != (g.get("stance") or "neutral"):
                problems.append(f"stance {p.get('stance')}, gold {g.get('stance')}")
            if pr != gr:
                problems.append(f"reasons {sorted(pr)}, gold {sorted(gr)}")
            if problems:
                out.wrong.append({"article": art, "start": g["start"], "text": g.get("text", ""), "problems": problems})
        for p in preds:
            c["pred"] += 1
            k = _best(p, golds)
            g = golds[k] if k is not None else None
            if g is None:
                out.false.append(p)
            else:
                c["matched"] += 1
            if p.get("speaker") and (g is None or speaker_keys(g) or not g.get("speaker")):
                c["pred_named"] += 1
                c["pred_named_ok"] += g is not None and speaker_matches(g, p["speaker"])
            extra = set(p.get("reasons") or []) - set((g or {}).get("reasons") or [])
            for r in extra:
                per_reason[r]["fp"] += 1

    div = lambda a, b: round(a / b, 3) if b else 0.0
    out.gold_claims, out.predicted_claims = c["gold"], c["pred"]
    out.coverage = div(c["covered"], c["gold"])
    out.claim_precision = div(c["matched"], c["pred"])
    sp, sr = (c["pred_named_ok"] / c["pred_named"] if c["pred_named"] else 0.0,
              c["speaker_hit"] / c["gold_named"] if c["gold_named"] else 0.0)
    out.speaker = {"precision": round(sp, 3), "recall": round(sr, 3),
                   "f1": round(2 * sp * sr / (sp + sr), 3) if sp + sr else 0.0}
    out.attribution_accuracy = div(c["attribution_hit"], c["covered"])
    pairs = [(gl, pl, n) for gl, row in confusion.items() for pl, n in row.items()]
    out.stance_accuracy = div(sum(n for gl, pl, n in pairs if gl == pl), sum(n for *_, n in pairs))
    for label in sorted(confusion):
        tp = sum(n for gl, pl, n in pairs if gl == label and pl == label)
        fp = sum(n for gl, pl, n in pairs if gl != label and pl == label)
        fn = sum(n for gl, pl, n in pairs if gl == label and pl != label)
        out.stance_f1[label] = _prf(tp, fp, fn)["f1"]
    out.stance_macro_f1 = round(sum(out.stance_f1.values()) / len(out.stance_f1), 3) if out.stance_f1 else 0.0
    out.stance_confusion = {gl: dict(row) for gl, row in sorted(confusion.items())}
    total = Counter()
    for r, n in per_reason.items():
        total.update(n)
        out.per_reason[r] = {"tp": n["tp"], "fp": n["fp"], "fn": n["fn"], **_prf(n["tp"], n["fp"], n["fn"])}
    out.per_reason = dict(sorted(out.per_reason.items()))
    out.reasons = _prf(total["tp"], total["fp"], total["fn"])
    out.missed = [{"article": g["article"], "start": g["start"], "text": g.get("text", "")} for g in out.missed][:examples]
    out.false = [{"article": p["article"], "start": p["start"], "text": p.get("text", "")} for p in out.false][:examples]
    out.wrong = out.wrong[:examples]
    return out


def evaluate_paths(gold: str | Path, articles: list[str], *, nlp=None, profile=None,
                   with_background: bool = False, examples: int | None = 20, labeller=None,
                   corrections: list | None = None) -> Scores:
    """Extract ``articles`` (files or folders) with ``profile`` and score
    them against the gold file or folder; nothing is stored. Gold whose text
    is not the article's at its offsets is an error (``check_offsets``).
    ``corrections`` (a store's) apply to the claims first, as they would
    in that store."""
    from ..stores.corrections import apply
    from .extract import extract_articles
    from ..text.reading import collect_paths

    locations: list[str] = []
    golds = read_jsonl(gold_files(gold), locations)
    wanted = {g["article"] for g in golds}
    paths = [p for p in collect_paths(articles) if Path(p).name in wanted]
    if not paths:
        raise InputError(f"none of the articles the gold names ({', '.join(sorted(wanted)[:3])}"
                         f"{', ...' if len(wanted) > 3 else ''}) is among {', '.join(articles)}")
    records, texts = [], {}
    for res in extract_articles(paths, nlp=nlp, profile=profile, labeller=labeller):
        if res.error:
            raise InputError(res.error)
        texts[res.article.name] = res.article.text
        mine = [x for x in corrections or () if x.article_key == res.article.key]
        records.extend(c.record() for c in (apply(res.claims, mine) if mine else res.claims))
    check_offsets(golds, texts, locations)
    return evaluate(records, golds, with_background=with_background, examples=examples)
