"""Stance: how a claim judges the target's conduct, read from the parse.

A word of blame or praise says nothing about the target by itself: "Russia
failed its ally" faults Russia, "the talks failed" does not, "much to
Moscow's irritation" is Moscow's feeling, not a judgement of Moscow, and "if
Russia fails ..." judges no one yet. So each cue (from the general judgement
lexicon in ``data/judgement.toml``, the VADER lexicon's evaluative
adjectives and adverbs, and the profile's topical cues) is tied to the
actor it judges through the dependency parse, according to its role:

- ``conduct``: the actor who does it (the subject, the possessor, "by X");
- ``object``: the actor it is done to ("blamed X", "frustration with X");
- ``denial``: blame taken away ("X bears no responsibility");
- ``shift``: blame put on someone (clears the target when that is another).

A cue counts when the actor is the target (or a pronoun standing for it);
negation flips it ("did not help" faults, "did not abandon" defends), a
denying frame flips it ("denied that Moscow had failed"), a conditional
voids it, modals and non-rhetorical questions weaken it. When the target
speaks for itself, faulting another actor or rejecting blame defends the
target: that is how a spokesman's rebuttal reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..attribution.lexicon import ACTOR_PRONOUNS, BODY_REFERENTS, PERSON_REFERENTS
from ..data import path as package_data
from ..nlp.lemmas import compile_pattern
from ..text import toml as tomllib

CRITICAL, SUPPORTIVE = "critical", "supportive"
SIGN = {CRITICAL: -1, SUPPORTIVE: +1}
THRESHOLD = 0.5            # net weight a stance needs
MODAL = 0.4                # "would", "might": alone, not enough
VADER_ADJ = 2.0            # |valence| of an adjective that judges its actor
VADER_ADV = 1.6            # ... of an -ly adverb on a verb of judging
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")   # a clause subject too: "what Moscow did failed"
POSSESSOR_DEPS = ("poss", "compound", "amod", "nmod")
PERSONAL = PERSON_REFERENTS      # stand for a person, never a country
PRONOUNS = ACTOR_PRONOUNS
# what an article about the target lets stand for it anywhere
ARTICLE_PRONOUNS = BODY_REFERENTS


@dataclass
class Cue:
    stance: str        # what the cue says about the actor it judges
    role: str          # conduct | object | denial | shift | help | vader | topical
    start: int         # token span in the doc
    end: int
    weight: float = 1.0


@dataclass
class Judgement:
    stance: str
    weight: float
    start: int
    end: int
    why: str           # "conduct of Russia", "negated", "question", ...
    actor: int | None = None   # the head token of the phrase it judges, when that is the target


JUDGEMENT_FILE = "judgement.toml"   # the package data's general judgement cues


def load_lexicon(path: Path | None = None) -> "Lexicon":
    """The judgement lexicon of a TOML file, by default the package's."""
    path = path or package_data(JUDGEMENT_FILE)
    return Lexicon(tomllib.loads(path.read_text(encoding="utf-8")), str(path))


class Lexicon:
    """The general judgement cues, compiled once from their data (the
    package's ``judgement.toml`` as ``load_lexicon`` reads it, or a dict of
    the same shape); ``source`` names it in errors."""

    def __init__(self, data: dict, source: str = JUDGEMENT_FILE):
        from ..nlp.lemmas import check_pattern

        for table in (data.get(CRITICAL, {}), data.get(SUPPORTIVE, {}), data["experiencer"]):
            for role, patterns in table.items():
                bad = next(((p, err) for p in patterns if (err := check_pattern(p))), None)
                if bad:
                    raise ValueError(f"{source}: {role}: pattern {bad[0]!r}: {bad[1]}")
        # (label, slot sequences): the classifier folds them into its one matcher
        self.sequences = [(f"{stance}/{role}", [m for p in patterns for m in compile_pattern(p)])
                          for stance in (CRITICAL, SUPPORTIVE) for role, patterns in data.get(stance, {}).items()]
        self.sequences.append(("experiencer", [m for p in data["experiencer"]["words"] for m in compile_pattern(p)]))
        self.intention = frozenset(data["frames"]["intention"])
        self.implicative = frozenset(data["frames"]["implicative"])
        self.accusation = frozenset(data["frames"]["accusation"])
        self.falsehood = frozenset(data["frames"]["falsehood"])
        self.explanation = frozenset(data["frames"]["explanation"])
        self.conditional = frozenset(data["modality"]["conditional"])
        words = {k: frozenset(v) for k, v in data["words"].items()}
        self.conduct_nouns, self.judging_verbs = words["conduct_nouns"], words["judging_verbs"]
        self.anaphoric_nouns, self.denying = words["anaphoric_nouns"], words["denying"]
        self.neg_raising, self.offices = words["neg_raising"], words["offices"]
        self.negators = words["negators"]
        self.relational_nouns = words["relational_nouns"]
        self.rhetorical = tuple(data["words"]["rhetorical"])
        self.modal = frozenset(data["modality"]["modal"])

    @cached_property
    def valence(self) -> dict[str, float]:
        """VADER's word valences (-4 .. +4), read from the vaderSentiment package."""
        from importlib.resources import files

        out = {}
        text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and " " not in parts[0]:
                try:
                    out[parts[0]] = float(parts[1])
                except ValueError:
                    continue
        return out

    def read(self, matches) -> tuple[list[Cue], list[tuple[int, int]]]:
        """The judging cues and the spans of feeling words among (label,
        start, end) matches of ``sequences``."""
        cues, feelings = [], []
        for label, s, e in matches:
            if label == "experiencer":
                feelings.append((s, e))
            else:
                stance, role = label.split("/")
                cues.append(Cue(stance, role, s, e))
        return cues, feelings


# ---- reading the parse ----------------------------------------------------

def clause_head(tok):
    """The verb (or root) a word's clause hangs from."""
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def subject_of(verb):
    """The subject of ``verb``, through control verbs and coordination
    ("Russia seems to fail", "Moscow protested but did nothing"); for a
    relative clause, the noun it modifies ("Russia, which failed ...")."""
    t = verb
    for _ in range(5):
        subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and t.dep_ == "relcl":
                return t.head
            if subj.lower_ in ("that", "who", "which") and t.dep_ == "ccomp" and t.head.lemma_ == "be":
                # a cleft: "it was Moscow that brokered ..."
                attr = next((c for c in t.head.children if c.dep_ == "attr"), None)
                if attr is not None:
                    return attr
            return subj
        if t.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            owners = _possessors(t.head)      # "X's readiness to act", "a readiness to act" shown by X
            if owners:
                return owners[0]
            t = clause_head(t.head)
            continue
        if t.dep_ in ("relcl", "acl") and t.head.i != t.i:
            return t.head
        if t.dep_ in ("xcomp", "conj", "advcl", "pcomp") and t.head.i != t.i:
            t = t.head
            if t.pos_ not in ("VERB", "AUX"):
                t = clause_head(t)
            continue
        break
    return None


_PHRASE_DEPS = ("poss", "compound", "amod", "nmod", "appos", "conj", "det")


def names_target(tok, target: set[int], depth: int = 2) -> bool:
    """Does the phrase headed by ``tok`` name the target itself ("Russia",
    "the Russian peacekeepers", "Moscow's envoy", "the bloc led by Russia",
    "systems including the CSTO"), rather than mention it deep inside
    ("attempts to shift the blame onto Russia")?"""
    if tok.i in target:
        return True
    if depth == 0:
        return False
    for c in tok.children:
        if c.dep_ in _PHRASE_DEPS and names_target(c, target, depth - 1):
            return True
        if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by", "including", "like") and any(
                g.dep_ == "pobj" and names_target(g, target, depth - 1) for g in c.children):
            return True
        if c.dep_ == "acl" and c.lemma_.lower() == "lead" and any(t.i in target for t in c.subtree):
            return True
    return False


def _possessors(noun) -> list:
    """Who a noun's conduct belongs to: "Russia's", "Russian", "of/by X"."""
    out = [c for c in noun.children if c.dep_ in POSSESSOR_DEPS and c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ")
           and (c.dep_ != "amod" or c.ent_type_ in ("NORP", "GPE", "ORG"))]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "by"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
        if c.dep_ == "agent":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def actor_of(doc, head, role: str, target: set[int], lexicon: "Lexicon",
             span: tuple[int, int] | None = None) -> tuple[str, object]:
    """Whom a cue judges: ("target" | "other" | "pronoun" | "none", token).

    A verb or predicate adjective judges its subject; a noun its possessor
    ("Russia's betrayal", "betrayal by Moscow"), or the subject when it is
    what the subject did or is ("Moscow showed indifference", "the bloc is
    a paper tiger"); a noun in an adjunct with no possessor ("after a
    failure in the east") judges no one. Verbs of praise and blame judge
    their object, their nouns the object of a preposition ("anger at X").
    A passive verb's subject is the one the act was done to: its doer is
    the "by" agent, or no one ("Armenia was betrayed by Russia")."""
    def who(tok):
        if tok is None:
            return "none", None
        if names_target(tok, target):
            return "target", tok
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
        if owner is not None and tok.lemma_.lower() not in lexicon.relational_nouns:
            return "pronoun", owner        # "its army" is its; "its allies" are others
        if tok.lower_ in PRONOUNS or (tok.lemma_.lower() in lexicon.anaphoric_nouns and any(
                c.dep_ == "det" and c.lower_ in ("the", "that", "this", "those", "these")   # not "its ally"
                for c in tok.children) and not any(
                # "the government in Yerevan", "the Armenian government": someone else's
                t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for c in tok.children
                if c.dep_ in ("prep", "amod", "compound", "poss") for t in c.subtree)):
            return "pronoun", tok
        return "other", tok

    def first_target(cands):
        for c in cands:
            found = who(c)
            if found[0] == "target":
                return found
        return who(cands[0]) if cands else ("none", None)

    is_noun = head.pos_ in ("NOUN", "PROPN") or (head.pos_ == "ADJ" and head.dep_ == "amod")
    noun = head.head if head.pos_ == "ADJ" and head.dep_ == "amod" else head
    if role == "object":
        if is_noun:
            return first_target([g for c in noun.children if c.dep_ == "prep" and c.lower_ in (
                "of", "against", "with", "at", "over", "in", "toward", "towards", "on", "for", "to")
                for g in c.children if g.dep_ == "pobj"])
        v = clause_head(head)
        return first_target([c for c in v.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
                            + [g for c in v.children if c.dep_ == "prep" and c.lower_ in ("upon", "on", "at")
                               for g in c.children if g.dep_ == "pobj"])

    if role == "loss":            # "a blow to X's standing", "X lost credibility"
        start, end = span or (head.i, head.i + 1)
        inside = [t for t in doc[start:end] if t.i in target]
        if inside:
            return "target", inside[0]
        return who(_doer(clause_head(head)))
    if role == "shift" and head.dep_ == "pobj" and head.head.lower_ in ("with", "on"):
        return who(head)          # "the blame lies with X"
    if head.pos_ == "ADJ" and head.dep_ == "oprd":     # "keep that party happy": the party
        objs = [c for c in head.head.children if c.dep_ == "dobj"]
        if objs:
            return who(objs[0])
    if head.pos_ == "ADJ" and head.dep_ == "amod" and (noun.pos_ == "PROPN" or noun.i in target):
        return who(noun)            # "a weakened Armenia", "an unreliable Russia"
    if is_noun:
        lo, hi = span or (head.i, head.i + 1)
        owners = [o for o in _possessors(noun) if not lo <= o.i < hi]   # "cash grab": no owner
        if role == "denial":     # "accusations against Moscow are baseless"
            owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "against"
                       for g in c.children if g.dep_ == "pobj"]
        if owners:
            return first_target(owners)
        if noun.head.i in target and noun.head.i != noun.i:
            return "target", noun.head     # "call the charge a cash grab", parsed as the charge's object
        if noun.dep_ == "oprd":     # "call X a cash grab": X is judged
            objs = [c for c in noun.head.children if c.dep_ in ("dobj", "nsubjpass")]
            if objs:
                return first_target(objs)
        if noun.dep_ in ("attr", "dobj", "oprd", "acomp", "appos") or noun.dep_ == "conj" and noun.head.dep_ in ("attr", "dobj"):
            return who(_doer(clause_head(noun)))
        if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
            return first_target([c for c in noun.head.head.children if c.dep_ in ("dobj", "nsubjpass")])
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX") \
                and noun.head.lower_ in ("in", "of", "to"):
            return who(_doer(clause_head(noun)))   # "Moscow persisted in its silence"
        return "none", None
    return who(_doer(clause_head(head)))


def _doer(verb):
    """Who does what ``verb`` says: its subject, or for a passive the "by"
    agent (None when the passive names none)."""
    subj = subject_of(verb)
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        return agent
    return subj


def _governed_by(head, words: frozenset, *, nouns_only: bool = False) -> bool:
    """Is the cue inside a frame headed by one of ``words`` ("wants to X",
    "the reasons for X")? ``nouns_only``: the frame is a noun ("the cause
    of"), not the verb ("X caused Y")."""
    t = head
    for _ in range(8):
        if t.head.i == t.i or t.dep_ not in _FRAME_DEPS:
            return False
        t = t.head
        if t.lemma_.lower() in words and (not nouns_only or t.pos_ in ("NOUN", "SCONJ", "ADV")):
            return True
    return False


_FRAME_DEPS = ("xcomp", "ccomp", "pcomp", "pobj", "prep", "acomp", "relcl", "acl", "dobj", "amod", "poss",
               "compound", "nsubj", "advcl", "conj")


# Links along which a governing word's polarity reaches a cue: "did not
# dare to help", "failed to meet its obligations", "rather than providing
# support", "Moscow is not a reliable partner". A clause joined by "while"
# or "because" (advcl) has a polarity of its own, and a content clause
# (ccomp) takes its governor's only through verbs of saying or denying.
_CHAIN_DEPS = ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "acomp", "attr", "dobj", "amod", "relcl")


def governors(head, lexicon, limit: int = 8):
    """The cue's head and the words it hangs from, up to its clause's top."""
    out = [head]
    t = head
    for _ in range(limit):
        if t.head.i == t.i or t.dep_ not in _CHAIN_DEPS:
            break
        if t.dep_ == "ccomp" and t.head.lemma_.lower() not in lexicon.neg_raising | lexicon.denying:
            break      # "never forget that Moscow abandoned them": the forgetting is negated, not the act
        t = t.head
        out.append(t)
    return out


def flips(doc, head, start: int, end: int, lexicon) -> list[tuple[str, int]]:
    """What reverses the cue, each with the word that does it: a negation on
    the cue or a word it hangs from, a negative implicative ("fail to",
    "unable to", "rather than"), a denying verb above it, a claim called
    false. Negation written into the pattern is meant."""
    inner = any(t.dep_ == "neg" or t.lower_ in lexicon.negators for t in doc[start:end])
    out = []
    for k, t in enumerate(governors(head, lexicon)):
        if not (inner and k == 0) and any(
                # a "not" on a noun contrasts ("Yerevan's policy, not Moscow, ...")
                (c.dep_ == "neg" and t.pos_ not in ("NOUN", "PROPN"))
                or (c.dep_ in ("det", "advmod", "preconj") and c.lower_ in lexicon.negators)
                for c in t.children if not start <= c.i < end):
            out.append(("negated", t.i))
        if k and t.lemma_.lower() in lexicon.implicative:
            out.append((f"under '{t.text}'", t.i))
        if k and t.lemma_.lower() in lexicon.denying:
            out.append(("denied", t.i))
        if t.lower_ in ("than", "of") and t.i >= 1 and doc[t.i - 1].lower_ in ("rather", "instead"):
            out.append((f"'{doc[t.i - 1].text} {t.text}'", t.i))
        if k and t.lemma_.lower() in lexicon.accusation and t.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lexicon.falsehood for c in t.head.children):
            out.append((f"'{t.text}' called false", t.i))
    return out


def _conditional(head, conditional: frozenset) -> bool:
    t = head
    for _ in range(12):
        if any(c.dep_ == "mark" and c.lower_ in conditional for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _modal(head, modal: frozenset) -> tuple[bool, bool]:
    """(under a modal, counterfactual "could have done")."""
    v = clause_head(head)
    for t in (v, v.head if v.dep_ == "xcomp" else v):
        auxes = [c for c in t.children if c.dep_ == "aux"]
        if any(a.lower_ in modal for a in auxes):
            return True, any(a.lower_ == "have" for a in auxes) and t.tag_ == "VBN"
    return False, False


def _evaluative(tok, lexicon: Lexicon) -> bool:
    """An adjective said of an actor ("Moscow was wise", "its shameful
    silence") or an -ly adverb on a verb of judging ("viewed positively"),
    strong enough in VADER to judge."""
    val = lexicon.valence.get(tok.lower_)
    if val is None:
        return False
    if tok.pos_ == "ADJ":
        if abs(val) < VADER_ADJ:
            return False
        if tok.dep_ == "amod":
            return tok.head.lemma_.lower() in lexicon.conduct_nouns
        return tok.dep_ in ("acomp", "attr", "oprd")
    if tok.pos_ == "ADV":
        return abs(val) >= VADER_ADV and tok.lower_.endswith("ly") and tok.head.lemma_.lower() in lexicon.judging_verbs
    return False


def _antecedent(doc, span, pronoun, target: set[int], context_target: bool, article_about: bool) -> str:
    """A pronoun stands for the nearest actor named before it in the claim
    that agrees with it ("he" a person, "it" or "the bloc" a country or
    body), else for the target when the paragraph was about it; in an
    article about the target, "it" and "they" may stand for it anywhere,
    but "the government" needs a paragraph about the target."""
    personal = pronoun.lower_ in PERSONAL
    for t in reversed(doc[span.start:pronoun.i]):
        if t.i in target and (t.ent_type_ == "PERSON") == personal:
            return "target"
        if t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") and t.pos_ == "PROPN" \
                and (t.ent_type_ == "PERSON") == personal and t.i not in target:
            return "other"
    if personal:
        return "none"        # "he" in a paragraph about a country is someone else
    return "target" if context_target or (article_about and pronoun.lower_ in ARTICLE_PRONOUNS) else "none"


def _question_weight(span, lexicon: Lexicon) -> float:
    text = span.text.strip().lower()
    if not text.rstrip("”\"’' ").endswith("?"):
        return 1.0
    return 1.0 if text.startswith(lexicon.rhetorical) or " why " in text[:40] else 0.25


def _an_actor(tok) -> bool:
    """A named actor or a pronoun for one, not a thing ("the situation")."""
    return tok is not None and (tok.lower_ in PRONOUNS or tok.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")
                                or any(t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")
                                       for t in tok.children if t.dep_ in POSSESSOR_DEPS))


def judge(span, target: set[int], lexicon: Lexicon, cues: list[Cue], experiencer: list[tuple[int, int]], *,
          context_target: bool = False, article_about: bool = False,
          speaker_is_target: bool = False) -> tuple[str, list[Judgement]]:
    """The claim's stance toward the target and the judgements behind it.
    ``cues``: the doc's judging cues (``Lexicon.read`` of its matches, and the profile's
    topical ones); ``experiencer``: the doc's spans of feeling words;
    ``context_target``: the claim's paragraph names the target before it;
    ``article_about``: the article is about the target."""
    doc = span.doc
    inside = lambda s, e: span.start <= s and e <= span.end
    target_here = bool(target & set(range(span.start, span.end)))
    if not (target_here or context_target or article_about or speaker_is_target):
        return "neutral", []
    cues = [c for c in cues if inside(c.start, c.end)]
    # the longest cue wins where two overlap
    cues.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for c in cues:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    experiencer = [(s, e) for s, e in experiencer if inside(s, e)]
    covered = {i for c in kept for i in range(c.start, c.end)}
    for tok in span:
        if tok.i not in covered and _evaluative(tok, lexicon):
            val = lexicon.valence[tok.lower_]
            kept.append(Cue(SUPPORTIVE if val > 0 else CRITICAL, "vader", tok.i, tok.i + 1))

    question = _question_weight(span, lexicon)
    out: list[Judgement] = []
    frames: set[int] = set()      # cues that served as the frame that reversed another ("failed to help")
    for c in kept:
        head = doc[c.start:c.end].root
        if any(s <= head.i < e for s, e in experiencer) or any(s <= c.start < e for s, e in experiencer):
            actor, _ = actor_of(doc, head, "conduct", target, lexicon)
            if actor in ("target", "pronoun"):
                continue   # the target's own feeling, not a judgement of it
        if _conditional(head, lexicon.conditional) or _governed_by(head, lexicon.explanation, nouns_only=True) \
                or (c.role != "help" and _governed_by(head, lexicon.intention)):
            continue   # hypothetical, what the sentence explains, or a motive
        role = {"topical": "conduct", "help": "conduct", "vader": "object" if head.pos_ == "ADV" else "conduct"}.get(
            c.role, c.role)
        actor, actor_tok = actor_of(doc, head, role, target, lexicon, (c.start, c.end))
        if actor == "pronoun":
            actor = _antecedent(doc, span, actor_tok, target, context_target, article_about)
        stance, weight, why = c.stance, c.weight, []
        reversed_by = flips(doc, head, c.start, c.end, lexicon)
        negated = len(reversed_by) % 2 == 1
        if c.role == "help" and not negated:
            continue   # saying that someone helps describes; denying it faults
        if negated and stance == CRITICAL and any(r.startswith("under") for r, _ in reversed_by):
            continue   # "unwilling to interfere": refraining from a wrong describes, it does not defend
        if negated:
            stance = CRITICAL if stance == SUPPORTIVE else SUPPORTIVE
        why += [r for r, _ in reversed_by]
        if c.role == "shift":
            if actor == "target":
                stance = SUPPORTIVE if negated else CRITICAL
            elif actor == "other" and (target_here or context_target or speaker_is_target) and not negated:
                stance, why = SUPPORTIVE, why + ["blame on another"]
            else:
                continue
        elif c.role == "denial":
            if target & set(range(c.start, c.end)):
                continue   # "the charge is unfair": the target is no accusation
            if actor != "target" and not (speaker_is_target and actor != "other"):
                continue   # another's denial ("Armenia is not to blame") clears someone else
        elif actor == "other":
            # the target speaking: faulting another actor defends the target
            if speaker_is_target and stance == CRITICAL and c.role in ("conduct", "object") and _an_actor(actor_tok):
                stance, why = SUPPORTIVE, why + ["the target faults another"]
            else:
                continue
        elif actor == "none":
            if not (target_here or context_target):
                continue
            weight *= MODAL
            why.append("no named actor")
        modal, counterfactual = _modal(head, lexicon.modal)
        if counterfactual and not negated:
            if stance == CRITICAL and c.role not in ("help", "topical"):
                continue   # "would have abandoned Armenia if it could": it did not
            stance = CRITICAL
            why.append("counterfactual")
        elif modal:
            weight *= MODAL
            why.append("modal")
        if question < 1:
            weight *= question
            why.append("question")
        frames.update(i for r, i in reversed_by if r.startswith("under"))
        label = f"{c.role} of {actor_tok.text}" if actor_tok is not None and actor == "target" else c.role
        out.append(Judgement(stance, weight, c.start, c.end, ", ".join([label] + why),
                             actor_tok.i if actor_tok is not None and actor == "target" else None))
    # one fact, one judgement: "failed to help" counts once, as the help denied
    out = [j for j in out if not any(j.start <= i < j.end for i in frames)]
    net = sum(SIGN[j.stance] * j.weight for j in out)
    if net <= -THRESHOLD:
        return CRITICAL, out
    if net >= THRESHOLD:
        return SUPPORTIVE, out
    return "neutral", out
