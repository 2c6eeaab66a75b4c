"""Stance toward a profile's target and the reasons a claim cites.

Reasons are slot patterns over lemmas (``nlp/lemmas.py``) from the profile. A
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

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..nlp.lemmas import LemmaMatcher, compile_pattern, doc_lemmas
from ..attribution.speakers import office_words
from ..models import Evidence
from .profiles import Profile

if TYPE_CHECKING:
    from .stance import Lexicon

CAUSAL = frozenset("because due owing given amid despite thanks".split())
WINDOW = 3


def _negated(doc, start: int, end: int, negators: frozenset[str]) -> bool:
    """Is the matched phrase itself denied ("not out of weakness", "rather
    than strength", "does not sell arms")? A negated verb before it does not
    deny an object ("never forgave the revolution" still cites the revolution)."""
    if any(t.lower_ in negators for t in doc[start:end]):
        return False   # the pattern names the negation itself ("not take sides")
    starts_with_verb = doc[start].pos_ in ("VERB", "AUX")
    i = start - 1
    while i >= max(0, start - WINDOW - 1):
        t = doc[i]
        if t.is_punct or (t.pos_ in ("VERB", "AUX") and not starts_with_verb and t.lower_ not in negators):
            break
        if t.lower_ in negators and not (i + 1 < len(doc) and doc[i + 1].lower_ in ("just", "only", "merely")):
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


def _phrase(tok) -> list:
    """A noun and the words that name it ("the Russian-led bloc"), without
    its clauses ("Russia, which leads the alliance, ...")."""
    return [tok] + [t for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss", "appos")
                    for t in c.subtree]


@dataclass(frozen=True)
class Result:
    """A claim's label: as the rules read it (``Classifier.classify``), or
    as the trained labeller decides it from that reading (``Labeller.label``,
    with its probabilities). A claim is built with its final one."""
    stance: str
    reasons: list[str]
    evidence: list[Evidence]
    judged: bool = False      # the stance is not the profile's default: the claim judges the target
    stance_confidence: float | None = None
    reason_confidence: dict[str, float] = field(default_factory=dict)


@dataclass
class Hits:
    reasons: dict[str, tuple[int, int, str]]   # reason id -> its first match (token span, words)
    cues: list[str]                            # judgement-lexicon labels ("critical/conduct")
    topical: list[str]                         # the profile's stance ids whose patterns match


_CLASSIFIERS = itertools.count()   # each classifier's own key into a doc's user_data


class Classifier:
    """Compiled matchers for one profile, and the general judgement lexicon."""

    def __init__(self, profile: Profile, lexicon: "Lexicon"):
        self.profile = profile
        self.lexicon = lexicon
        # one matcher, one pass over each doc: reasons, near actors, topical
        # stance cues, the target's terms and the judgement lexicon
        self.matcher = LemmaMatcher()
        self._own = {r.id for r in profile.reasons if r.own}
        for r in profile.reasons:
            self.matcher.add(("reason", r.id), [m for p in r.patterns for m in compile_pattern(p)])
            if r.near:
                self.matcher.add(("near", r.id), [m for p in r.near for m in compile_pattern(p)])
        self.polarity: dict[str, str] = {}    # "critical"/"supportive" -> the profile's stance id
        for sid, table in profile.stances.items():
            if table.get("polarity"):
                self.polarity[table["polarity"]] = sid
            if table["patterns"]:
                self.matcher.add(("stance", sid), [m for p in table["patterns"] for m in compile_pattern(p)])
        target = [m for t in profile.target_terms for m in compile_pattern(t)]
        self.matcher.add(("target", ""), target)
        for label, seqs in self.lexicon.sequences:
            self.matcher.add(("lexicon", label), seqs)
        self.target = LemmaMatcher()      # for speakers' names
        self.target.add("TARGET", target)
        # a doc's matches are kept in the doc (``user_data``), so they live as
        # long as it: an article's sentences are read twice (is the article
        # about the target? then each claim), and each paragraph is a doc
        self._key = ("claims.matches", next(_CLASSIFIERS))
        self._lemma_forms: dict[int, str] = {}   # lemma hash -> lower-cased lemma

    def _matches(self, doc):
        found = doc.user_data.get(self._key)
        if found is None:
            forms = doc_lemmas(doc, self._lemma_forms)     # (lemmas, words)
            by_kind: dict[str, list] = {"reason": [], "near": [], "stance": [], "target": [], "lexicon": []}
            for (kind, label), s, e in self.matcher(*forms):
                by_kind[kind].append((label, s, e))
            targets = {i for _, s, e in by_kind["target"] for i in range(s, e)}
            near = [m for m in by_kind["near"] if _near_target(doc, m[1], targets)]
            cues, feelings = self.lexicon.read(by_kind["lexicon"])
            found = doc.user_data[self._key] = (forms, by_kind["reason"] + near, by_kind["stance"], targets,
                                                cues, feelings)
        return found

    def _belongs_to_other(self, doc, s: int, e: int, targets: set) -> bool:
        """The matched factor is another actor's ("a weakened Armenia")."""
        from .stance import actor_of

        return actor_of(doc, doc[s:e].root, "conduct", targets, self.lexicon, (s, e))[0] == "other"

    def hits(self, span) -> "Hits":
        """What the patterns and the judgement lexicon match inside a claim,
        before any gate (target, negation, owner): the trained labeller
        weighs them itself."""
        _, reasons, stances, _, cues, _ = self._matches(span.doc)
        inside = lambda s, e: span.start <= s and e <= span.end
        doc = span.doc
        found: dict[str, tuple[int, int, str]] = {}
        for rid, s, e in reasons:
            if inside(s, e) and rid not in found:
                found[rid] = (s, e, doc[s:e].text)
        return Hits(found, [f"{c.stance}/{c.role}" for c in cues if inside(c.start, c.end)],
                    [sid for sid, s, e in stances if inside(s, e)])

    def mentions_target(self, span) -> bool:
        targets = self._matches(span.doc)[3]
        return any(span.start <= i < span.end for i in targets)

    def speaks_for_target(self, speaker: str | None, role: str | None) -> bool:
        """The target speaking: its name ("the Kremlin", "the Kremlin's
        spokesman", "Dmitry Peskov" when the profile lists him), or an
        office of it in the role ("Russian ambassador")."""
        if self.names_target(speaker):
            return True
        return bool(role) and self.names_target(role) and bool(set(office_words(role)) & self.lexicon.offices)

    def names_target(self, text: str | None) -> bool:
        """Do the words of a name or role match a target term?"""
        if not text:
            return False
        words = [w.strip(".,;:'\"()") for w in office_words(text)]
        return bool(self.target(words, words))

    def classify(self, span, offset: int, context_target: bool = False, speaker: str | None = None,
                 role: str | None = None, article_about_target: bool = False) -> Result:
        """``span``: the claim's tokens; ``offset``: its doc's place in the
        article; ``context_target``: the claim's paragraph names the target
        before it; ``speaker``, ``role``: who makes the claim;
        ``article_about_target``: the whole article is about the target, so
        an anaphor ("that ally") may stand for it (stance only)."""
        from .stance import CRITICAL, Cue, judge

        doc = span.doc
        _, reasons, stances, targets, cues, experiencer = self._matches(doc)
        inside = lambda s, e: span.start <= s and e <= span.end
        target_here = any(span.start <= i < span.end for i in targets)
        speaker_is_target = self.speaks_for_target(speaker, role)
        concerns = target_here or context_target or speaker_is_target
        found: dict[str, Evidence] = {}
        if concerns:
            for rid, s, e in sorted(reasons, key=lambda m: (m[1], -m[2])):
                if rid in found or not inside(s, e) or _negated(doc, s, e, self.lexicon.negators):
                    continue
                if rid in self._own and self._belongs_to_other(doc, s, e, targets):
                    continue
                ms = doc[s:e]
                found[rid] = Evidence(rid, ms.text, offset + ms.start_char, offset + ms.end_char)
        order = [r.id for r in self.profile.reasons]

        by_id = {sid: pol for pol, sid in self.polarity.items()}
        topical = [Cue(by_id[sid], "topical", s, e) for sid, s, e in stances if sid in by_id and inside(s, e)]
        stance, judgements = judge(span, targets, self.lexicon, cues + topical, experiencer,
                                   context_target=context_target, article_about=article_about_target,
                                   speaker_is_target=speaker_is_target)
        for r in self.profile.reasons:
            if r.faulted and r.id not in found and concerns:
                for j in judgements:
                    if j.stance == CRITICAL and j.actor is not None and any(   # the judged phrase's own words
                            t.lemma_.lower() in r.faulted or t.lower_ in r.faulted for t in _phrase(doc[j.actor])):
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
        return Result(stance, reason_ids, evidence, judged=stance != self.profile.default_stance)
