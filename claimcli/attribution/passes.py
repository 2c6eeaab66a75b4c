"""One article, parsed paragraph by paragraph, into attributed claims.

Attribution runs in two passes: first each sentence's own cue (resolving
names and pronouns in reading order), then sentences without a cue that sit
inside a quotation inherit the speaker of that quotation, wherever in the
quotation its cue stands ("“A. B,” he said." / "He said: “A. B.”").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cues, speakers
from .lexicon import LABEL_WORDS
from ..models import Article
from .sentences import sentence_spans
from ..text import quotes as q

DIRECT_SHARE = 0.5   # a sentence at least half inside quotation marks is direct speech


@dataclass
class Sentence:
    start: int
    end: int
    span: object            # spaCy Span
    par: int                # paragraph index
    offset: int             # char offset of the span's doc in the article
    speaker: str | None = None
    kind: str | None = None  # speaker kind
    role: str | None = None
    cue: str | None = None
    own_cue: bool = False
    speaks: bool = False     # the cue reports speech (not a belief or a stance): its quotes run on
    # the registry row of the cue that attributes it, its own or inherited; None when
    # an article-level pass did (a signature line, a quoted headline, an interview answer)
    pattern: cues.Pattern | None = None
    share: float = 0.0
    groups: set = field(default_factory=set)
    verbatim: bool = False   # an interview's answer: the interviewee's own words, quoted or not
    speakers: list = field(default_factory=list)   # each person of a joint speaker ("X and Y said"), in order
    opens_quoted: bool = False   # the sentence starts inside a quotation opened before it


def _continues_report(span) -> bool:
    """Reported speech that runs on into the next sentence keeps its
    backshifted tense ("had become") or refers back to what was said
    ("This reflected ...")."""
    root = span.root
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in root.children) and root.tag_ == "VBN":
        return True
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lower_ in ("this", "that") and root.tag_ in ("VBD",) or (
        subj is not None and subj.lower_ == "this" and root.lemma_ == "be" and root.tag_ == "VBD")


def sentences_of(article: Article, parsed: list[tuple[int, int, object]]) -> list[Sentence]:
    """``parsed``: (paragraph index, char offset, Doc) for each parsed chunk."""
    out = []
    for par, off, doc in parsed:
        for s, e, span in sentence_spans(doc, off, article.text):
            out.append(Sentence(s, e, span, par, off))
    if out and _cut_off(article.text, out[-1]):
        out.pop()
    return out


_ENDS = tuple('.!?"”’»)…:;\'')


def _cut_off(text: str, last: Sentence) -> bool:
    """A text cut off mid-sentence (a feed's excerpt, a paywall): its last
    words, a sentence of a later paragraph with no end that runs on from
    the line before or is too long for a banner, are no claim."""
    if last.par == 0 or text.rstrip().endswith(_ENDS) or last.end < len(text.rstrip()):
        return False
    own_line = text.rfind("\n", 0, last.start) == last.start - 1
    return not own_line or len(text[last.start:last.end].split()) >= 6   # "Support local journalists" is a banner


def _split(s: Sentence, edge: int) -> tuple[Sentence, Sentence]:
    span = s.span
    doc = span.doc
    k = edge
    while k > span.start and (doc[k - 1].dep_ in ("cc", "mark") or doc[k - 1].is_punct):
        k -= 1
    end1 = s.offset + doc[k - 1].idx + len(doc[k - 1].text)
    start2 = s.offset + doc[edge].idx
    a = Sentence(s.start, end1, doc[span.start:k], s.par, s.offset)
    b = Sentence(start2, s.end, doc[edge:span.end], s.par, s.offset)
    return a, b


def _assign(s: Sentence, cue, reg) -> bool:
    """Give the sentence the cue's source, resolved to the article's name for
    it; False when no reader could use the source: the author ("I think")
    or a pronoun that stands for nobody named."""
    src = speakers.source_of(cue.head)
    if cue.pattern.whole_tail_name and src.kind != "person":
        tail = [t for t in cue.head.doc[cue.verb.i + 1:cue.head.i + 1] if not t.is_punct]
        name = " ".join(t.text for t in tail)
        if len(tail) >= 2 and name != src.name:   # "… – Foreign Ministry": the words after the dash, whole
            src = speakers.Source(name, None, "named" if src.kind == "person_or_named" else src.kind)
    if cue.pattern.needs_known_name and not cue.head.ent_type_ and not cue.head.text.isupper() \
            and reg.expand(src.name) is None and not speakers.is_epithet(src.name):
        return False   # "Brexit: ...": a name nobody in the article bears is a label, not a speaker
    names, kind = [], None
    for part in (src, *src.also):
        name, k = reg.resolve(part, cue.head if part is src else None)
        if name is None and part.kind == "pronoun":
            return False   # "they" with nobody to stand for: no speaker a reader could use
        name = name or part.name
        if part.kind in ("person", "person_or_named") and k == "person":
            reg.add_name(name, part.role)
        elif part.kind == "person_or_named" and len(part.name.split()) >= 2:
            reg.add_name(part.name)   # a name the NER missed: later surnames resolve to it
        if name not in names:
            names.append(name)
        kind = kind or k
    s.speaker = " and ".join(names)
    if len(names) > 1:
        reg.joint[s.speaker] = list(names)
    s.kind, s.cue, s.own_cue = kind, cue.text, True
    s.pattern, s.speaks = cue.pattern, cues.reports_speech(cue)
    s.role = reg.role_of(names[0]) or src.role
    reg.note_speaker(s.speaker, kind)
    return True


def attribute(article: Article, sents: list[Sentence], paragraphs) -> list[Sentence]:
    """Set each sentence's speaker; returns the sentences, some split in two."""
    text = article.text
    qi = q.QuoteIndex(q.quote_spans(text, paragraphs))
    reg = speakers.NameRegistry()
    out: list[Sentence] = []
    for s in sents:
        off = s.offset
        reg.add_entities(s.span, frozenset(t.i for t in s.span if qi.at(off + t.idx) is not None))
        reg.note_issuer(s.span)
        found = cues.sentence_cues(s.span, lambda i, off=off: qi.at(off + i) is not None)
        parts = [(s, found)]
        for other in found[1:]:
            edge = cues.split_point(found[0], other)
            if edge is not None and edge > s.span.start:
                a, b = _split(s, edge)
                first, second = sorted((found[0], other), key=lambda c: c.verb.i)
                parts = [(a, [first]), (b, [second])]
                break
        for part, candidates in parts:
            part.share = q.quoted_share(qi.quotes, part.start, part.end)
            at = qi.at(part.start)
            part.opens_quoted = at is not None and text[part.start] not in _QUOTE_OPEN
            part.groups = qi.groups(part.start, part.end)
            for cue in candidates:   # the outermost cue whose source resolves
                if _assign(part, cue, reg):
                    break
            out.append(part)
    sents = out

    # Second pass: quotations without a cue of their own.
    signatures = _signatures(sents, text, reg)
    group_speaker: dict[int, Sentence] = {}
    for s in sents:
        if s.own_cue and s.groups:
            for g in s.groups:
                group_speaker.setdefault(g, s)
    prev = None
    for i, s in enumerate(sents):
        if not s.own_cue and s.share >= DIRECT_SHARE:
            src = next((group_speaker[g] for g in sorted(s.groups) if g in group_speaker), None)
            after = sents[i + 1] if i + 1 < len(sents) else None
            if src is None and after is not None and after.par == s.par and after.own_cue and after.speaker \
                    and after.speaks and cues.bare(after.span):
                src = after   # "“…” / Renner told reporters during the call.": the source follows
            if src is None and prev is not None and prev.speaker and prev.speaks:
                same_par = prev.par == s.par
                colon = text[prev.start:prev.end].rstrip().endswith(":")
                opens_par = s.start == paragraphs[s.par][0] and prev.par == s.par - 1 and prev.share > 0
                if same_par or colon or opens_par:
                    src = prev
            if src is not None:
                _inherit(s, src)
                for g in s.groups:
                    group_speaker.setdefault(g, src)
        elif not s.own_cue and prev is not None and prev.par == s.par and prev.pattern is not None \
                and prev.pattern.turn_runs_to_paragraph_end \
                and not text[s.start:s.end].lstrip("\"“ ").startswith(("(", "[")):
            _inherit(s, prev)    # a transcript's turn runs to the end of its paragraph
        elif not s.own_cue and not s.speaker and prev is not None and prev.own_cue and prev.par == s.par \
                and prev.share < DIRECT_SHARE and s.share < 0.25 and _continues_report(s.span):
            _inherit(s, prev)
        prev = s
    for s in signatures:
        s.speaker = s.kind = s.role = s.cue = None   # the signature line is no claim of its own
        s.own_cue = False
    _headline_quote(sents, reg)
    _interview_turns(sents, text, paragraphs, reg)
    _relayed_document(sents, text)
    _headline_source(sents, text, reg)
    _standfirst_epithet(sents)
    for s in sents:
        if s.own_cue and cues.bare(s.span):
            s.speaker = s.kind = s.role = s.cue = None   # "Caddell continued:": no claim of its own
        elif s.speaker:
            # one name per person: what the rest of the article taught (a full name, an office's holder, a role)
            better = reg.final_name(s.speaker, s.kind)
            if better:
                s.speaker, s.kind = better, "person"
            s.role = reg.role_of(s.speaker) or s.role
        s.speakers = list(reg.joint.get(s.speaker, [s.speaker])) if s.speaker else []
    return sents


def _headline_quote(sents: list[Sentence], reg) -> None:
    """A headline that is a quotation without a cue ("‘The fleet is too
    old’" or "“…”: a conversation with X") quotes the article's subject: the
    first person it names in full, in the headline or its first lines."""
    for s in sents:
        line = s.span.text.strip()
        whole = len(line) > 2 and line[0] in "“‘\"'«" and line[-1] in "”’\"'»"   # single quotes too, as headlines use
        if s.par != 0 or s.speaker or not (s.share >= DIRECT_SHARE or whole):
            continue
        first = next(iter(reg.people.values()), None)
        if first is not None and len(first.name.split()) >= 2:
            s.speaker, s.kind, s.role, s.cue, s.pattern = first.name, "person", first.role, None, None


_QA_TURN = re.compile(r"(Q|A|Question|Answer)\s?\d{0,2}\s?[:–—.)-]\s", re.I)


def _interview_turns(sents: list[Sentence], text: str, paragraphs, reg) -> None:
    """An interview without quotation marks ("Q1 – …" / "A1 – …"): each
    answer, to the next question, is the words of the interviewee (the first
    person the article names in full); the questions are the outlet's."""
    turns = {}
    for k, (ps, pe) in enumerate(paragraphs):
        m = _QA_TURN.match(text, ps, pe)
        if m:
            turns[k] = m.group(1)[0].upper()
    if "Q" not in turns.values() or "A" not in turns.values():
        return
    intro = text[:paragraphs[min(turns)][0]]   # the headline and standfirst before the first turn
    named = [p for p in reg.people.values() if len(p.name.split()) >= 2 and p.name in intro]
    if not named:
        return
    # the interviewee: "interview with X", else the person the introduction names most often
    first = max(named, key=lambda p: (bool(re.search(r"\b(interview|conversation|talk|spoke|speaks)\w*\s+(with|to)\s+" + re.escape(p.name), intro)),
                                      intro.count(p.name.split()[-1])))
    turn = None
    for s in sents:
        turn = turns.get(s.par, turn) if s.start == paragraphs[s.par][0] or s.par in turns else turn
        # "Many in Oslo believe …" in an answer is the interviewee's account of them
        if turn == "A" and (not s.own_cue or s.kind == "group") and min(turns) <= s.par:
            s.speaker, s.kind, s.role, s.cue = first.name, "person", first.role, None
            s.pattern, s.verbatim = None, True


_HEADLINE_SOURCE = re.compile(r"([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}):\s")


def _relayed_document(sents: list[Sentence], text: str) -> None:
    """An article that retells a report: the headline gives it the thesis
    ("Carnegie: …") and the opening says "…, the Carnegie Endowment
    writes" (present tense: the document speaks now). The headline and the
    author's sentences after that cue, up to another source's, are the
    document's (reported)."""
    if not sents or sents[0].par != 0:
        return
    m = _HEADLINE_SOURCE.match(text, sents[0].start)
    if not m:
        return
    key = speakers.fold(m.group(1))
    if sents[0].speaker and key not in speakers.fold(sents[0].speaker):
        return
    src = next((s for s in sents[1:] if s.par <= 3 and s.own_cue and s.speaker and s.pattern is not None
                and s.pattern.retells_headline
                and key in speakers.fold(s.speaker) and s.cue and s.cue.split()[0].lower() in ("writes", "says", "argues", "notes", "concludes")), None)
    if src is None:
        return
    sents[0].speaker, sents[0].kind, sents[0].role, sents[0].cue = src.speaker, src.kind, src.role, ":"
    sents[0].pattern = None   # the headline's "X:" is no cue the registry found
    on = False
    for s in sents:
        if s is src:
            on = True
        elif on and s.own_cue and s.speaker != src.speaker:
            break
        elif on and not s.speaker and s.share < DIRECT_SHARE:
            _inherit(s, src)


_HEADLINE_LABEL = re.compile(r"([A-Z][\w’'.-]*(?: [\w’'.-]+){0,4}):\s")   # "Armenian foreign ministry: …"


def _headline_source(sents: list[Sentence], text: str, reg) -> None:
    """"Lund: ‘The Ferries Will Run Again’" over an article that names Erik
    Lund: a headline's "Surname:" is that person's, though nobody was named
    yet when the headline was read."""
    if not sents or sents[0].par != 0 or sents[0].speaker:
        return
    m = _HEADLINE_LABEL.match(text, sents[0].start)
    if not m or m.end() >= sents[0].end:
        return
    head = sents[0]
    said = speakers.fold(m.group(1)).split()
    # a claim after the colon ("Lund: ‘The ferries will run’", "… ferry cuts fall short"), not a title
    # ("Lund: the man behind the ferries", "Dale: A Life in Politics")
    rest = [t for t in head.span if t.idx + head.offset >= m.end()]
    if said[-1] in LABEL_WORDS or not (head.share > 0 or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in rest)):
        return
    full = reg.expand(m.group(1), fuzzy=False)
    if full and len(full.split()) >= 2:
        head.speaker, head.kind, head.role, head.cue = full, "person", reg.role_of(full), ":"
        head.pattern = None
        return
    # "Armenian foreign ministry: …" over "the Armenian foreign ministry said": the body, as the article names it
    bodies = {s.speaker for s in sents[1:] if s.kind == "named" and s.speaker and len(said) >= 2
              and speakers.fold(s.speaker).split()[-len(said):] == said}
    if len(bodies) == 1:
        head.speaker, head.kind, head.role, head.cue = bodies.pop(), "named", None, ":"
        head.pattern = None


_SIGNATURE = re.compile(r"[―—–]\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\.?")


def _signatures(sents: list[Sentence], text: str, reg) -> list[Sentence]:
    """A quotation signed on the line below it ("“…”" / "― Ana Ruiz"): the
    signature is the cue of the quotation just before it."""
    found = []
    for i, s in enumerate(sents[1:], 1):
        prev = sents[i - 1]
        m = _SIGNATURE.fullmatch(text, s.start, s.end)
        if not m or prev.own_cue or prev.share < DIRECT_SHARE or prev.par != s.par - 1:
            continue
        name = m.group(1)
        s.speaker, s.kind, s.role, s.cue = reg.expand(name) or name, "person", None, text[s.start]
        s.own_cue, s.speaks, s.pattern = True, True, None
        s.groups = set(prev.groups)
        found.append(s)
    return found


def _standfirst_epithet(sents: list[Sentence]) -> None:
    """"Expert: ..." in a headline, "…,” the foreign minister added" in a
    standfirst: the article names that person further down; the first named
    person speaker after it is them."""
    for i, s in enumerate(sents):
        if s.par > 1 or s.kind != "group" or not s.speaker or not speakers.is_epithet(s.speaker):
            continue
        later = next((t for t in sents[i + 1:] if t.kind == "person" and t.own_cue and t.speaker), None)
        if later is not None:
            for t in sents:
                if t.speaker == s.speaker and t.kind == "group":
                    t.speaker, t.kind, t.role = later.speaker, "person", later.role


def _inherit(s: Sentence, src: Sentence) -> None:
    s.speaker, s.kind, s.role, s.cue = src.speaker, src.kind, src.role, src.cue
    s.speaks, s.pattern = src.speaks, src.pattern


_QUOTE_OPEN = "“‘„«\"'`"
_INTRO_THEN_QUOTE = re.compile(r"(:|,|\bthat)\s*[“„«\"]")


def is_direct(text: str, share: float, opens_quoted: bool = False) -> bool:
    """Direct speech: the words inside quotation marks make the claim.

    The sentence opens with the quote ("“…,” she said."), or opens inside
    a quotation begun in an earlier sentence ("…” (2) It cannot last,” she
    said, adding ..."), or the quote follows the cue's colon ("She said:
    “…"), or its comma or "that" and runs to the end, or the sentence is
    all quotation (inside one that spans sentences). A quotation that
    starts after the reported words began ("said the plan aimed to “…”",
    "said that the best way is to “…”") stays reported, however long.
    """
    t = text.strip()
    if t[:1] in _QUOTE_OPEN or opens_quoted or t[:1] == "”" and t[1:2].isalnum():   # "”We …,” said X"
        return True
    m = _INTRO_THEN_QUOTE.search(t)
    if m and m.group(1) == ":":
        return True
    if m and t.rstrip(".!?…").endswith(("”", "\"", "»", "''")) and share >= 0.3:
        return True
    first = min((t.find(c) for c in "“‘„«\"" if c in t), default=-1)   # not "'": an apostrophe
    return share >= DIRECT_SHARE and first < 0   # no opening mark here: inside a quotation of several sentences
