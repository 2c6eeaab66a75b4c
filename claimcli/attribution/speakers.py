"""From a source's head word to a speaker: name, role, and the article's
fullest form of it.

A news article introduces a person once in full ("Richard Giragosian,
director of ...") and then uses the surname or a pronoun. ``NameRegistry``
remembers the full names an article has used so far and maps a surname (even
misspelt), an honorific form or a pronoun back to one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .lexicon import (AUTHOR_PRONOUNS, FEMALE_WORDS, GROUP_PRONOUNS, HONORIFICS, MALE_WORDS, PERSON_NOUNS, PERSONAL_PRONOUNS, SOURCE_NOUNS, SOURCE_SUFFIXES,
                      TITLE_WORDS)
from .lexicon import CUE_LEMMAS, PERSON_EPITHETS, REFERRING_PRONOUNS, STATEMENT_NOUNS, THING_PRONOUNS
from .tokens import phrase, quoted_tokens, spaced_dash
from ..text.names import fold, name_key


@dataclass
class Source:
    name: str
    role: str | None
    kind: str   # "person" | "person_or_named" | "named" (organisation, place) | "group" | "pronoun"
    also: tuple = ()    # conjoined sources ("X and Y said"): each its own Source
    indefinite: bool = False   # "a Kremlin spokesman": anonymous, never an office holder
    epithet: str | None = None   # "the diplomat": the person noun of a definite phrase for someone named
    loose: bool = False          # the epithet has no qualifier but adjectives: any recent person speaker fits


# "PM" and the like, written out so an office matches its holder's title.
OFFICE_ABBREVIATIONS = {"pm": "prime minister", "premier": "prime minister", "fm": "foreign minister", "sec": "secretary",
                        "gov": "governor", "sen": "senator", "rep": "representative"}


def office_words(text: str) -> list[str]:
    """The words of a title or office, folded: "the Armenian PM" -> armenian prime minister."""
    out = []
    for w in fold(text).replace("’", "'").replace(".", "").split():
        w = w.removesuffix("'s")
        if w in ("the", "a", "an", "its", "his", "her", "their", "of", "to", "'s", ",", "former", "then"):
            continue
        out.extend(OFFICE_ABBREVIATIONS.get(w, w).split())
    return out


def _np_tokens(head):
    """The noun phrase of ``head`` without appositions and clauses."""
    keep = []
    drop = set()
    for c in head.children:
        if c.dep_ in ("appos", "relcl", "acl", "advcl") or c.dep_ == "punct" and not _glued(c) or (c.dep_ == "prep" and c.lower_ in ("including", "like", "such", "since", "during", "after", "before", "until", "throughout")):
            drop.update(t.i for t in c.subtree)
    dash = max((t.i for t in head.subtree if spaced_dash(t) and t.i < head.i), default=-1)
    for t in head.subtree:
        if t.i not in drop and t.i > dash:   # "YEREVAN, Sept 16 - The CSTO said": not the dateline
            keep.append(t)
    # keep a contiguous run around the head
    idx = [t.i for t in keep]
    lo = hi = idx.index(head.i)
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    while hi < len(idx) - 1 and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    toks = keep[lo:hi + 1]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    return toks


_PARTY_TAG = re.compile(r"\(?[DRI](\s?-\s?[A-Z][A-Za-z.]{0,5})?\)?")   # "(D-Ore.)", "(R)"


def _role_of(head, name_tokens) -> str | None:
    parts = []
    names = {t.i for t in name_tokens}
    pre = [t for t in head.subtree if t.i < min(names) and t.i not in names and t.dep_ in ("compound", "amod", "poss", "case", "nmod", "det") and t.head.i in names | {head.i} | {x.i for x in head.subtree}]
    pre = [t for t in pre if t.i < min(names) and t.ent_type_ != "PERSON"]
    if pre and any(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in pre):
        # the whole title before the name, its "to"/"of" phrase too ("Ambassador to Chile")
        doc = head.doc
        inside = {t.i for t in head.subtree}
        span = [t for t in doc[min(t.i for t in pre):min(names)]]
        while span and (span[0].dep_ == "det" or span[0].is_punct):
            span = span[1:]
        while len(span) > 1 and span[0].i > 0 and span[0].lower_ not in TITLE_WORDS and span[0].dep_ == "amod" \
                and doc[span[0].i - 1].pos_ in ("NOUN", "PROPN") and doc[span[0].i - 1].i not in inside:
            span = span[1:]   # "at the county fair Sen. X": the place runs into the title (not "harbour master")
        while span and span[-1].is_punct:
            span = span[:-1]
        whole = span and all(t.i in inside and t.ent_type_ != "PERSON" and t.dep_ not in ("appos", "relcl", "acl")
                             for t in span)
        parts.append(phrase(span) if whole else phrase(pre))
    for c in head.children:
        if c.dep_ == "appos" and not c.like_num and not _PARTY_TAG.fullmatch(phrase([t for t in c.subtree])):
            # "Ingrid Dahl, 58,": an age is no role; nor "Sen. X (D-Ore.)": a party and state
            parts.append(phrase([t for t in c.subtree]))
    parts = [p for p in parts if p and p.lower() not in ("the", "a", "an")]
    return ", ".join(parts) if parts else None


def _names_included(head) -> list[str]:
    """"officials including X and Y": the named people of a group (not the
    bodies of their titles: "Speaker of the National Assembly X")."""
    out = []
    for c in head.children:
        if c.dep_ != "prep" or c.lower_ not in ("including", "like"):
            continue
        for tok in c.subtree:
            if tok.pos_ != "PROPN" or tok.dep_ not in ("pobj", "appos", "conj"):
                continue
            run = [t for t in tok.doc[tok.left_edge.i:tok.i + 1] if t.pos_ == "PROPN" and t.head.i == tok.i and t.dep_ in ("compound", "flat")]
            run = [t for t in run if t.i > max([x.i for x in run if x.lower_ in TITLE_WORDS] + [-1])] + [tok]
            if tok.dep_ == "pobj" and tok.head.i != c.i:
                # "Speaker of the Harbour Council Alen Marsh": the body's name, then the person's
                if len(run) >= 3 and run[-3].lower_ in SOURCE_NOUNS:
                    run = run[-2:]
                elif not (len(run) == 2 and any(c.dep_ == "compound" and c.lower_ in SOURCE_NOUNS
                                                for c in run[0].children)):
                    continue
            if len(run) >= 2 and tok.ent_type_ not in ("GPE", "LOC", "FAC", "NORP"):
                out.append(phrase(run))
    if out:   # the parser may hang the last name on the group itself
        for c in head.children:
            if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > head.i:
                ent = _entity(c)
                name = phrase(_name_tokens(ent)) if ent is not None else c.text
                if name not in out:
                    out.append(name)
    return out


def _glued(t) -> bool:
    """A hyphen or apostrophe inside a name ("Holtz-Eakin", "Ki-moon")."""
    return t.text in ("-", "‐", "'", "’") and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_


def _name_tokens(ent):
    toks = [t for t in ent if (not t.is_punct or _glued(t)) and t.lower_ not in ("'s", "’s")]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    while toks[:-1] and toks[0].lower_ in HONORIFICS | TITLE_WORDS:
        toks = toks[1:]
    # "Ambassador to Chile Erik Solberg": the place after "to" is no part of the name
    doc = ent.doc
    if len(toks) >= 3 and ent.start > 1 and doc[ent.start - 1].lower_ in ("to", "in", "at", "for") \
            and doc[ent.start - 1].head.lower_ in TITLE_WORDS:
        toks = toks[-2:]
    return toks


def _propn_run(head):
    """The proper-noun run ending at the head ("Armen Chibukhchyan", "Holtz-Eakin")."""
    doc = head.doc
    run = [head]
    i = head.i - 1
    while i >= 0:
        t = doc[i]
        if _glued(t) or t.pos_ == "PROPN" and (
                t.head.i == head.i and t.dep_ in ("compound", "flat") or _glued(doc[i + 1])):
            run.insert(0, t)
            i -= 1
        else:
            break
    while run[:-1] and run[0].lower_ in HONORIFICS | TITLE_WORDS:
        run = run[1:]
    return run


def _entity(tok):
    return next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)


def _titled_name(head):
    """"The Norwegian Ambassador to Chile Erik Solberg": a title heads the
    phrase and the name comes last, after the office's "to"/"of" phrase."""
    if head.lower_ not in TITLE_WORDS or head.pos_ not in ("NOUN", "PROPN"):
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("to", "of", "in", "at", "for")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
            ent = _entity(pobj)
            if ent is not None and ent.label_ == "PERSON" and ent.end == pobj.i + 1:
                toks = _name_tokens(ent)
                if len(toks) >= 2:
                    role = [t for t in head.doc[head.left_edge.i:toks[0].i] if t.dep_ != "det"]
                    return Source(phrase(toks), phrase(role) or None, "person")
    return None


def _indefinite(head) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one", "some") for c in head.children)


def _epithet(head) -> tuple[str | None, bool]:
    """"the diplomat", "the Russian leader", "Russian political expert": a
    definite (or bare) singular person noun standing for someone named;
    loose when only adjectives qualify it."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or head.lemma_.lower() not in PERSON_EPITHETS:
        return None, False
    dets = [c for c in head.children if c.dep_ in ("det", "poss")]
    if any(d.lower_ not in ("the", "this", "that") for d in dets):
        return None, False
    loose = all(c.dep_ in ("det", "punct") or c.dep_ in ("amod", "compound") and c.i < head.i and (
        c.pos_ == "ADJ" or c.ent_type_ == "NORP") and not any(g.dep_ == "prep" for g in c.children)
        for c in head.children)
    return head.lemma_.lower(), loose


def _one_source(head) -> Source:
    if head.lower_ in PERSONAL_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
        return Source(head.text, None, "pronoun")
    if head.pos_ == "NOUN" and head.lemma_.lower() in STATEMENT_NOUNS and head.lemma_.lower() not in SOURCE_NOUNS:
        return Source(head.text, None, "pronoun")   # "the statement said": whoever issued it
    np = _np_tokens(head)
    if head.pos_ == "PRON":   # "some of his advisers", "many": a group that keeps its words
        return Source(phrase(np) or head.text, None, "group", indefinite=True)
    ent = _entity(head)
    if ent is not None and ent.label_ == "PERSON":
        name_toks = _name_tokens(ent)
        if name_toks:
            return Source(phrase(name_toks), _role_of(head, name_toks), "person")
    titled = _titled_name(head)
    if titled is not None:
        return titled
    if head.pos_ == "PROPN" and head.lower_ in TITLE_WORDS and not any(
            c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ not in TITLE_WORDS for c in head.children):
        return Source(phrase(np), None, "group", indefinite=_indefinite(head))   # "Armenian PM" in a headline
    if head.pos_ == "PROPN" and head.text.islower() and head.is_alpha and ent is None \
            and head.lemma_.lower() not in PERSON_NOUNS | PERSON_EPITHETS | TITLE_WORDS:
        # "The Russian defence ministry said", the tagger's lower-case proper noun: a body, named whole
        return Source(phrase(np), None, "named", indefinite=_indefinite(head))
    if head.pos_ == "PROPN":
        run = _propn_run(head)
        if ent is not None and ent.label_ in ("ORG", "GPE", "FAC", "LOC", "NORP") and len(ent) > 1:
            return Source(phrase(np), None, "named")
        role = _role_of(head, run)
        if (ent is None or ent.label_ != "PERSON") and role and not any(
                fold(w).strip(",.") in TITLE_WORDS for w in role.split()):
            return Source(phrase(np), None, "named")   # "the Russian MFA": the modifier names the body
        return Source(phrase(run), role, "person_or_named")
    included = _names_included(head)
    if included:
        return Source(included[0], phrase(np), "person",
                      also=tuple(Source(n, None, "person") for n in included[1:]))
    for c in head.children:   # "The mayor, Jonas Weber, said": the name in apposition
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            ent = _entity(c)
            if ent is not None and ent.label_ == "PERSON":
                return Source(phrase(_name_tokens(ent)), phrase(np), "person")
            if ent is not None and ent.label_ == "ORG" and head.lemma_.lower() in SOURCE_NOUNS:
                # "a local charity, the Harbour Fund, said": the body by its name
                return Source(phrase([t for t in ent if t.lower_ != "the" or t.i != ent.start]), None, "named")
    epithet, loose = _epithet(head)
    return Source(phrase(np) or head.text, None, "group", indefinite=_indefinite(head), epithet=epithet, loose=loose)


def is_epithet(name: str) -> bool:
    """"the diplomat", "Expert", "the Russian foreign minister": a definite
    or bare phrase ending in a person noun (never "a senior official")."""
    words = fold(name).split()
    return bool(words) and words[-1] in PERSON_EPITHETS | TITLE_WORDS and words[0] not in (
        "a", "an", "one", "some", "another", "many", "most", "several", "two", "three")


def _named(tok) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")


def _without_possessive(src: Source) -> Source:
    """"the judge’s concern": the source is "the judge"."""
    for mark in ("’s", "'s", "’", "'"):
        if src.name.endswith(mark) and len(src.name) > len(mark) + 1:
            src.name = src.name[:-len(mark)].rstrip()
            break
    return src


def source_of(head) -> Source:
    """The speaker phrase a cue's head word stands for, with its role.

    Conjoined names ("Simonyan and Grigoryan said") are separate sources: the
    first is returned, the others ride along in ``also``. A group phrase
    ("Democrats and Republicans") and a firm's name ("Marks and Spencer")
    stay one source.
    """
    conj = [c for c in head.subtree if c.dep_ == "conj" and c.head.i in (head.i,) or
            c.dep_ == "conj" and c.head.dep_ == "conj" and c.head.head.i == head.i]
    listed = _person_list(head)
    if listed:
        first = _one_source(head)
        return Source(listed[0], None, "person", also=tuple(Source(n, None, "person") for n in listed[1:]))
    # "Marks and Spencer said", "Procter and Gamble said": one-word firm
    # names joined by "and" are a firm's name more often than two firms
    firm = all(t.ent_type_ == "ORG" and not any(c.dep_ == "compound" for c in t.children) for t in [head, *conj])
    if conj and firm:
        doc = head.doc
        return _without_possessive(Source(doc[head.left_edge.i:conj[-1].right_edge.i + 1].text, None, "named"))
    if _named(head) and conj and all(_named(c) for c in conj):
        first = _one_source(head)
        if first.kind != "group":
            first.also = tuple(_one_source(c) for c in conj)
            first.name = _strip_conj(first.name, conj)
            return _without_possessive(first)
    src = _one_source(head)
    if src.kind == "group":
        named = _named_before(head)
        if named is not None:
            return named
    return _without_possessive(src)


def _named_before(head) -> Source | None:
    """"Ban Ki-moon, the secretary general of the UN, vowed", which the parser
    may read with the title as subject: the person named just before the
    title and its comma, the title their role."""
    doc = head.doc
    lo = head.left_edge.i
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or not (head.sent.start <= ent.start and ent.end < head.i):
            continue
        if doc[ent.end].text != "," or ent.end + 1 > lo + 1 or lo - ent.end > 2:
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in doc[ent.end:head.i]):
            continue
        toks = _name_tokens(ent)
        if len(toks) >= 2:
            role = [t for t in doc[ent.end + 1:head.right_edge.i + 1] if not (t.is_punct and t.i == head.right_edge.i)]
            return Source(phrase(toks), phrase(role) or None, "person")
    # "Lars Has, an expert ...": a name the tagger misread ("Has" a verb), opening the sentence
    start = head.sent.start
    run = list(doc[start:lo - 1])
    if lo - 1 > start and doc[lo - 1].text == "," and 2 <= len(run) <= 3 and all(
            t.is_alpha and t.is_title and t.lower_ not in TITLE_WORDS | SOURCE_NOUNS | HONORIFICS
            and t.pos_ not in ("ADP", "DET", "ADV", "SCONJ", "CCONJ", "PRON")
            and t.ent_type_ not in ("GPE", "ORG", "NORP", "DATE", "LOC", "FAC", "EVENT") for t in run):
        # not "In Bergen, a spokeswoman said": a place or a time opening the sentence
        role = [t for t in doc[lo:head.right_edge.i + 1] if not (t.is_punct and t.i == head.right_edge.i)]
        return Source(phrase(run), phrase(role) or None, "person")
    return None


def _person_list(head) -> list[str]:
    """"Ines Duarte and Pavel Novak said", which the parser may read as one
    name ("Duarte" a modifier of "Novak"): the people named in full, one
    after another, separated by nothing but commas and "and", ending at the
    head."""
    ent = _entity(head)
    if ent is None or ent.label_ != "PERSON" or ent.end != head.i + 1:
        return []
    doc = head.doc
    ents = [e for e in doc.ents if e.label_ == "PERSON" and head.left_edge.i <= e.start and e.end <= head.i + 1]
    if len(ents) < 2 or ents[0].start != head.left_edge.i:
        return []
    for a, b in zip(ents, ents[1:]):
        gap = [t.lower_ for t in doc[a.end:b.start]]
        if not gap or any(w not in (",", "and") for w in gap):
            return []
    names = [phrase(_name_tokens(e)) for e in ents]
    return names if all(len(n.split()) >= 2 for n in names) else []


def _strip_conj(name: str, conj) -> str:
    """A named phrase read with its conjuncts ("Google and Apple") keeps only its own words."""
    cut = min(c.left_edge.i for c in conj)
    doc = conj[0].doc
    for k in (cut - 1, cut - 2):
        if k >= 0 and doc[k].dep_ == "cc":
            tail = doc[k:conj[-1].right_edge.i + 1].text
            return name[:len(name) - len(tail)].strip().rstrip(",") if name.endswith(tail) else name
    return name


@dataclass
class Person:
    name: str
    role: str | None = None
    office: frozenset = frozenset()   # office_words of the role
    seen: int = 0                     # sentence of the latest mention
    gender: str | None = None         # "m" | "f" once the article shows it


def gender_of(word: str) -> str | None:
    low = word.lower()
    return "m" if low in MALE_WORDS else "f" if low in FEMALE_WORDS else None


def _qualifiers(text: str) -> set[str]:
    """Capitalised words of an office that are not title words: "Armenian", "Kremlin"."""
    return {fold(w) for w in text.replace("’s", "").split()
            if w[:1].isupper() and fold(w).strip(".,") not in TITLE_WORDS | {"the", "a", "an", "pm"}}


class NameRegistry:
    """The people an article has introduced (fullest name, role), and what
    its pronouns and offices may refer to at this point of reading."""

    def __init__(self):
        self.people: dict[str, Person] = {}
        self.groups: dict[str, str] = {}         # name_key -> first form of a group's name
        self.last_person: str | None = None      # the latest person speaker
        self.last_person_at = -10
        self.last_subject: str | None = None     # the latest person as a clause subject
        self.last_subject_at = -10
        self.last_group: str | None = None
        self.last_group_at = -10
        self.bodies: dict[str, str] = {}         # last word (folded) -> latest organisation named in full
        self.anonymous: set[str] = set()         # person nouns the article used with "a": "a lawmaker"
        self.last_body: tuple = (None, -10)      # the latest state or organisation a main clause had as subject
        self.joint: dict[str, list[str]] = {}    # a joint speaker ("X and Y") -> each of its sources
        self.sentence = 0

    def add_entities(self, span, inside: frozenset = frozenset()) -> None:
        """Read a sentence: remember its full names, their roles, and its person
        subject (never one inside a quotation: ``inside``, the token indices
        the article's quotes cover, also those opened in an earlier sentence)."""
        self.sentence += 1
        named = []
        quoted = quoted_tokens(span) | inside
        self._before = (self.last_subject, self.last_subject_at)   # who "he" was before this sentence's names
        root = span.root   # "Armenia has a different take. It has accused Moscow ...": the body "it" may stand for
        body = next((c for c in root.children if c.dep_ == "nsubj" and c.ent_type_ in ("GPE", "ORG") and c.pos_ == "PROPN"
                     and c.i not in quoted_tokens(span) | inside), None)
        if body is not None:
            self.last_body = (_one_source(body).name, self.sentence)
        for tok in span:   # "a lawmaker asked ...": "the lawmaker" later is that anonymous person
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in PERSON_EPITHETS and _indefinite(tok) and tok.i not in quoted \
                    and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "dative") \
                    and (tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].is_quote
                         or not any(t.text == "," for t in tok.doc[max(0, tok.left_edge.i - 2):tok.left_edge.i])):
                # not "X, a historian," nor "X is a historian"; but "“…,” an official said" is anonymous
                self.anonymous.add(tok.lemma_.lower())
        self._subject_tok = None
        for ent in span.ents:   # "the Collective Security Treaty Organization": "the organization" later
            if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].pos_ == "PROPN" and ent.root.i not in quoted:
                self.bodies[fold(ent[-1].text)] = phrase([t for t in ent if t.lower_ not in ("'s", "’s")])
        for ent in span.ents:
            if ent.label_ != "PERSON":
                continue
            toks = _name_tokens(ent)
            if not toks:
                continue
            name = phrase(toks)
            if len(toks) >= 2 and all(t.text[:1].isupper() or _glued(t) for t in toks):
                self.add_name(name, _role_of(ent.root, toks) if ent.root.i == toks[-1].i else None)
            if _subject_name(ent.root) and self.expand(name) and ent.root.i not in quoted:
                # only a person the article has named in full: the small model
                # tags a place in subject position ("Karabakh paid") as a PERSON
                self.last_subject = self.expand(name)
                self.last_subject_at = self.sentence
                self._subject_tok = ent.root.i if self._subject_tok is None else self._subject_tok
            full = self.expand(name)
            if full:
                self.people[full].seen = self.sentence
                named.append((full, ent))
        for run, role in _unlabelled_people(span):
            name = phrase(run)
            self.add_name(self.expand(name) or name, role)   # a known name still learns its role
            full = self.expand(name)
            if full and all(full != f for f, _ in named):
                named.append((full, span.doc[run[0].i:run[-1].i + 1]))
                if _subject_name(run[-1]) and run[-1].i not in inside:
                    self.last_subject, self.last_subject_at = full, self.sentence
                    self._subject_tok = run[-1].i if self._subject_tok is None else self._subject_tok
        self._learn_gender(span, named)

    def _learn_gender(self, span, named) -> None:
        """A person's gender from the sentence that names them: an
        honorific or office word before the name ("Ms Lund", "spokeswoman
        Lund"), or, when the sentence names one person only, the gendered
        pronouns after the name ("Lund ... her office")."""
        for full, ent in named:
            before = span.doc[ent.start - 1] if ent.start > span.start else None
            for tok in [before, ent[0]] + ([self._role_head(full)] if self.people[full].role else []):
                g = gender_of(tok) if isinstance(tok, str) else gender_of(tok.text) if tok is not None else None
                if g and not self.people[full].gender:
                    self.people[full].gender = g
        if len({f for f, _ in named}) != 1:
            return
        full, ent = named[0]
        found = {gender_of(t.text) for t in span if t.i >= ent.end and t.pos_ == "PRON"} - {None}
        if len(found) == 1 and not self.people[full].gender:
            self.people[full].gender = found.pop()

    def _role_head(self, full: str) -> str:
        role = self.people[full].role or ""
        return next((w for w in fold(role).replace(",", " ").split() if gender_of(w)), "")

    def add_name(self, name: str, role: str | None = None) -> None:
        person = self.people.get(name)
        if person is None:
            person = self.people[name] = Person(name)
        person.seen = self.sentence
        if role and not person.role:
            person.role = role
            person.office = frozenset(office_words(role))

    def role_of(self, name: str | None) -> str | None:
        person = self.people.get(name) if name else None
        return person.role if person else None

    def expand(self, name: str, fuzzy: bool = True) -> str | None:
        """The fullest known name that ``name`` (a surname, a short form) refers to."""
        words = [w for w in name.replace("’s", "").replace("'s", "").split() if fold(w) not in HONORIFICS]
        if not words:
            return None
        last = fold(words[-1])
        best = None
        for full in self.people:
            fw = full.split()
            if len(fw) < len(words):
                continue
            if fold(fw[-1]) == last or (fuzzy and len(last) >= 6 and fuzz.ratio(fold(fw[-1]), last) >= 85):
                if len(words) == 1 or [fold(w) for w in fw[-len(words):]] == [fold(w) for w in words] or fold(fw[0]) == fold(words[0]):
                    if best is None or len(full) > len(best):
                        best = full
        return best

    def holder(self, office: str, unique: bool = False) -> str | None:
        """The person the article has named in this office ("the Armenian
        prime minister" -> the Prime Minister named earlier), the latest
        mentioned if several match (or None, with ``unique``); None when the
        phrase is no office or nobody in the article holds it."""
        words = office_words(office)
        if not words or words[-1] not in TITLE_WORDS:
            return None
        quals = _qualifiers(office)
        titles = [w for w in words if w not in quals]
        found = []
        for p in self.people.values():
            if not p.office or words[-1] not in p.office or not set(titles) <= p.office:
                continue
            pq = _qualifiers(p.role or "")
            if quals and pq and not quals <= pq | p.office:
                continue
            found.append(p)
        if not found or unique and len(found) > 1:
            return None
        return max(found, key=lambda p: p.seen).name

    def final_name(self, name: str, kind: str | None) -> str | None:
        """Once the whole article is read: the fullest form of a short name,
        or the holder of an office named before its holder ("Armenian PM"
        in a headline); None when nothing better is known."""
        if " and " in name or fold(name).split()[0] in ("a", "an", "one", "another", "some"):
            return None
        body = self._body_for(name) if kind in ("named", "group") else None
        if body:
            return body   # "Foreign Ministry" in a headline, "the Norwegian Foreign Ministry" below
        if kind in ("person", "named"):
            full = self.expand(name, fuzzy=kind == "person")
            return full if full and full != name else None
        if kind == "group":
            if len(name.split()) == 1 and name[:1].isupper():
                full = self.expand(name, fuzzy=False)   # "… — Lavrov" in a headline, named in full below
                if full and full != name:
                    return full
            return self.holder(name, unique=True)
        return None

    def _body_for(self, name: str) -> str | None:
        """The organisation named in full whose name holds all of ``name``'s
        words (two or more, capitalised): "Foreign Ministry" -> "the
        Norwegian Foreign Ministry"."""
        words = [w for w in name.split() if fold(w) != "the"]
        if len(words) < 2 or not all(w[:1].isupper() for w in words):
            return None
        body = self.bodies.get(fold(words[-1]))
        if body and len(body) > len(name) and set(map(fold, words)) <= set(map(fold, body.split())):
            return body
        return None

    def resolve(self, src: Source, head=None) -> tuple[str | None, str]:
        """Return (speaker name, kind) for a source found at this point of the article."""
        if src.kind == "pronoun":
            low = src.name.lower()
            if low in AUTHOR_PRONOUNS:
                return None, "pronoun"   # outside a quotation, the author (or the reader)
            near = (_indefinite_before(head) or _place_of(head)) if head is not None else None
            if near:
                return near, "group"     # "I asked an official ..., they replied"
            if low in PERSONAL_PRONOUNS:
                later = head is not None and self.last_subject_at == self.sentence and \
                    getattr(self, "_subject_tok", None) is not None and self._subject_tok > head.i
                if later:   # "He said that Putin ...": not the name that follows the pronoun
                    now = self.last_subject, self.last_subject_at
                    self.last_subject, self.last_subject_at = self._before
                name = self._person_for(gender_of(low))
                if later:
                    self.last_subject, self.last_subject_at = now
                return (name, "person") if name else (None, "pronoun")
            if low in THING_PRONOUNS or low in STATEMENT_NOUNS:
                # "It added ...", "the statement said": the body that spoke just before
                if self.last_group and self.sentence - self.last_group_at <= 3:
                    return self.last_group, "named"
                if low in STATEMENT_NOUNS and self.last_person and self.sentence - self.last_person_at <= 3:
                    return self.last_person, "person"
                body, at = self.last_body
                if low in THING_PRONOUNS and body and self.sentence - at == 1:
                    return body, "named"   # "Norway has its own view. It has accused Oslo's rivals ..."
                return None, "pronoun"
            return (self.last_group, "group") if self.last_group else (None, "pronoun")
        if src.kind in ("person", "person_or_named"):
            full = self.expand(src.name)
            if full:
                return full, "person"
            if src.kind == "person":
                return src.name, "person"
            return src.name, "named"
        if len(src.name.split()) == 1 and src.name[:1].isupper():
            full = self.expand(src.name)   # "LUND:" in a transcript, a surname the tagger took for a noun
            if full:
                return full, "person"
        if not src.indefinite:
            held = self.holder(src.name)
            if held:
                return held, "person"
            if src.epithet:
                named = self._epithet_person(src)
                if named:
                    return named, "person"
            words = fold(src.name).split()
            if len(words) == 2 and words[0] == "the" and words[1] in self.bodies:
                return self.bodies[words[1]], "named"   # "the ministry" after "the Russian Foreign Ministry"
        key = name_key(src.name)
        return self.groups.setdefault(key, src.name), src.kind

    def _epithet_person(self, src: Source) -> str | None:
        """"the diplomat continued": the person whose role has the word, the
        latest first; for a loose epithet, else the latest person speaker."""
        word = src.epithet
        if word in self.anonymous:
            return None   # "a lawmaker ... the lawmaker": nobody named
        fits = [p for p in self.people.values() if p.role and word in fold(p.role).replace(",", " ").split()]
        if fits:
            return max(fits, key=lambda p: p.seen).name
        recent = max(self.last_person_at, self.last_subject_at)
        if src.loose and self.sentence - recent <= 8:
            return self._person_for(gender_of(word))
        return None

    def _person_for(self, gender: str | None) -> str | None:
        """The person a "he" or "she" stands for: the latest person speaker
        (if recent), else the latest person subject, else the latest
        speaker; skipping anyone of the other gender, and then the most
        recently mentioned person of the pronoun's gender. What the
        pronoun resolves to teaches that person's gender."""
        recent = self.last_person if self.sentence - self.last_person_at <= 4 else None
        order = [n for n in (recent, self.last_subject, self.last_person) if n]
        if self.last_subject and self.last_subject_at > self.last_person_at and self.sentence - self.last_subject_at <= 1:
            order.insert(0, self.last_subject)   # "His neighbour X ... is less sure. “…,” he said.": the newcomer
        name = order[0] if order else None
        if gender:
            fits = [n for n in order if self._gender(n) in (gender, None)]
            others = sorted(self.people.values(), key=lambda p: (p.gender != gender, -p.seen))
            others = [p for p in others if p.gender in (gender, None)]
            name = fits[0] if fits else others[0].name if others else name
            if name in self.people and self.people[name].gender is None:
                # a person of the pronoun's gender mentioned since beats one of unknown gender
                later = [p for p in self.people.values() if p.gender == gender and p.seen > self.people[name].seen]
                if later:
                    name = max(later, key=lambda p: p.seen).name
            if name in self.people and not self.people[name].gender and len(self.people) > 0:
                self.people[name].gender = gender
        return name

    def _gender(self, name: str) -> str | None:
        person = self.people.get(name)
        return person.gender if person else None

    def note_speaker(self, name: str, kind: str) -> None:
        if kind == "person":
            self.last_person = name
            self.last_person_at = self.sentence
        elif kind in ("named", "group"):
            self.last_group = name
            self.last_group_at = self.sentence
            words = name.split()
            if len(words) >= 2 and fold(words[0]) not in ("a", "an", "one", "some", "another"):
                self.bodies[fold(words[-1])] = name

    def note_issuer(self, span) -> None:
        """"The agency issued a statement": a later "the statement said" or
        "it added" is the agency's."""
        for tok in span:
            if tok.lemma_.lower() in ("issue", "release", "publish", "put", "post", "circulate") and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in tok.children):
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is not None and (subj.ent_type_ == "ORG" or subj.pos_ == "PROPN" or subj.lemma_.lower() in SOURCE_NOUNS):
                    name, kind = self.resolve(source_of(subj), subj)
                    if name:
                        self.note_speaker(name, "named" if kind == "person_or_named" else kind)


def _subject_name(tok) -> bool:
    """The name is its clause's subject, or the subject's apposition ("His neighbour Ola Brekke ... is")."""
    subj = tok if tok.dep_ in ("nsubj", "nsubjpass") else tok.head if tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass") else None
    if subj is None:
        return False
    verb = subj.head   # "He said that Putin pays ...": the subject of what was said is not the topic
    return not (verb.dep_ == "ccomp" and (verb.head.lemma_.lower() in CUE_LEMMAS or any(
        c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)))


def _job(noun) -> bool:
    low = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and (low in SOURCE_NOUNS | TITLE_WORDS or low.endswith(SOURCE_SUFFIXES))


def _unlabelled_people(span):
    """Full names the small model's NER misses or mislabels ("Marina
    Avetisyan" as a nationality, "Anush Barseghyan" as an organisation): a
    run of two or three capitalised proper nouns that a person's frame
    surrounds: an apposition naming a person's job ("X, a senior fellow at
    ..."), an office word before it ("spokeswoman X"), or a speech verb it
    is the subject of ("X said")."""
    quoted = quoted_tokens(span)   # "“Erdogan was the first leader …”": a name inside a quote is no newcomer
    for tok in span:
        if tok.i in quoted or tok.pos_ != "PROPN" or tok.ent_type_ in ("DATE", "TIME", "MONEY") or (
                tok.i + 1 < span.end and tok.doc[tok.i + 1].pos_ == "PROPN"):
            continue
        run = _propn_run(tok)
        if not 1 <= len(run) <= 3 or not all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() for t in run) \
                or any(t.lower_ in SOURCE_NOUNS | TITLE_WORDS | HONORIFICS for t in run):
            continue
        before = tok.doc[run[0].i - 1] if run[0].i > span.start else None
        appos = next((c for c in tok.children if c.dep_ == "appos" and _job(c)), None)
        if appos is None and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":   # "X is a historian at ..."
            appos = next((c for c in tok.head.children if c.dep_ == "attr" and _job(c)), None)
        titled = before is not None and (before.lower_ in TITLE_WORDS and before.lower_ not in ("state", "house", "senate")
                                         or before.lemma_.lower() in PERSON_NOUNS)
        speaks = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in CUE_LEMMAS and tok.head.pos_ == "VERB"
        aged = any(c.dep_ in ("appos", "npadvmod", "amod", "nummod") and c.like_num and c.i == run[-1].i + 2
                   and tok.doc[c.i - 1].text == "," for c in tok.children)   # "Ingrid Dahl, 58,"
        if len(run) == 1 and appos is None:
            continue   # a lone surname is a person only with a job in apposition ("Lund, the mayor, ...")
        if appos is not None:
            yield run, phrase(list(appos.subtree))
        elif titled:
            yield run, phrase([t for t in tok.doc[tok.left_edge.i:run[0].i] if t.dep_ != "det"]) or None
        elif speaks or aged:
            yield run, None


def _indefinite_before(pron) -> str | None:
    """An anonymous person named earlier in the pronoun's sentence ("a
    Russian interlocutor", "an official"): what "they" or "she" stands for."""
    if pron.lower_ not in REFERRING_PRONOUNS:
        return None
    before = list(pron.sent)[:pron.i - pron.sent.start]
    quoted = quoted_tokens(before)   # "“… abandoning an ally,” she said": no source in the quote
    for tok in reversed(before):
        if tok.i in quoted:
            continue
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj", "dative", "nsubj") and _indefinite(tok) \
                and (tok.lemma_.lower() in SOURCE_NOUNS or tok.lemma_.lower().endswith(SOURCE_SUFFIXES)):
            toks = [t for t in tok.subtree if t.i <= tok.i]
            return phrase(toks)
    return None


def _place_of(pron) -> str | None:
    """"In Oslo they say ...": "they" are the place's people; the place speaks."""
    if pron.lower_ != "they":
        return None
    for c in pron.head.children:
        if c.dep_ == "prep" and c.lower_ == "in" and c.i < pron.i:
            pobj = next((g for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"), None)
            if pobj is not None:
                return phrase([t for t in pobj.subtree])
    return None
