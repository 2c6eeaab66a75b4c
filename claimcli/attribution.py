"""Who says a sentence: reporting cues and their sources.

Small pure functions over spaCy tokens, one per pattern, each returning
``Cue`` candidates (the attributing words and the source's head token). The
article-level pass in ``analyse.py`` turns heads into names.

Patterns:
- a reporting verb with a subject: "X said (that) ...", "..., X said",
  "..., continued X" (inverted), "X told Y that ...", "X argued ...";
- "X made it clear that ...";
- "according to X", "in X's view", "in the view of X";
- "in its statement, X ..." (a statement noun framing the sentence).
"""

from __future__ import annotations

from dataclasses import dataclass

# Verbs of saying that are cues whenever they have a plausible source.
SPEECH_VERBS = frozenset("""
say tell state announce declare claim argue assert contend maintain tweet
hint warn caution insist note stress emphasize emphasise reiterate explain
suggest acknowledge admit concede deny predict complain confirm allege
accuse blame criticize criticise condemn praise urge demand remark observe
reply retort vow pledge testify quip joke boast concur recount lament scoff
decry denounce comment speculate opine question express
""".split())

# Verbs that report speech or belief only with a content clause, a quote or
# in a parenthetical: "Russia continued its policy" is no cue.
CONTENT_VERBS = frozenset("""
add continue agree believe think feel fear expect hope worry doubt suspect
conclude recall write answer ask wonder point call describe reckon guess
assume signal indicate report post repeat estimate propose
recommend dispute reject dismiss counter charge protest respond
promise mourn
""".split())

# Verbs of public stance ("X endorsed Y", "X is defending the plan"): a cue
# only with a named source (a person, office or body, never a pronoun) and
# an object or complement that carries what the source holds.
ATTITUDE_VERBS = frozenset("""
endorse support oppose back defend reaffirm champion applaud welcome hail
slam blast pan attack hammer lambaste rebuke chide fault disparage mock
characterize characterise portray cast label dub brand
tout push press advocate seek vow threaten discuss bemoan
""".split())

CUE_LEMMAS = SPEECH_VERBS | CONTENT_VERBS | ATTITUDE_VERBS

# Nouns that frame a sentence as someone's statement: "in its statement".
STATEMENT_NOUNS = frozenset("""
statement speech interview remark address letter post tweet column op-ed
editorial briefing testimony memo message announcement communique
""".split())
VIEW_NOUNS = frozenset("view opinion words estimate assessment judgment judgement estimation mind".split())

# Common nouns that can be a source: people, offices, bodies, publications.
SOURCE_NOUNS = frozenset("""
official spokesman spokeswoman spokesperson spokespeople representative source
analyst expert observer critic supporter opponent aide adviser advisor staff
staffer lawmaker legislator senator congressman congresswoman member leader
minister ministry department government administration agency office
authority police officer prosecutor attorney lawyer judge court committee
commission council panel board campaign party group organization
organisation coalition union company firm president chairman chairwoman chair
director executive ceo manager head chief secretary governor mayor ambassador
diplomat envoy negotiator mediator general commander military army people
resident voter citizen protester activist demonstrator witness victim survivor
parent teacher student doctor scientist researcher economist historian scholar
professor journalist reporter correspondent editor columnist writer author
commentator pundit pollster strategist consultant operative insider person man
woman friend family relative father mother son daughter wife husband colleague
employee worker farmer owner founder delegate candidate nominee challenger
incumbent rival ally partner neighbor neighbour country nation side
interlocutor veteran soldier fighter militant rebel separatist faction bloc
caucus parliament assembly congress senate cabinet regime embassy mission
delegation report study poll survey letter memo document filing lawsuit
complaint indictment website newspaper paper outlet network channel magazine
media press broadcaster watchdog nonprofit institute center centre foundation
association federation team camp kremlin moscow capital lobby industry
manufacturer bank fund investor trader scientist official spokesmen sources
officials experts analysts diplomats
""".split())
SOURCE_SUFFIXES = ("ist", "ian", "ologist", "man", "woman", "person")
# A share of a group speaks for it in polls: "64 percent of farmers said".
SHARE_WORDS = frozenset("percent % majority minority half third quarter plurality most many some few".split())

SUBJECT_DEPS = ("nsubj", "nsubjpass")
CONTENT_DEPS = ("ccomp", "parataxis")
NO_SOURCE = frozenset("it there this that which what these those".split())


@dataclass
class Cue:
    text: str          # the cue as shown ("told IWPR", "according to")
    head: object       # spaCy Token: the source's head word
    verb: object       # spaCy Token: the cue's anchor (verb or preposition)
    kind: str          # "verb" | "according" | "view" | "statement"


def plausible_source(tok) -> bool:
    """Could this word name someone who speaks? People, bodies, publications."""
    if tok.pos_ == "PRON":
        return tok.lower_ not in NO_SOURCE
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lemma = tok.lemma_.lower()
    if lemma in SOURCE_NOUNS or tok.lower_ in SOURCE_NOUNS or lemma.endswith(SOURCE_SUFFIXES):
        return True
    # "64 percent of farmers", "a majority of voters", "half of the nurses"
    if lemma in SHARE_WORDS:
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and plausible_source(g) for g in c.children) for c in tok.children)
    # "Putin's press secretary", "the Clinton campaign"
    return any(c.dep_ in ("compound", "poss") and c.ent_type_ in ("PERSON", "ORG") for c in tok.children)


def _subject(verb):
    """The verb's subject, following coordination and participles."""
    tok = verb
    for _ in range(4):
        # the subject nearest the verb: in "A, X continued, B" the parser
        # may give "continued" both A's head and X as subjects
        for c in sorted(tok.children, key=lambda c: abs(c.i - tok.i)):
            if c.dep_ in SUBJECT_DEPS:
                if c.lower_ in ("who", "that") and tok.dep_ == "relcl":
                    return tok.head  # "X, who said ...": X is the source
                if c.tag_ in ("WDT", "WP", "WP$"):
                    return None
                return c
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head.i != tok.i:
            if tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children):
                return None  # "drove voters to question": the object, not the subject, speaks
            tok = tok.head
            continue
        break
    return None


def _parenthetical(verb, subj) -> bool:
    """", Giragosian continued," / ", continued Chibukhchyan." / "..., he said."."""
    doc = verb.doc
    lo = min(verb.i, subj.left_edge.i)
    hi = max(verb.i, subj.right_edge.i)
    before = doc[lo - 1].text if lo > verb.sent.start else ""
    after = doc[hi + 1].text if hi + 1 < verb.sent.end else ""
    return before in (",", "”", '"', "—", "–", ";") and after in (",", ".", "", "—", "–", ";", "!", "?")


def _has_content(verb, subj, in_quote) -> bool:
    """A content clause, a quotation, or a parenthetical position."""
    if any(c.dep_ in CONTENT_DEPS for c in verb.children):
        return True
    if verb.dep_ == "parataxis" or _parenthetical(verb, subj):
        return True
    lemma = verb.lemma_.lower()
    if lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return True
    if lemma == "call" and not any(c.dep_ == "dobj" for c in verb.children) and any(
            c.dep_ == "prep" and c.lower_ in ("for", "on") for c in verb.children):
        return True
    if lemma in ("repeat", "dismiss", "reject") and any(
            c.dep_ == "dobj" and any(in_quote(t.idx) for t in c.subtree) for c in verb.children):
        return True
    # "“…,” he said." / "He said: “…”": the verb heads a sentence with a quote
    sent = verb.sent
    if verb.dep_ == "ROOT" and any(in_quote(t.idx) for t in sent if not t.is_space):
        return True
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.text == ":"


def _stance_taken(verb, subj) -> bool:
    """A named source and something held: an object, a clause, "for"/"against"."""
    named = subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or (
        subj.pos_ == "NOUN" and plausible_source(subj))
    if not named or verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ in ("for", "against")
               for c in verb.children)


def _cue_text(verb) -> str:
    """The verb with its particle, negation and addressee ("told IWPR")."""
    parts = [verb]
    for c in verb.children:
        if c.dep_ in ("prt", "neg"):
            parts.append(c)
        elif c.dep_ in ("dobj", "dative", "iobj") and c.i > verb.i and verb.lemma_ in (
                "tell", "ask", "inform", "assure", "warn", "remind", "make"):
            parts.extend(t for t in c.subtree if t.dep_ != "punct")
        elif verb.lemma_ == "make" and c.lower_ in ("clear", "plain"):
            parts.append(c)
    parts.sort(key=lambda t: t.i)
    if len(parts) > 6:
        parts = [verb]
    return " ".join(t.text for t in parts)


def verb_cues(sent, in_quote) -> list[Cue]:
    cues = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") or in_quote(tok.idx):
            continue
        make_clear = lemma == "make" and any(
            c.lower_ in ("clear", "plain") for c in list(tok.children) + [t for c in tok.children if c.dep_ == "ccomp" for t in c.children])
        if lemma not in CUE_LEMMAS and not make_clear:
            continue
        if tok.dep_ in ("amod", "compound", "pcomp", "acl") and tok.tag_ in ("VBG", "VBN"):
            continue
        subj = _subject(tok)
        if subj is None or in_quote(subj.idx) or not plausible_source(subj):
            continue
        if lemma in CONTENT_VERBS and not make_clear and not _has_content(tok, subj, in_quote):
            continue
        if lemma in ATTITUDE_VERBS and not _stance_taken(tok, subj):
            continue
        cues.append(Cue(_cue_text(tok), subj, tok, "verb"))
    return cues


def inverted_cues(sent, in_quote) -> list[Cue]:
    """", continued Chibukhchyan." / "…,” said the minister, adding …": a cue
    verb after a comma or closing quote, followed by its source, found by
    surface order because the parser often misreads the inversion."""
    cues = []
    toks = list(sent)
    for k, tok in enumerate(toks[1:-1], 1):
        if tok.lemma_.lower() not in CUE_LEMMAS or tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or in_quote(tok.idx):
            continue
        if toks[k - 1].text not in (",", "”", '"', "''", "’", "—", "–"):
            continue
        j = k + 1
        if toks[j].lower_ in ("the", "a", "an", "one", "another"):
            j += 1
        run = []
        while j < len(toks) and (toks[j].pos_ in ("PROPN", "NOUN", "ADJ") or toks[j].text in (".", "-") and toks[j].pos_ == "PROPN"):
            run.append(toks[j])
            j += 1
        if not run:
            continue
        end = toks[j].text if j < len(toks) else ""
        if end not in (",", ".", "", "!", "?", ";", "(", "—", "–", "in", "on", "at", "during", "after", "before"):
            continue
        head = run[-1]
        if plausible_source(head):
            cues.append(Cue(tok.text, head, tok, "verb"))
    return cues


def colon_cues(sent, in_quote) -> list[Cue]:
    """"Lopez put it bluntly: “…”": a source's clause introducing a quotation."""
    for tok in sent:
        if tok.text != ":" or in_quote(tok.idx) or tok.i + 1 >= sent.end or not in_quote(tok.nbor(1).idx):
            continue
        verbs = [t for t in sent if t.i < tok.i and t.pos_ in ("VERB", "AUX") and not in_quote(t.idx)]
        for verb in verbs:
            subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and not in_quote(subj.idx) and plausible_source(subj):
                return [Cue(_cue_text(verb), subj, verb, "colon")]
    return []


def according_cues(sent, in_quote) -> list[Cue]:
    """"according to X"."""
    cues = []
    for tok in sent:
        if tok.lower_ == "according" and not in_quote(tok.idx) and tok.i + 1 < len(tok.doc):
            nxt = tok.nbor(1)
            if nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                if objs:
                    cues.append(Cue("according to", objs[0], tok, "according"))
    return cues


def view_cues(sent, in_quote) -> list[Cue]:
    """"in X's view", "in the opinion of X", "to X's mind"."""
    cues = []
    for tok in sent:
        if tok.lower_ not in ("in", "to") or in_quote(tok.idx):
            continue
        for pobj in (c for c in tok.children if c.dep_ == "pobj"):
            if pobj.lemma_.lower() not in VIEW_NOUNS:
                continue
            poss = [c for c in pobj.children if c.dep_ == "poss" and c.lower_ not in ("my", "our", "your")]
            of = [g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
            src = (poss or of or [None])[0]
            if src is not None and plausible_source(src):
                words = " ".join(t.text for t in tok.subtree)
                cues.append(Cue(words if len(words) < 40 else f"{tok.text} {pobj.text}", src, tok, "view"))
    return cues


def statement_cues(sent, in_quote) -> list[Cue]:
    """"In its statement, the ministry focused on ...": the frame names a statement."""
    cues = []
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None or not plausible_source(subj) or subj.pos_ == "PRON":
        return cues
    for tok in sent:
        if tok.lower_ != "in" or in_quote(tok.idx) or tok.head.i != root.i:
            continue
        for pobj in (c for c in tok.children if c.dep_ == "pobj"):
            if pobj.lemma_.lower() in STATEMENT_NOUNS and any(c.dep_ == "poss" for c in pobj.children):
                cues.append(Cue(f"in {' '.join(t.text for t in pobj.subtree if t.i <= pobj.i)}", subj, tok, "statement"))
    return cues


def depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def holder_cues(sent, in_quote, min_quoted: int = 4) -> list[Cue]:
    """"X thanked Y for “…”", "X called the show “…”": a quotation of some
    length inside the main verb's complement, with a named subject, is that
    subject's words even when the verb is no speech verb."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or in_quote(root.idx):
        return []
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or in_quote(subj.idx) or not (
            subj.ent_type_ in ("PERSON", "ORG", "NORP") or subj.pos_ == "PROPN"):
        return []
    for c in root.children:
        if c.dep_ in ("dobj", "prep", "ccomp", "xcomp", "oprd", "advcl") and c.i > root.i:
            if sum(1 for t in c.subtree if in_quote(t.idx) and t.is_alpha) >= min_quoted:
                return [Cue(_cue_text(root), subj, root, "verb")]
    return []


def sentence_cues(sent, in_quote) -> list[Cue]:
    """All cues of a sentence, the outermost first."""
    cues = verb_cues(sent, in_quote) + according_cues(sent, in_quote) + view_cues(sent, in_quote)
    if not cues:
        cues = inverted_cues(sent, in_quote) or colon_cues(sent, in_quote)
    if not cues:
        cues = statement_cues(sent, in_quote)
    if not cues:
        cues = holder_cues(sent, in_quote)
    return sorted(cues, key=lambda c: (depth(c.verb), c.verb.i))


def _path(tok) -> list:
    out = [tok]
    while tok.head.i != tok.i and len(out) < 60:
        tok = tok.head
        out.append(tok)
    return out


def split_point(c1: Cue, c2: Cue) -> int | None:
    """Token index where a second speaker's clause starts, if the sentence
    coordinates two attributions ("X said A, while Y argued B") rather than
    nesting one in the other ("X said that Y told him ...")."""
    early, late = sorted((c1, c2), key=lambda c: c.verb.i)
    if early.verb.i == late.verb.i or early.head.i == late.head.i:
        return None
    early_path = {t.i for t in _path(early.verb)}
    late_path = _path(late.verb)
    lca_at = next((k for k, t in enumerate(late_path) if t.i in early_path), None)
    if not lca_at:  # no common ancestor, or the late cue heads the early one
        return None
    branch = late_path[:lca_at]
    if any(t.dep_ in ("ccomp", "xcomp", "relcl", "acl", "pcomp", "pobj", "csubj") for t in branch):
        return None  # nested inside a content clause or a phrase
    top = branch[-1]
    if top.dep_ not in ("advcl", "conj", "parataxis"):
        return None
    edge = top.left_edge.i
    if edge <= early.verb.i or edge <= early.head.right_edge.i:
        return None
    doc = late.verb.doc
    while edge < late.verb.i and doc[edge].dep_ in ("cc", "mark", "punct"):
        edge += 1
    return edge
