"""Small helpers over spaCy tokens that the cue patterns and the speaker
resolver share: a phrase's text, a token's depth and path in the parse, a
verb's subject, and whether a word can name someone who speaks."""

from __future__ import annotations

from .lexicon import CUE_LEMMAS, PERSON_EPITHETS, SHARE_WORDS, SOURCE_PRONOUNS, SOURCE_NOUNS, SOURCE_SUFFIXES

SUBJECT_DEPS = ("nsubj", "nsubjpass")


def lemma(tok) -> str:
    """The token's lemma, lower-cased; for a cue verb the small model
    mislemmatises ("hopes" -> "hop"), the surface form's stem."""
    lem = tok.lemma_.lower()
    if lem in CUE_LEMMAS or tok.pos_ not in ("VERB", "AUX"):
        return lem
    return cue_stem(tok.lower_) or lem


def cue_stem(word: str) -> str | None:
    """The cue verb an inflected form stands for, by its suffix ("notes" ->
    "note", "argued" -> "argue"), or None."""
    for suffix, repl in (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and word[:-len(suffix)] + repl in CUE_LEMMAS:
            return word[:-len(suffix)] + repl
    return None


def phrase(tokens) -> str:
    """The tokens' text as written (spacing kept), without edge punctuation."""
    text = ""
    for t in tokens:
        text += t.text + t.whitespace_
    return text.strip().strip(",;:").strip()


def path(tok) -> list:
    """The token and its heads up to the root."""
    out = [tok]
    while tok.head.i != tok.i and len(out) < 60:
        tok = tok.head
        out.append(tok)
    return out


def depth(tok) -> int:
    return len(path(tok)) - 1


def child(tok, *deps):
    """The token's first child with one of ``deps``, or None."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def has_child(tok, *deps) -> bool:
    return child(tok, *deps) is not None


def is_passive(verb) -> bool:
    return has_child(verb, "auxpass", "nsubjpass")


DASHES = ("--", "—", "–", "-")


def spaced_dash(tok) -> bool:
    """A dash between words ("OSLO — …"), not a compound's hyphen ("27-member")."""
    return tok.text in DASHES and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _past_dateline(subj):
    """"WASHINGTON -- President Obama ... said", "CLEVELAND, July 19 (UPI) —
    X told", "New York (AFP) – X said": the dateline is no subject; the name
    after its dash, before the verb, is."""
    doc, sent, verb = subj.doc, subj.sent, subj.head
    if subj.i - sent.start > 2 or subj.i + 1 >= sent.end:
        return subj
    nxt = doc[subj.i + 1]
    agency = nxt.text == "(" and any(t.text == ")" for t in doc[subj.i + 2:min(subj.i + 5, sent.end)])
    if not (subj.text.isupper() and (nxt.text == "," or spaced_dash(nxt)) or agency):
        return subj
    if spaced_dash(nxt):
        return next((c for c in subj.children if c.dep_ in ("appos", "conj", "npadvmod") and c.i > nxt.i), None)
    dash = next((t for t in doc[subj.i + 1:min(subj.i + 10, sent.end)] if spaced_dash(t)), None)
    if dash is None or verb.i <= dash.i:
        return subj   # "Gov. X (R) said", "The EU said its 27-member bloc …": no dateline
    name = next((t for t in doc[dash.i + 1:verb.i] if t.ent_type_ == "PERSON"), None)
    if name is None:
        # "OSLO, Sept 16 - The Nordic Ferry Council said": the phrase after the dash, hung on the dateline
        after = [t for t in subj.subtree if dash.i < t.i < verb.i and not t.is_punct]
        region = {t.i for t in after}
        return next((t for t in after if t.head.i not in region), subj)
    while name.i + 1 < verb.i and doc[name.i + 1].ent_iob_ == "I":
        name = doc[name.i + 1]
    return name


def subject(verb):
    """The verb's subject, following coordination and participles."""
    subj = _subject(verb)
    if subj is None:
        subj = _name_before(verb)
    if subj is not None and subj.pos_ == "PROPN":
        return _past_dateline(subj)   # "TEHRAN, Oct 23 — …", "New York (AFP) – …": the tagger may call the city anything
    return subj


def _name_before(verb):
    """A person named right before a finite verb the parser gave no subject:
    "Saturday at the rally Sen. Ann Ellis (D-Ore.) said ..." (a dateline,
    a title or a party tag in brackets throws the parse off)."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    doc, start = verb.doc, verb.sent.start
    i = verb.i - 1
    while i >= start and doc[i].head.i == verb.i and doc[i].dep_ in ("aux", "advmod", "neg"):
        i -= 1   # "Ellis also said", "Ellis has said"
    if i >= start and doc[i].text == ")":
        j = i - 1
        while j > start and doc[j].text != "(" and i - j < 8:
            j -= 1
        i = j - 1 if doc[j].text == "(" else i
    if i < start or doc[i].ent_type_ != "PERSON" or doc[i].is_punct or doc[i].dep_ == "pobj":
        return None
    first = i
    while first > start and doc[first].ent_iob_ == "I":
        first -= 1
    if first > start and doc[first - 1].pos_ == "ADP":
        return None   # "a lawyer for Erik Lund said": the name is the phrase's, not the subject
    return doc[i]


def _subject(verb):
    tok = verb
    for _ in range(4):
        # the subject nearest the verb: in "A, X continued, B" the parser
        # may give "continued" both A's head and X as subjects
        for c in sorted(tok.children, key=lambda c: abs(c.i - tok.i)):
            if c.dep_ in SUBJECT_DEPS:
                if c.lower_ in ("who", "that") and tok.dep_ == "relcl":
                    if tok.head.dep_ in ("attr", "conj", "appos") and tok.head.pos_ == "NOUN":
                        return None  # "he is a liar who pledged ...": a predicate, not a source
                    return tok.head  # "X, who said ...": X is the source
                if c.tag_ in ("WDT", "WP", "WP$"):
                    return None
                return c
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head.i != tok.i:
            infinitive = tok.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if tok.dep_ != "conj" and infinitive and has_child(tok.head, "dobj"):
                return None  # "drove voters to question": the object, not the subject, speaks
            tok = tok.head
            continue
        break
    return None


def plausible_source(tok) -> bool:
    """Could this word name someone who speaks? People, bodies, publications."""
    if tok.pos_ == "PRON" or tok.lower_ == "one":
        if tok.lower_ == "one" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return False   # generic "one cannot expect ...", not "one of the officials"
        return tok.lower_ in SOURCE_PRONOUNS
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if tok.pos_ == "NOUN" and tok.is_title and tok.i > tok.sent.start and not tok.doc[tok.i - 1].is_punct \
            and tok.dep_ in ("nsubj", "pobj", "appos"):
        return True   # "… on MSNBC, host Matthews said": a surname the tagger took for a noun
    if tok.pos_ == "NOUN" and tok.text[:1].isupper() and any(ch.isupper() for ch in tok.text[1:]) and tok.is_alpha:
        return True   # "the Norwegian MoD", "the MFA": an acronym of a body
    lemma = tok.lemma_.lower()
    if lemma in SOURCE_NOUNS or tok.lower_ in SOURCE_NOUNS or lemma.endswith(SOURCE_SUFFIXES) \
            or lemma in PERSON_EPITHETS:     # "the premier claimed": a person's title speaks
        return True
    # "64 percent of farmers", "a majority of voters", "half of the nurses"
    if lemma in SHARE_WORDS:
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and plausible_source(g) for g in c.children) for c in tok.children)
    return False


_OPENING = ("“", "‘", "«")
_QUOTE_MARKS = ("“", "”", '"', "‘", "’", "«", "»")


def quoted_tokens(tokens) -> set[int]:
    """Indices of the tokens between quotation marks, by the marks alone
    (for helpers that have no article-wide quote index). A sentence that
    opens inside a quotation is not seen as such."""
    quoted, inside = set(), False
    for tok in tokens:
        if tok.is_quote and tok.text in _QUOTE_MARKS and not (tok.text == "’" and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and tok.whitespace_ == "" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].is_alpha):
            inside = tok.text in _OPENING or tok.text == '"' and not inside
            continue
        if inside:
            quoted.add(tok.i)
    return quoted
