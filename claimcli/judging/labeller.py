"""The trained stance and reason labeller.

Rules written beside a few articles fire on the wording their authors saw
and miss the rest; on articles nobody here had read they found a fifth of
the judgements. So the labels are decided by a model trained on annotated
claims, and the rules become its inputs: what the judgement lexicon and the
profile's patterns found (with the actor they tie each cue to, negation,
modality), whether the claim or its paragraph names the target, who speaks
and how, and dense sentence embeddings (WordLlama's static token vectors,
shipped inside its wheel) of the claim, its paragraph and its speaker.

The model is two linear layers: a softmax over the stances and one
sigmoid per reason, each reason with a threshold chosen by
cross-validation, the probabilities calibrated on out-of-fold scores. It
ships as data (``.npz``: weights, the feature names, a JSON header) and is
read here with numpy alone; ``pipeline/training.py`` fits it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..models import Evidence

MODEL_FORMAT = 1
EMBED_DIM = 256
# dense blocks, in the order the feature vector holds them
DENSE_BLOCKS = ("text", "paragraph", "speaker", "headline")
TENSOR_DIM = 96           # the parser's own token vectors (en_core_web_sm's tok2vec width)
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})


@dataclass
class View:
    """What the labeller reads of one claim."""
    text: str
    paragraph: str              # the claim's paragraph, the claim included
    speaker: str                # speaker and role, "" for the author's voice
    features: dict[str, float] = field(default_factory=dict)
    hits: dict[str, tuple[int, int, str]] = field(default_factory=dict)   # reason -> a pattern match (start, end, text)
    tensor: np.ndarray | None = None   # the mean of the parser's token vectors over the claim
    headline: str = ""                 # the article's first claim: what the piece is about, and its angle


def span_tensor(span) -> np.ndarray:
    """The parser's contextual token vectors, averaged over the claim: they
    read each word in its sentence, which static vectors cannot."""
    t = span.doc.tensor
    out = np.zeros(TENSOR_DIM, dtype=np.float32)
    if t is not None and t.ndim == 2 and t.shape[1] == TENSOR_DIM and len(span):
        v = t[span.start:span.end].mean(axis=0)
        n = float(np.linalg.norm(v))
        out[:] = v / n if n else v
    return out


def rule_features(reading, attribution: str, *, named: bool, context: bool, about: bool, speaker_is_target: bool,
                  hits, span, prev_stance: str | None, neighbours: list[str], leaning: dict[str, float],
                  default: str) -> dict[str, float]:
    """The rules' readings of a claim as named features.

    ``reading``: the rules' label of the claim, in its paragraph (a
    ``reasons.Result``: its judgements are in the evidence); ``attribution``:
    whose voice the claim is in; ``hits``: ``Classifier.hits(span)``, what the patterns and
    the lexicon match inside the claim whatever the gates say;
    ``neighbours``: the rules' stances of the other claims of its
    paragraph; ``leaning``: each stance's share of the article's claims (an
    argument leans one way)."""
    f: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        f[name] = f.get(name, 0.0) + value

    add(f"rule:{reading.stance}")
    add(f"attr:{attribution}")
    if named:
        add("target:named")
    if context:
        add("target:context")
    if about:
        add("target:article")
    if speaker_is_target:
        add("speaker:target")
    if not (named or context):
        add("target:none")
    if prev_stance:
        add(f"prev:{prev_stance}")
    for rid in reading.reasons:
        add(f"reason:{rid}")
    for e in reading.evidence:
        if not e.reason.startswith("stance:"):
            continue
        stance = e.reason.split(":", 1)[1]
        add(f"judge:{stance}")
        for part in (e.role or "").split(", "):
            word = part.split(" of ")[0].strip()
            if word:
                add(f"judge:{stance}:{word}")
    for rid in hits.reasons:
        add(f"hit:{rid}")
    for label in hits.cues:
        add(f"cue:{label}")
    for sid in hits.topical:
        add(f"topical:{sid}")
    for st in neighbours:
        if st != default:
            add(f"paragraph:{st}")
    for st, share in leaning.items():
        if st != default:
            f[f"article:{st}"] = share
    for t in span:
        if t.is_alpha and not t.is_stop and t.pos_ in CONTENT_POS:
            add(f"w:{t.lemma_.lower()}")
    words = [t.lower_ for t in span]
    if any(t.dep_ == "neg" for t in span):
        add("neg")
    if "?" in words:
        add("question")
    if any(w in ("if", "unless", "should", "would", "could") for w in words):
        add("modal")
    if any(w in ("but", "yet", "however", "although", "though", "despite") for w in words):
        add("contrast")
    return f


@lru_cache(maxsize=1)
def embedder():
    """WordLlama's bundled vectors, loaded once per process and never
    fetched: ``disable_download`` makes a missing file an error, not a
    download."""
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=EMBED_DIM)


def embed(texts: list[str]) -> np.ndarray:
    """Mean-pooled, unit-length vectors; an empty text is the zero vector."""
    out = np.zeros((len(texts), EMBED_DIM), dtype=np.float32)
    idx = [i for i, t in enumerate(texts) if t.strip()]
    if idx:
        out[idx] = embedder().embed([texts[i] for i in idx], norm=True)
    return out


def design(views: list[View], names: dict[str, int]) -> np.ndarray:
    """The feature matrix: the named features (unknown names dropped), then
    the dense blocks."""
    sparse = np.zeros((len(views), len(names)), dtype=np.float32)
    for i, v in enumerate(views):
        for k, x in v.features.items():
            j = names.get(k)
            if j is not None:
                sparse[i, j] = x
    # one call for every block, each distinct text once: an article's claims
    # share their paragraphs and their headline
    texts = [getattr(v, b) for b in DENSE_BLOCKS for v in views]
    unique = list(dict.fromkeys(texts))
    vectors = embed(unique)
    row = {t: i for i, t in enumerate(unique)}
    every = vectors[[row[t] for t in texts]] if texts else np.zeros((0, EMBED_DIM), np.float32)
    dense = [every[k * len(views):(k + 1) * len(views)] for k in range(len(DENSE_BLOCKS))]
    tensors = np.vstack([v.tensor if v.tensor is not None else np.zeros(TENSOR_DIM, np.float32) for v in views]) \
        if views else np.zeros((0, TENSOR_DIM), np.float32)
    return np.hstack([sparse] + dense + [tensors])


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # scores past ±50 are certain either way: clipped, exp cannot overflow
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


class Labeller:
    """A trained model for one profile's stances and reasons."""

    def __init__(self, arrays: dict[str, np.ndarray], header: dict, path: str = ""):
        self.header, self.path = header, path
        self.names = {n: i for i, n in enumerate(header["features"])}
        self.stances: list[str] = header["stances"]
        self.reasons: list[str] = header["reasons"]
        self.mean, self.scale = arrays["mean"], arrays["scale"]
        self.stance_w, self.stance_b = arrays["stance_w"], arrays["stance_b"]
        self.reason_w, self.reason_b = arrays["reason_w"], arrays["reason_b"]
        self.threshold = arrays["reason_threshold"]
        self.digest = header.get("digest", "")

    @classmethod
    def load(cls, path: str | Path) -> "Labeller":
        return _load(str(path))

    def save(self, path: str | Path) -> None:
        arrays = {"mean": self.mean, "scale": self.scale, "stance_w": self.stance_w, "stance_b": self.stance_b,
                  "reason_w": self.reason_w, "reason_b": self.reason_b, "reason_threshold": self.threshold}
        header = json.dumps(self.header, sort_keys=True, ensure_ascii=False)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, header=np.array(header), **{k: v.astype(np.float32) for k, v in arrays.items()})

    def fits(self, profile) -> str | None:
        """Why the model cannot label this profile's claims, or None."""
        if set(self.stances) != set(profile.stance_ids):
            return f"its stances {self.stances} are not the profile's {profile.stance_ids}"
        unknown = set(self.reasons) - {r.id for r in profile.reasons}
        if unknown:
            return f"it knows reasons the profile does not: {', '.join(sorted(unknown))}"
        return None

    def probabilities(self, views: list[View]) -> tuple[np.ndarray, np.ndarray]:
        """(stance probabilities, reason probabilities), one row per view."""
        x = (design(views, self.names) - self.mean) / self.scale
        return _softmax(x @ self.stance_w.T + self.stance_b), _sigmoid(x @ self.reason_w.T + self.reason_b)

    def label(self, readings: list, views: list[View], spans: list[tuple[int, int]]) -> list:
        """The model's label of each claim, with its probabilities: what the
        claim is built with. ``readings``: the rules' labels
        (``reasons.Result``), one per view; ``spans``: each claim's start
        and end. The rules' evidence stays where it agrees with the model's
        label (it says why); a label the model gives without a rule behind
        it says so in its evidence."""
        if not readings:
            return []
        ps, pr = self.probabilities(views)
        out = []
        for rule, view, (start, end), p, q in zip(readings, views, spans, ps, pr):
            k = int(p.argmax())
            stance = self.stances[k]
            reasons = [r for j, r in enumerate(self.reasons) if q[j] >= self.threshold[j]]
            kept = [e for e in rule.evidence
                    if (e.reason.startswith("stance:") and e.reason == f"stance:{stance}") or e.reason in reasons]
            have = {e.reason for e in kept}
            for j, r in enumerate(self.reasons):
                if r in reasons and r not in have:
                    s, e, text = view.hits.get(r, (start, end, view.text))
                    kept.append(Evidence(r, text, s, e, f"model {q[j]:.2f}"))
            if stance != rule.stance and f"stance:{stance}" not in have and stance != self.header["default"]:
                kept.append(Evidence(f"stance:{stance}", view.text, start, end, f"model {p[k]:.2f}"))
            out.append(replace(rule, stance=stance, reasons=reasons, evidence=kept,
                               judged=stance != self.header["default"], stance_confidence=round(float(p[k]), 3),
                               reason_confidence={r: round(float(q[j]), 3) for j, r in enumerate(self.reasons)
                                                  if r in reasons}))
        return out


@lru_cache(maxsize=8)
def _load(path: str) -> Labeller:
    """Once per process (and so once per forked or Dask worker)."""
    with np.load(path, allow_pickle=False) as z:
        header = json.loads(str(z["header"]))
        arrays = {k: z[k] for k in z.files if k != "header"}
    if header.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path}: model format {header.get('format')}, this release reads {MODEL_FORMAT}")
    return Labeller(arrays, header, path)
