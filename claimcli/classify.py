"""Stance toward a profile's target and the reasons a claim cites.

Reasons and stance cues are slot sequences over lower-cased lemmas,
compiled from the profile's patterns, so "sells weapons", "arms sales" and
"supplied arms" reach one reason through a few lemma patterns. A match is
dropped when it is negated ("not out of weakness", "rather than strength").
A stance cue counts only when the sentence, or the one before it in the
paragraph, names the target, and the cue's clause is not about another actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Evidence
from .profiles import Profile

NEGATORS = frozenset("not n't no never nor without hardly neither cannot".split())
CAUSAL = frozenset("because due owing given amid despite thanks".split())
WINDOW = 3


Slots = tuple  # of frozenset (lemmas) or None (a gap of up to GAP tokens)
GAP = 3


def compile_pattern(pattern: str) -> list[Slots]:
    """Slot sequences for one profile pattern. The tokenizer splits
    hyphenated words ("pro-western" -> pro - western), so an alternative with
    a hyphen becomes a sequence of its own with one slot per piece."""
    patterns: list[list] = [[]]
    for slot in pattern.lower().replace("’", "'").split():
        if slot == "*":
            for p in patterns:
                p.append(None)
            continue
        alts = slot.split("|")
        plain = [a for a in alts if "-" not in a.strip("-")]
        hyphened = [a for a in alts if a not in plain]
        grown = []
        for p in patterns:
            if plain:
                grown.append(p + [frozenset(plain)])
            for a in hyphened:
                pieces = [x for part in a.split("-") for x in (part, "-")][:-1]
                grown.append(p + [frozenset([x]) for x in pieces if x])
        patterns = grown
    return [tuple(p) for p in patterns]


class LemmaMatcher:
    """Every (label, start, end) where a slot sequence matches the lower-cased
    lemmas of a doc. Sequences are indexed by their first slot, so a doc
    costs one pass over its tokens plus a short walk from the few tokens that
    can start a pattern. It replaces spaCy's Matcher, whose ``{0,3}``
    wildcards cost as much as the parser itself."""

    def __init__(self):
        self._first: dict[str, list[tuple[str, Slots]]] = {}

    def add(self, label: str, sequences: list[Slots]) -> None:
        for seq in sequences:
            for lemma in seq[0]:
                self._first.setdefault(lemma, []).append((label, seq))

    def __call__(self, lemmas: list[str]) -> list[tuple[str, int, int]]:
        out = []
        first = self._first
        for i, lemma in enumerate(lemmas):
            for label, seq in first.get(lemma, ()):
                for end in _ends(lemmas, seq, 1, i + 1):
                    out.append((label, i, end))
        return list(dict.fromkeys(out))


def _ends(lemmas: list[str], seq: Slots, k: int, i: int):
    """Positions where ``seq[k:]`` can end when it starts at token ``i``."""
    if k == len(seq):
        yield i
        return
    slot = seq[k]
    if slot is None:
        for skip in range(GAP + 1):
            if i + skip > len(lemmas):
                break
            yield from _ends(lemmas, seq, k + 1, i + skip)
    elif i < len(lemmas) and lemmas[i] in slot:
        yield from _ends(lemmas, seq, k + 1, i + 1)


def _negated(doc, start: int, end: int) -> bool:
    """Is the matched phrase itself denied ("not out of weakness", "rather
    than strength", "does not sell arms")? A negated verb before it does not
    deny an object ("never forgave the revolution" still cites the revolution)."""
    if any(t.lower_ in NEGATORS for t in doc[start:end]):
        return False   # the pattern names the negation itself ("not take sides")
    starts_with_verb = doc[start].pos_ in ("VERB", "AUX")
    i = start - 1
    while i >= max(0, start - WINDOW - 1):
        t = doc[i]
        if t.is_punct or (t.pos_ in ("VERB", "AUX") and not starts_with_verb and t.lower_ not in NEGATORS):
            break
        if t.lower_ in NEGATORS and not (i + 1 < len(doc) and doc[i + 1].lower_ in ("just", "only", "merely")):
            return True   # "not just unable to sell" does not deny the selling
        if t.lower_ == "than" and i > 0 and doc[i - 1].lower_ == "rather":
            return True
        i -= 1
    if any(t.dep_ == "neg" for t in doc[start:end]):
        return True
    # a negated verb the phrase hangs from by a preposition: "did not act out of weakness"
    tok = doc[start:end].root
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in ("pobj", "prep", "pcomp"):
            return False
        if tok.dep_ == "prep" and tok.lower_ in CAUSAL:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "neg" for c in tok.children)
    return False


@dataclass
class Result:
    stance: str
    reasons: list[str]
    evidence: list[Evidence]


class Classifier:
    """Compiled matchers for one profile."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.reasons = LemmaMatcher()
        for r in profile.reasons:
            self.reasons.add(r.id, [m for p in r.patterns for m in compile_pattern(p)])
        self.stances = LemmaMatcher()
        for sid, table in profile.stances.items():
            if table["patterns"]:
                self.stances.add(sid, [m for p in table["patterns"] for m in compile_pattern(p)])
        self.target = LemmaMatcher()
        self.target.add("TARGET", [m for t in profile.target_terms for m in compile_pattern(t)])
        self._doc = None
        self._cache = None
        self._lemma_forms: dict[int, str] = {}   # lemma hash -> lower-cased lemma

    def _lemmas(self, doc) -> list[str]:
        from spacy.attrs import LEMMA

        forms, strings = self._lemma_forms, doc.vocab.strings
        out = []
        for h in doc.to_array(LEMMA).tolist():
            form = forms.get(h)
            if form is None:
                form = forms[h] = strings[h].lower().replace("’", "'")
            out.append(form)
        return out

    def _matches(self, doc):
        if self._doc is not doc:
            self._doc = doc
            lemmas = self._lemmas(doc)
            self._cache = (self.reasons(lemmas), self.stances(lemmas),
                           [(s, e) for _, s, e in self.target(lemmas)])
        return self._cache

    def mentions_target(self, span) -> bool:
        _, _, targets = self._matches(span.doc)
        return any(span.start <= s < span.end for s, _ in targets)

    def classify(self, span, offset: int, context_target: bool = False) -> Result:
        """``span``: the claim's tokens; ``offset``: its doc's place in the article."""
        doc = span.doc
        reasons, stances, targets = self._matches(doc)
        inside = lambda s, e: span.start <= s and e <= span.end
        found: dict[str, Evidence] = {}
        for rid, s, e in sorted(reasons, key=lambda m: (m[1], -m[2])):
            if rid in found or not inside(s, e) or _negated(doc, s, e):
                continue
            ms = doc[s:e]
            found[rid] = Evidence(rid, ms.text, offset + ms.start_char, offset + ms.end_char)
        order = [r.id for r in self.profile.reasons]
        reason_ids = sorted(found, key=order.index)
        evidence = [found[r] for r in reason_ids]

        target_here = any(inside(s, e) for s, e in targets)
        votes: dict[str, int] = {}
        if target_here or context_target:
            target_tokens = {i for s, e in targets for i in range(s, e)}
            kept = [(sid, s, e) for sid, s, e in stances
                    if inside(s, e) and not _negated(doc, s, e) and not self._about_other(doc, s, e, target_tokens)]
            # a cue inside another stance's phrase is governed by it: "failed to value it as a true ally"
            heads = [(sid, doc[s:e].root) for sid, s, e in kept]
            for sid, s, e in kept:
                under = [hs for hs, h in heads if hs != sid and h.i < s and any(a.i == h.i for a in doc[s:e].root.ancestors)]
                if under:
                    continue
                votes[sid] = votes.get(sid, 0) + 1
                ms = doc[s:e]
                evidence.append(Evidence(f"stance:{sid}", ms.text, offset + ms.start_char, offset + ms.end_char))
        stance = self.profile.default_stance
        if votes:
            ranked = sorted(votes.items(), key=lambda kv: -kv[1])
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                stance = ranked[0][0]
        return Result(stance, reason_ids, evidence)

    @staticmethod
    def _about_other(doc, s: int, e: int, target_tokens: set) -> bool:
        """The cue's clause has a named subject that is not the target."""
        tok = doc[s:e].root
        for _ in range(6):
            if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
                break
            tok = tok.head
        clause = {t.i for t in tok.subtree}
        if clause & target_tokens:
            return False
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"))
