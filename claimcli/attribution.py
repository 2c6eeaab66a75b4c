"""Who says a sentence: reporting cues and their sources.

Small pure functions over spaCy tokens, one per pattern, each returning a
``Cue`` (the attributing words and the source's head token) or ``None``.
The article-level pass in ``speakers.py`` turns heads into names.

Patterns:
- a reporting verb with a subject: "X said (that) ...", "..., X said",
  "..., continued X" (inverted), "X told Y that ...", "X argued ...";
- "according to X", "in X's view", "in the view of X";
- "in its statement, X ..." (a statement noun framing the sentence).
"""

from __future__ import annotations

from dataclasses import dataclass

# Verbs of saying that are cues whenever they have a subject.
SPEECH_VERBS = frozenset("""
say tell state announce declare claim argue assert contend maintain report
tweet post hint warn caution insist note stress emphasize emphasise reiterate
repeat explain suggest acknowledge admit concede deny predict complain confirm
allege accuse blame criticize criticise condemn praise urge demand express
remark observe reply respond retort vow pledge promise threaten estimate
propose recommend question dispute reject testify quip joke boast concur
recount lament mourn scoff counter charge protest decry denounce dismiss
""".split())

# Verbs that report speech or belief only with a content clause, a quote
# or in a parenthetical: "Russia continued its policy" is no cue.
CONTENT_VERBS = frozenset("""
add continue agree believe think feel fear expect hope worry doubt suspect
conclude recall write answer ask wonder point call describe reckon guess
conclude assume caution signal indicate
""".split())

CUE_LEMMAS = SPEECH_VERBS | CONTENT_VERBS

# Nouns that frame a sentence as someone's statement: "in its statement".
STATEMENT_NOUNS = frozenset("""
statement speech interview remarks address letter post tweet column op-ed
editorial briefing testimony report memo message announcement
""".split())
VIEW_NOUNS = frozenset("view opinion words estimate assessment judgment judgement analysis estimation".split())

SUBJECT_DEPS = ("nsubj", "nsubjpass")
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")


@dataclass
class Cue:
    text: str          # the cue as it should be shown ("told IWPR", "according to")
    head: object       # spaCy Token: the source's head word
    verb: object       # spaCy Token: the cue's anchor (verb or preposition)
    kind: str          # "verb" | "according" | "view" | "statement"


def _subject(verb):
    """The verb's subject, following coordination and participles."""
    tok = verb
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in SUBJECT_DEPS:
                if c.tag_ == "WDT" or c.lower_ in ("who", "which", "that"):
                    # a relative clause: "X, who said ...": X is the source
                    return tok.head if tok.dep_ == "relcl" else None
                return c
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head is not tok:
            tok = tok.head
            continue
        break
    return None


def _has_content(verb, in_quote) -> bool:
    """A content clause, a quotation, or a parenthetical position."""
    if any(c.dep_ in CONTENT_DEPS for c in verb.children):
        return True
    if verb.dep_ == "parataxis":  # "..., Giragosian continued, ..."
        return True
    if verb.lemma_ == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return True
    if verb.lemma_ == "call" and any(c.dep_ in ("prep", "oprd") and c.lower_ in ("for", "on") or c.dep_ == "oprd" for c in verb.children):
        return True
    sent = verb.sent
    # "“…,” he said." / "He said: “…”": the verb heads a sentence with a quote
    if any(in_quote(t.idx) for t in sent if not t.is_space):
        if verb.dep_ == "ROOT" or verb.head.dep_ == "ROOT":
            return True
    if any(c.lower_ == ":" for c in verb.rights) or (verb.i + 1 < len(verb.doc) and verb.nbor(1).lower_ == ":"):
        return True
    return False


def _cue_text(verb) -> str:
    """The verb with its auxiliaries, particle and indirect object."""
    parts = [verb]
    for c in verb.children:
        if c.dep_ == "prt":
            parts.append(c)
        elif c.dep_ in ("dobj", "dative", "iobj") and verb.lemma_ in ("tell", "ask", "inform", "assure", "warn", "remind"):
            if c.pos_ in ("PROPN", "PRON", "NOUN") and c.i > verb.i:
                parts.extend(t for t in c.subtree if t.dep_ != "punct")
        elif c.dep_ == "neg":
            parts.append(c)
    parts.sort(key=lambda t: t.i)
    if len(parts) > 6:
        parts = [verb]
    return " ".join(t.text for t in parts)


def verb_cues(sent, in_quote) -> list[Cue]:
    cues = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in CUE_LEMMAS:
            continue
        if in_quote(tok.idx):
            continue
        if tok.tag_ in ("VBG",) and tok.dep_ in ("amod", "compound", "pcomp"):
            continue
        subj = _subject(tok)
        if subj is None or in_quote(subj.idx):
            continue
        if subj.lower_ in ("it", "there", "this", "that", "which", "what"):
            continue  # "it is said", "this suggests": no source
        if tok.lemma_.lower() in CONTENT_VERBS and not _has_content(tok, in_quote):
            continue
        if tok.lemma_.lower() in SPEECH_VERBS and tok.lemma_.lower() in ("report", "post", "charge", "question", "dismiss", "reject", "repeat", "express", "estimate", "recommend", "propose") and not _has_content(tok, in_quote):
            # these have other senses unless they frame content or an object of speech
            if not any(c.dep_ == "dobj" for c in tok.children):
                continue
        cues.append(Cue(_cue_text(tok), subj, tok, "verb"))
    return cues


def according_cues(sent, in_quote) -> list[Cue]:
    """"according to X"."""
    cues = []
    for tok in sent:
        if tok.lower_ == "according" and not in_quote(tok.idx):
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                if objs:
                    cues.append(Cue("according to", objs[0], tok, "according"))
    return cues


def view_cues(sent, in_quote) -> list[Cue]:
    """"in X's view", "in the opinion of X", "in X's words"."""
    cues = []
    for tok in sent:
        if tok.lower_ not in ("in", "to") or in_quote(tok.idx):
            continue
        for pobj in (c for c in tok.children if c.dep_ == "pobj"):
            if pobj.lemma_.lower() not in VIEW_NOUNS and pobj.lemma_.lower() != "mind":
                continue
            poss = [c for c in pobj.children if c.dep_ == "poss"]
            of = [g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            src = (poss or of or [None])[0]
            if src is not None:
                cues.append(Cue(f"in {src.text}'s {pobj.text}" if poss else f"in the {pobj.text} of", src, tok, "view"))
    return cues


def statement_cues(sent, in_quote) -> list[Cue]:
    """"In its statement, the ministry focused on ...": the frame names a statement."""
    cues = []
    root = sent.root
    for tok in sent:
        if tok.lower_ != "in" or in_quote(tok.idx) or tok.head is not root:
            continue
        for pobj in (c for c in tok.children if c.dep_ == "pobj"):
            if pobj.lemma_.lower() in STATEMENT_NOUNS:
                subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
                if subj is not None and subj.lower_ not in ("it", "there", "this"):
                    cues.append(Cue(" ".join(t.text for t in tok.subtree)[:60], subj, tok, "statement"))
    return cues


def _depth(tok) -> int:
    d = 0
    while tok.head is not tok and d < 50:
        tok = tok.head
        d += 1
    return d


def sentence_cue(sent, in_quote) -> Cue | None:
    """The outermost cue of a sentence, if it has one."""
    cues = verb_cues(sent, in_quote) + according_cues(sent, in_quote) + view_cues(sent, in_quote)
    if not cues:
        cues = statement_cues(sent, in_quote)
    if not cues:
        return None
    return min(cues, key=lambda c: (_depth(c.verb), c.verb.i))
