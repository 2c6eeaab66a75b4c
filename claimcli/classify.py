"""Stance toward a profile's target and the reasons a claim cites.

Reasons are slot patterns over lemmas (``lemmas.py``) from the profile. A
reason counts only when the claim concerns the target (it names the target,
its paragraph does, or the target is the speaker) and the match is not
negated ("not out of weakness", "rather than strength"): a topical word in a
sentence about something else is no reason, and a wrong reason in a table
costs more trust than a missing one.

Stance is the claim's judgement of the target's conduct, read from the
parse by ``stance.judge`` with the general judgement lexicon and the
profile's topical cues.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lemmas import LemmaMatcher, compile_pattern, doc_lemmas
from .models import Evidence
from .profiles import Profile

NEGATORS = frozenset("not n't no never nor without hardly neither cannot".split())
CAUSAL = frozenset("because due owing given amid despite thanks".split())
WINDOW = 3


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


NEAR_ARCS = 4
# Words of office that make a speaker the target's voice when the role names
# the target ("Russian ambassador"), unlike "a Russian analyst".
OFFICE_WORDS = frozenset("""ambassador minister ministry spokesman spokeswoman spokesperson official officials
envoy diplomat embassy president presidential government kremlin deputy secretary representative""".split())   # how close (in dependency arcs) a `near` actor must be to the target


def _near_target(doc, i: int, targets: set[int]) -> bool:
    """Is token ``i`` within NEAR_ARCS arcs of a target word of its sentence?"""
    sent = doc[i].sent
    up = {}
    t, d = doc[i], 0
    while True:
        up[t.i] = d
        if t.head.i == t.i or d > 12:
            break
        t, d = t.head, d + 1
    for j in targets:
        if not sent.start <= j < sent.end or j == i:
            continue
        t, d = doc[j], 0
        while d <= NEAR_ARCS:
            if t.i in up:
                if up[t.i] + d <= NEAR_ARCS:
                    return True
                break
            if t.head.i == t.i:
                break
            t, d = t.head, d + 1
    return False


@dataclass
class Result:
    stance: str
    reasons: list[str]
    evidence: list[Evidence]
    concerns_target: bool = False
    judged: bool = False      # the stance is not the profile's default: the claim judges the target


class Classifier:
    """Compiled matchers for one profile, and the general judgement lexicon."""

    def __init__(self, profile: Profile, lexicon=None):
        from .stance import Lexicon

        self.profile = profile
        self.lexicon = lexicon or Lexicon()
        self.reasons = LemmaMatcher()
        self.near = LemmaMatcher()
        self._own = {r.id for r in profile.reasons if r.own}
        for r in profile.reasons:
            self.reasons.add(r.id, [m for p in r.patterns for m in compile_pattern(p)])
            if r.near:
                self.near.add(r.id, [m for p in r.near for m in compile_pattern(p)])
        self.stances = LemmaMatcher()
        self.polarity: dict[str, str] = {}    # "critical"/"supportive" -> the profile's stance id
        for sid, table in profile.stances.items():
            if table.get("polarity"):
                self.polarity[table["polarity"]] = sid
            if table["patterns"]:
                self.stances.add(sid, [m for p in table["patterns"] for m in compile_pattern(p)])
        self.target = LemmaMatcher()
        self.target.add("TARGET", [m for t in profile.target_terms for m in compile_pattern(t)])
        self._target_words = [t.split() for t in profile.target_terms]
        self._doc = None
        self._cache = None
        self._lemma_forms: dict[int, str] = {}   # lemma hash -> lower-cased lemma

    def _matches(self, doc):
        if self._doc is not doc:
            self._doc = doc
            forms = doc_lemmas(doc, self._lemma_forms)     # (lemmas, words)
            targets = {i for _, s, e in self.target(*forms) for i in range(s, e)}
            near = [m for m in self.near(*forms) if _near_target(doc, m[1], targets)]
            self._cache = (forms, self.reasons(*forms) + near, self.stances(*forms), targets)
        return self._cache

    @staticmethod
    def _belongs_to_other(doc, s: int, e: int, targets: set) -> bool:
        """The matched factor is another actor's ("a weakened Armenia")."""
        from .stance import actor_of

        return actor_of(doc, doc[s:e].root, "conduct", targets, (s, e))[0] == "other"

    def mentions_target(self, span) -> bool:
        targets = self._matches(span.doc)[3]
        return any(span.start <= i < span.end for i in targets)

    def speaks_for_target(self, speaker: str | None, role: str | None) -> bool:
        """The target speaking: its name ("the Kremlin", "Dmitry Peskov" when
        the profile lists him), or an office of it in the role ("Russian
        ambassador", "spokeswoman of the Russian foreign ministry")."""
        if self.names_target(speaker):
            return True
        if not role or not self.names_target(role):
            return False
        words = set(role.lower().replace(",", " ").split())
        return bool(words & OFFICE_WORDS)

    def names_target(self, text: str | None) -> bool:
        """Does a speaker's name name the target ("Kremlin spokesman Dmitry
        Peskov" no, "the Kremlin" or "Dmitry Peskov" when the profile lists him)?"""
        if not text:
            return False
        words = [w.strip(".,'’").lower() for w in text.replace("’s", "").split()]
        return any(words[i:i + len(t)] == t for t in self._target_words for i in range(len(words)))

    def classify(self, span, offset: int, context_target: bool = False, speaker: str | None = None,
                 role: str | None = None, article_about_target: bool = False) -> Result:
        """``span``: the claim's tokens; ``offset``: its doc's place in the
        article; ``context_target``: the claim's paragraph names the target
        before it; ``speaker``, ``role``: who makes the claim;
        ``article_about_target``: the whole article is about the target, so
        an anaphor ("that ally") may stand for it (stance only)."""
        from .stance import CRITICAL, Cue, judge

        doc = span.doc
        lemmas, reasons, stances, targets = self._matches(doc)
        inside = lambda s, e: span.start <= s and e <= span.end
        target_here = any(span.start <= i < span.end for i in targets)
        speaker_is_target = self.speaks_for_target(speaker, role)
        concerns = target_here or context_target or speaker_is_target
        found: dict[str, Evidence] = {}
        if concerns:
            for rid, s, e in sorted(reasons, key=lambda m: (m[1], -m[2])):
                if rid in found or not inside(s, e) or _negated(doc, s, e):
                    continue
                if rid in self._own and self._belongs_to_other(doc, s, e, targets):
                    continue
                ms = doc[s:e]
                found[rid] = Evidence(rid, ms.text, offset + ms.start_char, offset + ms.end_char)
        order = [r.id for r in self.profile.reasons]

        by_id = {sid: pol for pol, sid in self.polarity.items()}
        topical = [Cue(by_id[sid], "topical", s, e) for sid, s, e in stances if sid in by_id and inside(s, e)]
        stance, judgements = judge(span, lemmas, targets, self.lexicon, topical=topical,
                                   context_target=context_target or article_about_target,
                                   speaker_is_target=speaker_is_target)
        for r in self.profile.reasons:
            if r.faulted and r.id not in found and concerns:
                for j in judgements:
                    if j.stance == CRITICAL and j.actor is not None and any(
                            t.lemma_.lower() in r.faulted or t.lower_ in r.faulted for t in doc[j.actor].subtree):
                        ms = doc[j.start:j.end]
                        found[r.id] = Evidence(r.id, ms.text, offset + ms.start_char, offset + ms.end_char,
                                               f"faults the {doc[j.actor].text}")
                        break
        reason_ids = sorted(found, key=order.index)
        evidence = [found[r] for r in reason_ids]
        stance = self.polarity.get(stance, self.profile.default_stance)
        for j in judgements:
            ms = doc[j.start:j.end]
            evidence.append(Evidence(f"stance:{self.polarity.get(j.stance, j.stance)}", ms.text,
                                     offset + ms.start_char, offset + ms.end_char, j.why))
        return Result(stance, reason_ids, evidence, concerns, stance != self.profile.default_stance)
