"""From a source's head word to a speaker: name, role, and the article's
fullest form of it.

A news article introduces a person once in full ("Richard Giragosian,
director of ...") and then uses the surname or a pronoun. ``NameRegistry``
remembers the full names an article has used so far and maps a surname (even
misspelt), an honorific form or a pronoun back to one of them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from .lexicon import GROUP_PRONOUNS, HONORIFICS, PERSONAL_PRONOUNS, TITLE_WORDS
from .tokens import phrase


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def name_key(name: str) -> str:
    """How a user may type a speaker's name: case, accents, apostrophe style
    and a leading "the" aside ("giragosian", "the foreign ministry")."""
    words = fold(name).replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass
class Source:
    name: str
    role: str | None
    kind: str   # "person" | "named" (organisation, place) | "group" | "pronoun"


def _np_tokens(head):
    """The noun phrase of ``head`` without appositions and clauses."""
    keep = []
    drop = set()
    for c in head.children:
        if c.dep_ in ("appos", "relcl", "acl", "advcl", "punct") or (c.dep_ == "prep" and c.lower_ in ("including", "like", "such")):
            drop.update(t.i for t in c.subtree)
    for t in head.subtree:
        if t.i not in drop:
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


def _role_of(head, name_tokens) -> str | None:
    parts = []
    names = {t.i for t in name_tokens}
    pre = [t for t in head.subtree if t.i < min(names) and t.i not in names and t.dep_ in ("compound", "amod", "poss", "case", "nmod", "det") and t.head.i in names | {head.i} | {x.i for x in head.subtree}]
    pre = [t for t in pre if t.i < min(names)]
    if pre and any(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in pre):
        parts.append(phrase(pre))
    for c in head.children:
        if c.dep_ == "appos":
            parts.append(phrase([t for t in c.subtree]))
    parts = [p for p in parts if p and p.lower() not in ("the", "a", "an")]
    return ", ".join(parts) if parts else None


def _names_included(head) -> list[str]:
    """"officials including X and Y": the named people of a group."""
    out = []
    for c in head.children:
        if c.dep_ != "prep" or c.lower_ not in ("including", "like"):
            continue
        for tok in c.subtree:
            if tok.pos_ != "PROPN" or tok.dep_ not in ("pobj", "appos", "conj"):
                continue
            run = [t for t in tok.doc[tok.left_edge.i:tok.i + 1] if t.pos_ == "PROPN" and t.head.i == tok.i and t.dep_ in ("compound", "flat")]
            run = [t for t in run if t.i > max([x.i for x in run if x.lower_ in TITLE_WORDS] + [-1])] + [tok]
            if len(run) >= 2 and tok.ent_type_ not in ("GPE", "LOC", "FAC"):
                out.append(phrase(run))
    return out


def _name_tokens(ent):
    toks = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
    while toks[:-1] and toks[0].lower_ in HONORIFICS | TITLE_WORDS:
        toks = toks[1:]
    return toks


def source_of(head) -> Source:
    """The speaker phrase a cue's head word stands for, with its role."""
    low = head.lower_
    if head.pos_ == "PRON" or low in PERSONAL_PRONOUNS | GROUP_PRONOUNS:
        return Source(head.text, None, "pronoun")
    np = _np_tokens(head)
    ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    if ent is not None and ent.label_ == "PERSON":
        name_toks = _name_tokens(ent)
        if name_toks:
            return Source(phrase(name_toks), _role_of(head, name_toks), "person")
    if head.pos_ == "PROPN":
        # the proper-noun run ending at the head ("Armen Chibukhchyan")
        run = [head]
        i = head.i - 1
        while i >= 0 and head.doc[i].pos_ == "PROPN" and head.doc[i].head.i == head.i and head.doc[i].dep_ in ("compound", "flat"):
            run.insert(0, head.doc[i])
            i -= 1
        while run[:-1] and run[0].lower_ in HONORIFICS | TITLE_WORDS:
            run = run[1:]
        if ent is not None and ent.label_ in ("ORG", "GPE", "FAC", "LOC", "NORP") and len(ent) > 1:
            return Source(phrase(np), None, "named")
        return Source(phrase(run), _role_of(head, run), "person_or_named")
    for c in head.children:   # "The mayor, Jonas Weber, said": the name in apposition
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            ent = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
            if ent is not None and ent.label_ == "PERSON":
                return Source(phrase(_name_tokens(ent)), phrase(np), "person")
    included = _names_included(head)
    if included:
        return Source(" and ".join(included), phrase(np), "person")
    return Source(phrase(np) or head.text, None, "group")


class NameRegistry:
    """The full names an article has introduced, in order of mention."""

    def __init__(self):
        self.full: list[str] = []
        self.last_person: str | None = None      # the latest person speaker
        self.last_person_at = -10
        self.last_subject: str | None = None     # the latest person as a clause subject
        self.last_group: str | None = None
        self.sentence = 0

    def add_entities(self, span) -> None:
        """Read a sentence: remember its full names and its person subject."""
        self.sentence += 1
        for ent in span.ents:
            if ent.label_ != "PERSON":
                continue
            toks = _name_tokens(ent)
            if len(toks) >= 2 and all(t.text[:1].isupper() for t in toks):
                self.add_name(" ".join(t.text for t in toks))
            if ent.root.dep_ in ("nsubj", "nsubjpass") and toks:
                name = " ".join(t.text for t in toks)
                self.last_subject = self.expand(name) or name

    def add_name(self, name: str) -> None:
        if name not in self.full:
            self.full.append(name)

    def expand(self, name: str) -> str | None:
        """The fullest known name that ``name`` (a surname, a short form) refers to."""
        words = [w for w in name.replace("’s", "").replace("'s", "").split() if fold(w) not in HONORIFICS]
        if not words:
            return None
        last = fold(words[-1])
        best = None
        for full in self.full:
            fw = full.split()
            if len(fw) < len(words):
                continue
            if fold(fw[-1]) == last or (len(last) >= 6 and fuzz.ratio(fold(fw[-1]), last) >= 85):
                if len(words) == 1 or [fold(w) for w in fw[-len(words):]] == [fold(w) for w in words] or fold(fw[0]) == fold(words[0]):
                    if best is None or len(full) > len(best):
                        best = full
        return best

    def resolve(self, src: Source) -> tuple[str | None, str]:
        """Return (speaker name, kind) for a source found at this point of the article."""
        if src.kind == "pronoun":
            low = src.name.lower()
            if low in PERSONAL_PRONOUNS:
                recent = self.last_person if self.sentence - self.last_person_at <= 4 else None
                name = recent or self.last_subject or self.last_person
                return (name, "person") if name else (None, "pronoun")
            return (self.last_group, "group") if self.last_group else (None, "pronoun")
        if src.kind in ("person", "person_or_named") and " and " not in src.name:
            full = self.expand(src.name)
            if full:
                return full, "person"
            if src.kind == "person":
                return src.name, "person"
            return src.name, "named"
        return src.name, src.kind

    def note_speaker(self, name: str, kind: str) -> None:
        if kind == "person":
            self.last_person = name
            self.last_person_at = self.sentence
        elif kind in ("named", "group"):
            self.last_group = name
