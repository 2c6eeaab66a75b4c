"""Who says a sentence: the cue patterns and the registry that runs them.

Each pattern is a small pure function over a sentence's spaCy tokens that
returns ``Cue`` candidates (the attributing words and the source's head
token); ``PATTERNS`` lists them in the order they are tried, each row with
what its cues do (report speech, frame the whole sentence, need a name the
article knows ...), so the passes ask the row, never a pattern's name. The
word lists they read live in ``lexicon.py``, the token helpers in
``tokens.py``; the article-level passes in ``passes.py`` turn heads into names.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, fields
from typing import Callable

from .lexicon import (ACTION_VERBS, ATTITUDE_VERBS, AUTHOR_PRONOUNS, BELIEF_VERBS, CONTENT_VERBS, CUE_LEMMAS, DESCRIBING_VERBS,
                      LABEL_WORDS, SHARE_WORDS, SPEECH_VERBS, STATE_NOUNS, STATEMENT_NOUNS, VIEW_NOUNS)
from .lexicon import ACCORDING_NOUNS, ATTITUDE_ADJECTIVES, MADE_STATEMENTS, MAKING_VERBS, PERSON_EPITHETS, SOURCE_NOUNS, THING_PRONOUNS
from .lexicon import POSSESSIVE_PRONOUNS, REFERRING_POSSESSIVES, REFERRING_PRONOUNS
from .lexicon import ADDRESSED_VERBS, COPULAS, OCCASION_NOUNS, OCCASION_PREPS, ON_AIR_NOUNS
from .tokens import SUBJECT_DEPS, cue_stem, depth, has_child, is_passive, path, phrase, plausible_source, subject
from .tokens import lemma as tok_lemma

CONTENT_DEPS = ("ccomp", "parataxis")


@dataclass
class Cue:
    text: str          # the cue as shown ("told IWPR", "according to")
    head: object       # spaCy Token: the source's head word
    verb: object       # spaCy Token: the cue's anchor (verb or preposition)
    pattern: Pattern | None = None   # the registry row that found it (set by sentence_cues)


def _parenthetical(verb, subj) -> bool:
    """", Giragosian continued," / ", continued Chibukhchyan." / "..., he said."."""
    doc = verb.doc
    lo = min(verb.i, subj.left_edge.i)
    hi = max(verb.i, subj.right_edge.i)
    before = doc[lo - 1].text if lo > verb.sent.start or lo and doc[lo - 1].is_quote else ""   # "“…?” | X asked."
    after = doc[hi + 1].text if hi + 1 < verb.sent.end else ""
    return before in (",", "”", '"', "—", "–", ";") and after in (",", ".", "", "—", "–", ";", "!", "?")


def statement_owner(noun):
    """Whose statement a noun is: "Putin's speech", "the response by the
    ministry", "a statement from the embassy"; None for any other noun."""
    if noun.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    # "concerns raised by X", "the statement issued by X": the agent of the noun's participle
    made = [g for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    for c in list(noun.children) + made:
        if c in made and plausible_source(c) and c.pos_ != "PRON":
            return c
        if c.dep_ == "poss" and plausible_source(c) and c.lower_ not in POSSESSIVE_PRONOUNS:
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and plausible_source(pobj) and pobj.pos_ != "PRON":
                return pobj
    return None


def issued_statement(noun):
    """"The statement said", "the communique added": a definite statement
    noun without an owner speaks for whoever issued it (the speaker
    resolver finds them); None for any other word."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in STATEMENT_NOUNS or noun.lemma_.lower() in SOURCE_NOUNS:
        return None
    dets = [c for c in noun.children if c.dep_ in ("det", "poss")]
    if len(dets) != 1 or dets[0].lower_ not in ("the", "this") or any(c.dep_ in ("compound", "amod") for c in noun.children):
        return None
    return noun


def _has_content(verb, subj, in_quote) -> bool:
    """A content clause, a quotation, or a parenthetical position."""
    if any(c.dep_ in CONTENT_DEPS for c in verb.children):
        return True
    if verb.dep_ == "parataxis" or _parenthetical(verb, subj):
        return True
    lemma = tok_lemma(verb)
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and verb.dep_ == "advcl":
        return True   # "As Politico reported, ...": the main clause is what was reported
    if lemma in DESCRIBING_VERBS and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return True   # "X described the levy as a tax on islanders"
    if lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return True
    if lemma == "call" and any(c.dep_ == "dobj" for c in verb.children) and any(c.dep_ in ("oprd", "xcomp") for c in verb.children):
        return True   # "X called the plan a disaster"
    if lemma in ("ask", "remind") and any(c.dep_ in ("xcomp", "dobj") for c in verb.children) and has_child(verb, "xcomp"):
        return True   # "X asked voters to stay home"
    if lemma in ("speak", "talk", "remind", "inform") and verb.tag_ != "VBG" and any(
            c.dep_ == "prep" and c.lower_ in ("about", "of") or lemma == "inform" and c.dep_ == "prep" and c.lower_ == "on"
            for c in verb.children):
        return True   # "X spoke about the border", "X reminded them of ..."
    if lemma == "call" and not any(c.dep_ == "dobj" for c in verb.children) and any(
            c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")
            or c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
            for c in verb.children):
        return True   # "X called for talks", "X called for the council to resign": a demand
    if lemma in ("dismiss", "reject", "dispute") and any(c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS | MADE_STATEMENTS | {"request", "idea", "notion", "charge"}
                                                         for c in verb.children):
        return True   # "the judge rejected that argument": a statement answered
    if lemma == "point" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        return True   # "the IMF pointed to the vote as an example"
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


def _holds_beliefs(subj) -> bool:
    """People believe and want; states and bodies have policies ("the
    Kremlin does not want ..." is the author's reading of one)."""
    if subj.lower_ in THING_PRONOUNS or issued_statement(subj) is not None:
        return False   # "it wants": a body's policy, as with "the Kremlin"
    if subj.pos_ == "PRON" or subj.lemma_.lower() in SHARE_WORDS:
        return True   # "they believe", "many of his supporters believe"
    if subj.ent_type_ in ("GPE", "LOC", "ORG", "NORP", "FAC") or subj.lemma_.lower() in STATE_NOUNS:
        return False
    return subj.ent_type_ == "PERSON" or subj.pos_ == "NOUN"


def _person_acts(verb, subj) -> bool:
    """An action verb reports a stance only when a named person does it."""
    if subj.head.i != verb.i or subj.ent_type_ in ("GPE", "LOC", "NORP", "FAC"):
        return False   # "the only country that can defend ...", "Turkey supports ..."
    return (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN") and _stance_taken(verb, subj)


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


def verb_cues(sent, in_quote, source_ok=plausible_source) -> list[Cue]:
    cues = []
    for tok in sent:
        # "But Lund claims that ...": the tagger may take a verb in -s for a plural noun; its
        # subject and content clause say it is the verb
        verb_like = tok.pos_ == "NOUN" and tok.tag_ == "NNS" and has_child(tok, "nsubj") and has_child(tok, "ccomp")
        if tok.pos_ not in ("VERB", "AUX") and not verb_like or in_quote(tok.idx):
            continue
        lemma = tok_lemma(tok)
        if lemma == "play" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
            lemma = "downplay"   # "X played down the report"
        if lemma == "lash" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
            lemma = "criticize"   # "X lashed out at Y"
        if lemma == "sum" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            lemma = "describe"   # "X summed Y up as ..."
        if lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children) \
                and not any(c.dep_ in ("prep", "xcomp", "dobj") for c in tok.children):
            lemma = "continue"   # "“…,” the colonel went on."
        make_clear = lemma == "make" and any(
            c.lower_ in ("clear", "plain") for c in list(tok.children) + [t for c in tok.children if c.dep_ == "ccomp" for t in c.children])
        if lemma not in CUE_LEMMAS and not make_clear:
            continue
        if tok.dep_ in ("amod", "compound", "pcomp", "acl") and tok.tag_ in ("VBG", "VBN"):
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            continue   # "if Moscow had ever said so": what was never said
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "when", "after", "before")
                                       for c in tok.children) and has_child(tok, "dobj"):
            continue   # "As the Council condemned the raids, X acted": the main clause is no one's report
        if lemma in BELIEF_VERBS and any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "must") for c in tok.children):
            continue   # "Putin may want to ...": the author's guess at a wish
        if tok.head.pos_ in ("ADJ", "NOUN") and tok.head.i != tok.i and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue   # "leaders honest enough to tell them", "the courage to say": nobody speaks yet
        if is_passive(tok):
            # "X was accused of ...": the accused is no speaker; "by Y" names the source
            agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is None or lemma in BELIEF_VERBS:
                continue
            subj = agent
        else:
            subj = subject(tok)
        if subj is not None and not source_ok(subj):
            subj = statement_owner(subj) or issued_statement(subj)   # "Putin's speech suggested that ...": Putin
        if subj is None or in_quote(subj.idx) or not (source_ok(subj) or issued_statement(subj)) \
                or subj.lower_ in AUTHOR_PRONOUNS:
            continue
        if lemma in BELIEF_VERBS and (not _holds_beliefs(subj) or tok.dep_ not in ("ROOT", "conj", "parataxis")
                                      and tok_lemma(tok.head) not in CUE_LEMMAS):
            continue   # "Moscow does not want ...", "... suggest that X believes": the author's analysis
        if lemma in CONTENT_VERBS and not make_clear and not _has_content(tok, subj, in_quote):
            continue
        if any(c.dep_ == "dobj" and c.tag_ in ("WDT", "WP") for c in tok.children):
            continue   # "rumours ..., which he later had to deny": the words denied are not this sentence
        if lemma == "declare" and any(c.dep_ == "dobj" and not any(g.dep_ == "poss" for g in c.children)
                                      for c in tok.children) and not _has_content(tok, subj, in_quote) \
                and not any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
            continue   # "declared independence", "declared a state of emergency": an act, not a claim
        if tok.tag_ == "VBG" and tok.dep_ == "advcl" and lemma in ("suggest", "indicate", "signal", "show", "imply",
                                                                   "mean") \
                and tok_lemma(tok.head) not in CUE_LEMMAS:
            continue   # "X published a map, suggesting that ...": the map suggests, the author infers
        if lemma in ("mention", "discuss") and has_child(tok, "neg") and not _has_content(tok, subj, in_quote):
            continue   # "He did not mention the raids": the author notes an omission
        if lemma in ("argue", "quarrel") and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children) \
                and not _has_content(tok, subj, in_quote):
            continue   # "Norway is arguing with Sweden over quotas": a quarrel, not a claim
        if lemma in ("find", "show") and (subj.ent_type_ in ("GPE", "NORP") or subj.lemma_.lower() in STATE_NOUNS
                                          or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "it"):
            continue   # "Moscow finds it important that ...", "Russia would like to show ...": the author's reading
        if lemma in BELIEF_VERBS and not (_has_content(tok, subj, in_quote) or has_child(tok, "xcomp")):
            continue
        if lemma in ATTITUDE_VERBS and not _stance_taken(tok, subj):
            continue
        if lemma in ACTION_VERBS and not _person_acts(tok, subj):
            continue
        cues.append(Cue(_cue_text(tok), subj, tok))
    return cues


def _opening_title_word(tok) -> bool:
    """"Lund called the deal historic.": a capitalised word the tagger took
    for a common noun, opening the sentence as its subject; its row asks the
    article to know the name."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.is_title and tok.is_alpha and not tok.ent_type_ and not tok.is_stop \
        and tok.dep_ in ("nsubj", "nsubjpass") and tok.i == tok.sent.start and not plausible_source(tok)


def surname_cues(sent, in_quote) -> list[Cue]:
    return [c for c in verb_cues(sent, in_quote, source_ok=_opening_title_word) if _opening_title_word(c.head)]


def inverted_cues(sent, in_quote) -> list[Cue]:
    """", continued Chibukhchyan." / "…,” said the minister, adding …": a cue
    verb after a comma or closing quote, followed by its source, found by
    surface order because the parser often misreads the inversion."""
    cues = []
    toks = list(sent)
    for k, tok in enumerate(toks[1:-1], 1):
        if tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or tok_lemma(tok) not in CUE_LEMMAS or in_quote(tok.idx):
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
            cues.append(Cue(tok.text, head, tok))
    return cues


def tail_cues(sent, in_quote) -> list[Cue]:
    """"…, says Lund, speaking to Radio Nord." / "…, said Lund.": a speech
    verb after a comma with its source last in the sentence frames the
    whole sentence, whatever other verb the parser finds first (the
    sentence's own "observed a position" is part of what was said)."""
    toks = [t for t in sent if not t.is_space]
    for k, tok in enumerate(toks[1:-1], 1):
        if tok.tag_ not in ("VBD", "VBZ") or tok_lemma(tok) not in SPEECH_VERBS or in_quote(tok.idx) \
                or toks[k - 1].text != "," or k < 4:
            continue
        j = k + 1
        run = []
        while j < len(toks) and toks[j].pos_ == "PROPN":
            run.append(toks[j])
            j += 1
        end = toks[j] if j < len(toks) else None
        if len(run) and (end is None or end.text in (".", "!", "?") and j == len(toks) - 1
                         or end.text == "," and j + 1 < len(toks) and toks[j + 1].tag_ == "VBG"
                         and k > len(toks) // 2 or end.tag_ == "VBG"):
            if plausible_source(run[-1]) and run[-1].ent_type_ not in ("GPE", "LOC", "DATE"):
                return [Cue(tok.text, run[-1], tok)]
    return []


def aside_cues(sent, in_quote) -> list[Cue]:
    """"Islanders, Holm notes, applaud the board": a name and a speech or
    belief verb between commas, read by word order, since the parser may
    take "Holm notes" for a noun phrase in apposition."""
    toks = [t for t in sent if not t.is_space]
    for k in range(1, len(toks) - 3):
        if toks[k].text != "," or in_quote(toks[k].idx):
            continue
        j = k + 1
        run = []
        while j < len(toks) and toks[j].pos_ == "PROPN" and toks[j].is_title and len(run) < 3:
            run.append(toks[j])
            j += 1
        if not run or j + 1 >= len(toks) or toks[j + 1].text != ",":
            continue
        word = toks[j]
        if word.pos_ in ("VERB", "AUX") or not word.lower_.endswith(("s", "ed")) \
                or cue_stem(word.lower_) not in SPEECH_VERBS | BELIEF_VERBS:
            continue   # a verb the parser saw is the verb pattern's
        if run[-1].ent_type_ in ("GPE", "LOC", "NORP", "DATE") or in_quote(word.idx):
            continue
        return [Cue(word.text, run[-1], word)]
    return []


def quote_then_source_cues(sent, in_quote) -> list[Cue]:
    """"“…,” Avetisyan said.": a closing quote, the source, a speech verb,
    the sentence's end; read by word order because the parser sometimes
    hangs the name on the quote mark and leaves the verb without subject."""
    toks = list(sent)
    for k, tok in enumerate(toks[:-2]):
        if not (tok.is_quote or tok.text == ",") or not in_quote(toks[k - 1].idx if k else tok.idx):
            continue
        j = k + 1
        if toks[j].lower_ in ("the", "a", "an"):
            j += 1
        run = []
        while j < len(toks) and toks[j].pos_ in ("PROPN", "NOUN", "ADJ") and not in_quote(toks[j].idx):
            run.append(toks[j])
            j += 1
        if not run or j + 1 >= len(toks) or toks[j].tag_ not in ("VBD", "VBZ"):
            continue
        verb = toks[j]
        if tok_lemma(verb) in SPEECH_VERBS and toks[j + 1].text in (".", ",", "!", "?", ";") \
                and plausible_source(run[-1]) and not in_quote(verb.idx):
            return [Cue(verb.text, run[-1], verb)]
    return []


def colon_cues(sent, in_quote) -> list[Cue]:
    """"Lopez put it bluntly: “…”": a source's clause introducing a quotation
    (the verb nearest the colon speaks: "When I asked X ..., they replied: “…”")."""
    for tok in sent:
        if tok.text != ":" or in_quote(tok.idx) or tok.i + 1 >= sent.end:
            continue
        if not in_quote(tok.nbor(1).idx):
            cue = _unquoted_colon(sent, tok)
            if cue is not None:
                return [cue]
            continue
        verbs = [t for t in sent if t.i < tok.i and t.pos_ in ("VERB", "AUX") and not in_quote(t.idx)]
        for verb in reversed(verbs):
            subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and not in_quote(subj.idx) and plausible_source(subj) \
                    and subj.lower_ not in AUTHOR_PRONOUNS:
                return [Cue(_cue_text(verb), subj, verb)]
    return []


def _unquoted_colon(sent, colon) -> Cue | None:
    """"Holm, an expert on ports, puts it bluntly: the plan works only …":
    the main clause is only a source and a speech verb, and what follows the
    colon is what they say."""
    tops = [t for t in sent if t.i < colon.i and t.pos_ in ("VERB", "AUX") and (t.head.i >= colon.i or t.head.i == t.i)]
    if len(tops) != 1:
        return None
    verb = tops[0]   # the clause before the colon, whichever side the parser hangs it on
    if not (tok_lemma(verb) in SPEECH_VERBS or tok_lemma(verb) == "put" and any(
            c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.i != verb.i and t.head.i == verb.i and t.dep_ not in ("aux", "neg")
           for t in sent if t.i < colon.i):
        return None   # "When asked why, he explained the plan:": a clause of its own before the colon
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None or not plausible_source(subj) or subj.lower_ in AUTHOR_PRONOUNS:
        return None
    return Cue(_cue_text(verb), subj, verb)


def _as_saying(verb):
    """The "as saying" of "quoted X as saying": the "as" child with a speech verb."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as" and any(
                g.tag_ == "VBG" and tok_lemma(g) in SPEECH_VERBS | CONTENT_VERBS for g in c.children):
            return c
    return None


def relayed_cues(sent, in_quote) -> list[Cue]:
    """"Interfax quoted Aliyev as saying ...", "Peskov was quoted by Reuters
    as saying ...", "the agency cited the minister as saying ...": the
    innermost source speaks; the channel is only the cue."""
    cues = []
    for tok in sent:
        if tok_lemma(tok) not in ("quote", "cite") or tok.pos_ != "VERB" or in_quote(tok.idx):
            continue
        as_ = _as_saying(tok)
        if as_ is None:
            continue
        if is_passive(tok):
            src = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        else:
            src = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if src is None or in_quote(src.idx) or not plausible_source(src):
            continue
        words = [tok] + [c for c in tok.children if c.dep_ == "agent"] + [as_] + [g for g in as_.children if g.tag_ == "VBG"]
        agent = [t for c in tok.children if c.dep_ == "agent" for t in c.subtree]
        shown = sorted({t.i: t for t in words + agent}.values(), key=lambda t: t.i)
        text = " ".join(t.text for t in shown)
        cues.append(Cue(text if len(shown) <= 7 else f"{tok.text} {as_.text} saying", src, tok))
    return cues


def making_cues(sent, in_quote) -> list[Cue]:
    """"X made the case that ...", "Y delivered a speech on ...", "Z issued a
    warning to ...": a verb of making whose object is something said, with a
    named or plausible source as its subject."""
    cues = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok_lemma(tok) not in MAKING_VERBS or in_quote(tok.idx) or is_passive(tok):
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in MADE_STATEMENTS), None)
        if obj is None or tok.dep_ in ("amod", "compound", "acl", "relcl"):
            continue
        subj = subject(tok)
        if subj is None or in_quote(subj.idx) or subj.pos_ == "PRON" and subj.lower_ not in REFERRING_PRONOUNS \
                or not plausible_source(subj) or subj.lower_ in AUTHOR_PRONOUNS:
            continue
        words = [tok] + [c for c in tok.children if c.dep_ == "prt"] + [t for t in obj.subtree if tok.i < t.i <= obj.i]
        words.sort(key=lambda t: t.i)   # "laid out her proposals": the particle too
        cues.append(Cue(" ".join(t.text for t in words) if len(words) <= 4 else f"{tok.text} {obj.text}", subj, tok))
    return cues


def according_cues(sent, in_quote) -> list[Cue]:
    """"according to X"."""
    cues = []
    for tok in sent:
        if tok.lower_ == "according" and not in_quote(tok.idx) and tok.i + 1 < len(tok.doc):
            nxt = tok.nbor(1)
            if nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                if objs and not (plausible_source(objs[0]) or objs[0].lower_ in ("him", "her", "them")
                                 or objs[0].lemma_.lower() in STATEMENT_NOUNS | VIEW_NOUNS | ACCORDING_NOUNS):
                    continue   # "according to the treaty", "according to Armenian information": no one speaks
                if objs:
                    cues.append(Cue("according to", objs[0], tok))
    return cues


def view_cues(sent, in_quote) -> list[Cue]:
    """"in X's view", "in the opinion of X", "to X's mind"."""
    cues = []
    for tok in sent:
        if tok.lower_ not in ("in", "to") or in_quote(tok.idx):
            continue
        for pobj in (c for c in tok.children if c.dep_ == "pobj"):
            if pobj.lemma_.lower() not in VIEW_NOUNS and pobj.lower_ not in VIEW_NOUNS:
                continue   # "in her words": the lemma is "word"
            poss = [c for c in pobj.children if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_PRONOUNS - REFERRING_POSSESSIVES]
            of = [g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
            src = (poss or of or [None])[0]
            # "in her view": the pronoun resolves like a subject's ("she")
            if src is not None and (plausible_source(src) or src.lower_ in REFERRING_POSSESSIVES):
                words = phrase(tok.subtree)   # as written: "in Berg's view", not "in Berg 's view"
                cues.append(Cue(words if len(words) < 40 else f"{tok.text} {pobj.text}", src, tok))
    return cues


def attitude_cues(sent, in_quote) -> list[Cue]:
    """"Holm is unconvinced", "Lund remains confident that …", "Dale was
    not persuaded by the argument": a named person's view, in the author's
    words. Not "Russia is certain to act" (a likelihood) nor "Baku may be
    sceptical" (the author's guess)."""
    cues = []
    for tok in sent:
        if in_quote(tok.idx) or tok.lower_ not in ATTITUDE_ADJECTIVES or tok.dep_ not in ("acomp", "ROOT"):
            continue
        verb = tok.head if tok.dep_ == "acomp" else tok
        if tok.dep_ == "acomp" and tok_lemma(verb) not in COPULAS or verb.dep_ not in ("ROOT", "conj"):
            continue
        if has_child(tok, "xcomp") or any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "must", "would")
                                          for c in verb.children):
            continue
        if tok.lower_ == "critical" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue   # "critical of Moscow", not "critical to the supply chain" nor "in critical condition"
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and not in_quote(subj.idx) and _names_someone(subj):
            words = [t for t in verb.subtree if subj.right_edge.i < t.i <= tok.i]
            cues.append(Cue(phrase(words) or tok.text, subj, verb))
    return cues


def _names_someone(tok) -> bool:
    """A person or body by name or by their role, not "the plan" or "it"."""
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they")
    if tok.ent_type_ in ("GPE", "LOC", "NORP", "DATE"):
        return False
    return tok.ent_type_ in ("PERSON", "ORG") or tok.pos_ == "PROPN" or plausible_source(tok)


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
                cues.append(Cue(f"in {phrase(t for t in pobj.subtree if t.i <= pobj.i)}", subj, tok))
    return cues


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
                return [Cue(_cue_text(root), subj, root)]
    return []


def as_cues(sent, in_quote) -> list[Cue]:
    """"as X put it, “…”", "As the Gazette reported, …", "as X, an analyst,
    noted": found by word order (the parser often hangs X on the "as" of a
    comparison). The verb follows the name, or the comma closing its apposition."""
    cues = []
    toks = list(sent)
    for k, tok in enumerate(toks):
        if tok.lower_ != "as" or in_quote(tok.idx) or k and toks[k - 1].lower_ not in (",", "(", "—", "–", "--", "or", "and", "but"):
            continue
        j = k + 1
        while j < len(toks) and toks[j].pos_ == "DET":
            j += 1
        run = []
        while j < len(toks) and toks[j].pos_ in ("PROPN", "NOUN", "PRON", "ADJ") and not in_quote(toks[j].idx):
            run.append(toks[j])
            j += 1
        if not run:
            continue
        if j < len(toks) and toks[j].text == ",":   # an apposition: skip to its closing comma
            close = next((m for m in range(j + 1, min(len(toks), j + 25)) if toks[m].text == ","), None)
            j = close + 1 if close is not None else j
        while j < len(toks) and toks[j].pos_ in ("ADV", "AUX", "PART"):
            j += 1   # "as POLITICO has reported", "as the Times first reported"
        if j + 1 >= len(toks) or in_quote(toks[j].idx):
            continue
        verb, after = toks[j], toks[j + 1].text
        put_it = tok_lemma(verb) == "put" and after.lower() == "it"
        said = tok_lemma(verb) in SPEECH_VERBS | CONTENT_VERBS and after in (",", ":", ")", "—", "–")
        head = run[-1]
        if (put_it or said) and plausible_source(head) and head.lower_ not in AUTHOR_PRONOUNS:
            cues.append(Cue("put it" if put_it else verb.text, head, verb))
    return cues


def nominal_cues(sent, in_quote) -> list[Cue]:
    """"X's statement (made in May) that …", "the announcement by Minister Y of …",
    "Z's remark – “…”": a statement noun with its owner and its content (a
    "that" clause, an "of" object, or a quotation right after it)."""
    cues = []
    for tok in sent:
        if tok.pos_ != "NOUN" or in_quote(tok.idx):
            continue
        owner = statement_owner(tok)
        if owner is None or in_quote(owner.idx) or owner.i == tok.i:
            continue
        # "X's statement (made at the forum) that ...", "concerns raised by X that ..."
        that_clause = any(t.dep_ == "mark" and t.lower_ == "that" and t.head.dep_ in ("acl", "ccomp", "relcl")
                          for t in tok.subtree if t.i > tok.i)
        # "the announcement by X of a new doctrine" (the parser may hang "of" on X)
        of_object = owner.head.dep_ == "prep" and owner.head.lower_ == "by" and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in list(tok.children) + list(owner.children))
        after = [t for t in sent if tok.right_edge.i < t.i <= tok.right_edge.i + 3]
        if any(t.text == ":" for t in after):   # "X's conclusion was clear: “…”"
            after = [t for t in sent if tok.right_edge.i < t.i <= tok.right_edge.i + 5]
        quoted = any(in_quote(t.idx) and t.is_alpha for t in after)
        if that_clause or of_object or quoted:
            cues.append(Cue(tok.text, owner, tok))
    return cues


def speaker_colon_cues(sent, in_quote) -> list[Cue]:
    """"PENCE: …" in a transcript, "Pat Caddell: Voters are worried" in a
    headline: a name, a colon, and what the named says."""
    skip = 1 if sent[0].is_punct and in_quote(sent[0].idx) else 0   # a transcript line in quotes
    toks = list(sent[skip:skip + 6])
    colon = next((k for k, t in enumerate(toks) if t.text == ":"), None)
    if not colon or len(sent) - skip - colon < 4:
        return []
    name = toks[:colon]
    head = name[-1]
    if len(name) == 1 and head.pos_ == "NOUN" and head.tag_ == "NN" and head.text[:1].isupper() \
            and head.lemma_.lower() in PERSON_EPITHETS:
        return [Cue(":", head, toks[colon])]   # "Expert: ...": the person the article names (passes._standfirst_epithet)
    caps = head.is_alpha and head.text.isupper() and len(head.text) > 2   # "PENCE:", the transcript style
    if any(t.pos_ not in ("PROPN", "PUNCT") and t.ent_type_ != "PERSON" and not caps for t in name) or head.lower_ in LABEL_WORDS:
        return []
    if head.ent_type_ in ("GPE", "LOC", "DATE", "FAC", "NORP") or not (
            head.ent_type_ in ("PERSON", "ORG") or caps or head.pos_ == "PROPN" and not head.ent_type_):
        return []   # an untyped name ("Varlamov:") speaks only if the article named that person (its row: needs_known_name)
    return [Cue(":", head, toks[colon])]


def headline_dash_cues(sent, in_quote) -> list[Cue]:
    """"Peacekeepers ready to stay — Lavrov", "… – analyst": a line without
    a final stop whose last words, after a dash, name who says it."""
    toks = [t for t in sent if not t.is_space]
    if len(toks) >= 5 and toks[-1].text == "." and toks[0].is_quote:
        toks = toks[:-1]   # "“…” ― Ana Ruiz.": a quotation signed with its author's name
    if len(toks) < 5 or toks[-1].text in (".", "!", "?", "”", '"', ";"):
        return []
    dashes = ("—", "–", "-", "--", "―")
    dash = next((k for k in range(len(toks) - 2, max(2, len(toks) - 6), -1) if toks[k].text in dashes
                 or toks[k].text[:1] in "”\"" and toks[k].text[1:] in dashes), None)   # "…”― Ana Ruiz": one token
    if dash is None or not (toks[dash].whitespace_ or toks[dash - 1].is_quote or len(toks[dash].text) > 1) \
            or toks[dash].text in ("-", "--") and in_quote(toks[dash].idx):
        return []
    tail = toks[dash + 1:]
    if not tail or any(t.pos_ not in ("PROPN", "NOUN", "ADJ", "DET", "PUNCT") for t in tail):
        return []
    head = next((t for t in reversed(tail) if t.pos_ in ("PROPN", "NOUN")), None)
    if head is None or not plausible_source(head) or head.ent_type_ in ("DATE", "TIME", "GPE", "LOC"):
        return []
    return [Cue(toks[dash].text, head, toks[dash])]


InQuote = Callable[[int], bool]   # is this character offset (in the Doc) inside a quotation?


_UNSET = object()   # what a row left out: Pattern.__post_init__ rejects it (no field has a default)


def _speaks_if_speech_verb(cue: Cue) -> bool:
    """A verb cue reports words only when its verb is one of saying
    ("X said", "X added that"), not of belief or stance ("X believes", "X endorsed")."""
    return tok_lemma(cue.verb) in SPEECH_VERBS | CONTENT_VERBS


@dataclass(frozen=True)
class Pattern:
    """One cue pattern of the registry: how to find its cues, and what they do.

    ``find(sent, in_quote)`` returns the sentence's cues of this pattern.
    Every other field is a decision the passes take from the row, so each
    row states each one (a row that leaves one out is a ValueError).
    """
    name: str
    find: Callable[..., list[Cue]]
    _: KW_ONLY
    # runs only when no pattern before it found a cue: weaker evidence (word order, a colon, a quote in a complement)
    fallback: bool = _UNSET
    # reports words, not a belief or a stance, so the quotations after it are its source's (a callable decides per cue)
    speaks: bool | Callable[[Cue], bool] = _UNSET
    # its source is the source of everything before it ("…, says X."): tried first, the sentence is never split
    frames_sentence: bool = _UNSET
    # a source that is no person is named by the words after the cue, whole ("… – Foreign Ministry")
    whole_tail_name: bool = _UNSET
    # an untyped name speaks only if the article names such a person ("Varlamov: …"); else it is a label ("Brexit: …")
    needs_known_name: bool = _UNSET
    # a transcript's turn: the sentences after it in its paragraph without a cue are the same speaker's
    turn_runs_to_paragraph_end: bool = _UNSET
    # in the opening, "…, the X Institute writes" can be the document a "X: …" headline retells
    retells_headline: bool = _UNSET

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if value is _UNSET:
                raise ValueError(f"cue pattern {self.name!r}: no {f.name!r}: every row states every field")
            if not _fits(value, f.type):
                raise ValueError(f"cue pattern {self.name!r}: {f.name!r} is {value!r}, not {f.type}")


def _fits(value, annotation: str) -> bool:
    """Does a row's value fit its field's annotation (a string: annotations
    are postponed)? An annotation this does not know fits nothing."""
    return any(type(value) is bool if a == "bool" else callable(value) if a.startswith("Callable[")
               else isinstance(value, str) and bool(value) if a == "str" else False
               for a in (a.strip() for a in annotation.split("|")))


def _check_registry(patterns: tuple[Pattern, ...]) -> tuple[Pattern, ...]:
    """One name, one row: the name is how a test or a reader points at a pattern."""
    seen: set[str] = set()
    for p in patterns:
        if p.name in seen:
            raise ValueError(f"cue pattern {p.name!r}: two rows of the registry have this name")
        seen.add(p.name)
    return patterns


# The registry, in the order patterns are tried. To add a pattern: write a
# function ``(sent, in_quote) -> list[Cue]`` above and add its row here,
# stating every field (each field's comment in ``Pattern`` says what it
# decides); then a row of your own text in tests/test_attribution.py.
PATTERNS: tuple[Pattern, ...] = _check_registry((
    Pattern("relayed", relayed_cues, fallback=False, speaks=True, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("tail-said", tail_cues, fallback=False, speaks=True, frames_sentence=True, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("aside", aside_cues, fallback=False, speaks=True, frames_sentence=True, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("verb", verb_cues, fallback=False, speaks=_speaks_if_speech_verb, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=True),
    Pattern("statement-made", making_cues, fallback=False, speaks=False, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("according-to", according_cues, fallback=False, speaks=True, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("in-the-view-of", view_cues, fallback=False, speaks=False, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("as-x-said", as_cues, fallback=False, speaks=True, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("speaker-colon", speaker_colon_cues, fallback=False, speaks=True, frames_sentence=False, whole_tail_name=False,
            needs_known_name=True, turn_runs_to_paragraph_end=True, retells_headline=False),
    Pattern("inverted", inverted_cues, fallback=True, speaks=True, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("quote-then-source", quote_then_source_cues, fallback=True, speaks=True, frames_sentence=False,
            whole_tail_name=False, needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("colon", colon_cues, fallback=True, speaks=True, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("attitude", attitude_cues, fallback=True, speaks=False, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("statement-frame", statement_cues, fallback=True, speaks=False, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("nominal", nominal_cues, fallback=True, speaks=False, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("quote-in-complement", holder_cues, fallback=True, speaks=False, frames_sentence=False, whole_tail_name=False,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("known-surname", surname_cues, fallback=True, speaks=_speaks_if_speech_verb, frames_sentence=False,
            whole_tail_name=False, needs_known_name=True, turn_runs_to_paragraph_end=False, retells_headline=False),
    Pattern("headline-dash", headline_dash_cues, fallback=False, speaks=True, frames_sentence=True, whole_tail_name=True,
            needs_known_name=False, turn_runs_to_paragraph_end=False, retells_headline=False),
))


def sentence_cues(sent, in_quote: InQuote) -> list[Cue]:
    """All cues of a sentence, the outermost first."""
    cues: list[Cue] = []
    for pattern in PATTERNS:
        if pattern.fallback and cues:
            continue
        for cue in pattern.find(sent, in_quote):
            cue.pattern = pattern
            cues.append(cue)
    # a parenthetical speech verb ("A, the spokesman said, B") frames the
    # whole sentence, even when the parser makes it a dependent of B's verb
    return sorted(cues, key=lambda c: (not _frames_sentence(c), depth(c.verb), c.verb.i))


def reports_speech(cue: Cue) -> bool:
    """Does the cue report words (so a quotation after it is the source's)
    rather than a belief, a stance or a document's content? Its row says."""
    speaks = cue.pattern.speaks
    return speaks(cue) if callable(speaks) else speaks


def _occasion(prep) -> bool:
    """"during a call", "on Monday", "in Geneva", "to reporters": the
    occasion of the words, not their topic ("complained about X",
    "commented on the visit"); "said of the board" too, when the words
    said stand in the quotation before."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    if len(objs) != 1 or len(list(prep.children)) != 1:
        return False
    if any(t.dep_ in ("ccomp", "relcl", "acl", "advcl") for t in prep.subtree):
        return False
    obj, word = objs[0], prep.lower_
    if word == "of":
        return tok_lemma(prep.head) == "say"
    when_or_where = obj.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC")
    if word == "on":
        return obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in ON_AIR_NOUNS
    return word in OCCASION_PREPS and (when_or_where or obj.lemma_.lower() in OCCASION_NOUNS)


def bare(sent) -> bool:
    """A sentence that is only its source and cue ("Caddell continued:",
    "Kadzik wouldn't say."): what was said stands in another sentence."""
    root = sent.root
    if tok_lemma(root) not in CUE_LEMMAS:
        return False
    keep = {"nsubj", "aux", "neg", "advmod", "prt", "punct", "dative", "npadvmod"}
    for c in root.children:
        if c.dep_ in keep:
            continue
        if c.dep_ == "dobj" and tok_lemma(root) in ADDRESSED_VERBS and (
                c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ("PERSON", "ORG") or plausible_source(c)):
            continue   # "Renner told reporters.": whom, not what ("told a joke")
        if c.dep_ == "prep" and c.i > root.i and _occasion(c):
            continue   # "… said during a call on Monday.": when and where, not what
        return False
    return has_child(root, "nsubj") and not any(t.is_punct and t.text not in (".", ":", "!", ",") for t in sent)


def _frames_sentence(cue) -> bool:
    if cue.pattern.frames_sentence:
        return True   # "…, says X." / "… — Foreign Ministry": the source of everything before it
    verb = cue.verb
    return verb.dep_ == "parataxis" and tok_lemma(verb) in SPEECH_VERBS and _parenthetical(verb, cue.head)


def _contrast_clause(cue: Cue):
    """The cue's own clause when it opens with ", while" or ", whereas" and
    its subject is the cue's source: a second report set against the first."""
    verb = cue.verb
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children):
        return None
    edge = verb.left_edge.i
    if edge == 0 or verb.doc[edge - 1].text != "," or cue.head.head.i != verb.i:
        return None
    return verb


def split_point(c1: Cue, c2: Cue) -> int | None:
    """Token index where a second speaker's clause starts, if the sentence
    coordinates two attributions ("X said A, while Y argued B") rather than
    nesting one in the other ("X said that Y told him ...")."""
    early, late = sorted((c1, c2), key=lambda c: c.verb.i)
    if c1.pattern.frames_sentence or c2.pattern.frames_sentence:
        return None   # "…, says X": one source for the whole sentence
    if early.verb.i == late.verb.i or early.head.i == late.head.i:
        return None
    doc = late.verb.doc
    semi = [t.i for t in doc[early.verb.i + 1:late.head.left_edge.i] if t.text == ";"]
    if semi and early.head.i < early.verb.i + 1 <= semi[-1] < late.head.left_edge.i <= late.verb.i:
        return semi[-1] + 1   # "X said A; Y admits B": a semicolon ends the first report
    early_path = {t.i for t in path(early.verb)}
    late_path = path(late.verb)
    lca_at = next((k for k, t in enumerate(late_path) if t.i in early_path), None)
    if not lca_at:  # no common ancestor, or the late cue heads the early one
        return None
    branch = late_path[:lca_at]
    contrast = _contrast_clause(late)
    if contrast is not None and contrast.left_edge.i > early.head.right_edge.i:
        branch = [contrast]   # "X said A, while Y insisted B": the parser may hang Y's clause inside A
    elif any(t.dep_ in ("ccomp", "xcomp", "relcl", "acl", "pcomp", "pobj", "csubj") for t in branch):
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
