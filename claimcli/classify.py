"""Stance toward a profile's target and the reasons a claim cites.

Reasons and stance cues are spaCy ``Matcher`` rules over lower-cased lemmas,
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


def _lemma_in(words: list[str]) -> dict:
    """A token whose lemma is one of ``words``, case aside. The Matcher's
    native LEMMA test with the case variants a lemma can take ("turkey",
    "Turkey", "CSTO") is an order of magnitude faster than a Python getter."""
    forms = {v for w in words for v in (w, w.capitalize(), w.upper(), w.title())}
    return {"LEMMA": {"IN": sorted(forms)}}


def compile_pattern(pattern: str) -> list[list[dict]]:
    """Matcher patterns for one profile pattern. The tokenizer splits
    hyphenated words ("pro-western" -> pro - western), so an alternative with
    a hyphen becomes a pattern of its own with one slot per piece."""
    patterns: list[list[dict]] = [[]]
    for slot in pattern.lower().replace("’", "'").split():
        if slot == "*":
            for p in patterns:
                p.append({"OP": "{0,3}"})
            continue
        alts = slot.split("|")
        plain = [a for a in alts if "-" not in a.strip("-")]
        hyphened = [a for a in alts if a not in plain]
        grown = []
        for p in patterns:
            if plain:
                grown.append(p + [_lemma_in(plain)])
            for a in hyphened:
                pieces = [x for part in a.split("-") for x in (part, "-")][:-1]
                grown.append(p + [_lemma_in([x]) for x in pieces if x])
        patterns = grown
    return patterns


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
    """Compiled matchers for one profile and one pipeline."""

    def __init__(self, profile: Profile, nlp):
        from spacy.matcher import Matcher
        self.profile = profile
        self.reasons = Matcher(nlp.vocab)
        for r in profile.reasons:
            self.reasons.add(r.id, [m for p in r.patterns for m in compile_pattern(p)])
        self.stances = Matcher(nlp.vocab)
        for sid, table in profile.stances.items():
            if table["patterns"]:
                self.stances.add(sid, [m for p in table["patterns"] for m in compile_pattern(p)])
        self.target = Matcher(nlp.vocab)
        self.target.add("TARGET", [m for t in profile.target_terms for m in compile_pattern(t)])
        self.vocab = nlp.vocab
        self._doc_id = None
        self._cache = None

    def _matches(self, doc):
        if self._doc_id != id(doc):
            self._doc_id = id(doc)
            strings = self.vocab.strings
            self._cache = (
                [(strings[m], s, e) for m, s, e in self.reasons(doc)],
                [(strings[m], s, e) for m, s, e in self.stances(doc)],
                [(s, e) for _, s, e in self.target(doc)],
            )
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
