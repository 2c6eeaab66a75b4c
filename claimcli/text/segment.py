"""Paragraphs, sentences and boilerplate.

Articles arrive as lines of text: each non-empty line is a paragraph, and a
headline, subtitle or caption is a paragraph of its own. Sentences come from
the parser inside each paragraph, with two repairs the small pipeline needs
(a split before a closing quote or a lowercase continuation). Boilerplate is
recognised by what it does (asks for money, an email address or consent,
credits a photo, points elsewhere), never by listing known lines.
"""

from __future__ import annotations

import re

Span = tuple[int, int]


def paragraph_spans(text: str) -> list[Span]:
    """Each non-blank line, stripped of surrounding white space."""
    spans = []
    for m in _LINE.finditer(text):       # not text.split: a 50 MB file is not copied line by line at once
        line = m.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((m.start() + lead, m.start() + lead + len(stripped)))
    return spans


_LINE = re.compile(r"[^\n]+")


# Calls to action and site furniture. Each pattern names a function of the
# text (an appeal, a notice, a link), so new outlets' variants still match.
_APPEAL = re.compile(
    r"""(
      \b(subscribe|unsubscribe|sign[ -]up|newsletter|opt[- ]out|inbox)\b
    | \b(donat(e|ion|ing)|make\ a\ (gift|contribution)|become\ a\ (member|patron|supporter))\b
    | \bsupport\ (us|our|the|local|independent)\b.*\b(journalis\w*|reporting|newsroom|work|mission|times|news)\b
    | ^support\ (the\ )?[\w ]{0,40}!?$
    | \bprivacy\ (notice|policy|statement)\b | \bcookies?\b.*\b(consent|accept|policy|settings)\b
    | \ball\ rights\ reserved\b | \bterms\ of\ (use|service)\b
    | \b(small|quick)\ favou?r\ to\ ask\b
    | \b(follow|like)\ us\ on\b | \bshare\ (this|on)\b
    | ^(read|see|find\ out|learn)\ (more|the\ rest|the\ full\ (story|article))\b
    | ^(continue(\ reading)?|more|advertisement|related(\ articles?)?|click\ here)\W*$
    | \b(first|originally)\ (published|appeared)\ (by|in|on|at)\b
    | \boriginal\ version\b.*\bpublished\b
    | \bviews\ expressed\b.*\b(do\ not|don't)\ (necessarily\ )?reflect\b
    | \bdoes\ not\ take\ (collective|institutional)\ positions\b
    | \bonly\ represent\ the\ views\ of\b
    | \b(with|under)\ the\ (financial\ )?support\ of\b.*\b(ministry|foundation|fund|programme|program|project|embassy)\b
    | \bthis\ (publication|article|project)\ was\ (prepared|produced|funded|made\ possible)\b
    | ^(photo|image|picture|video|credit|source)s?\s*(by|:|/|©)
    | ^©
    )""",
    re.I | re.X,
)
_SECOND_PERSON = re.compile(r"\b(you|your)\b", re.I)
_FIRST_PLURAL = re.compile(r"\b(we|our|us)\b", re.I)
_ASK = re.compile(r"\b(help|support|donat\w*|contribut\w*|sign|subscrib\w*|join|email)\b", re.I)
# A credit line: names separated by slashes ("Jane Doe / AP / Agency").
_CREDIT = re.compile(r"^[\w .,'’-]{2,40}(\s/\s[\w .,'’-]{2,40}){1,4}$")
# Trailing photo credits inside a caption: "... Karabakh. © agency.ru"
_TRAILING_CREDIT = re.compile(r"\s*(©|\(c\)|photo:|photo by|image:|credit:)\s*[^.!?]*$", re.I)


def is_boilerplate(par: str) -> bool:
    """True for paragraphs that are furniture or appeals, not article text."""
    s = par.strip()
    if not s:
        return True
    if _APPEAL.search(s):
        return True
    if _CREDIT.match(s) and not re.search(r"[.!?]$", s):
        return True
    # An appeal addressed to the reader: "we" ask "you" for help.
    if _SECOND_PERSON.search(s) and _FIRST_PLURAL.search(s) and _ASK.search(s):
        return True
    return False


_CREDIT_SENTENCE = re.compile(r"^(©|\(c\)\s|photo(graph)?s?\s*(by|:)|image\s*(by|:)|credit\s*:)", re.I)
# Wire furniture standing alone: a dateline ("OSLO, May 4. /NTB/.", "BERGEN (Reuters) -"),
# a byline ("By Ola Nordmann"), a date line ("date 2021-08-11 By Agency").
_WIRE_FURNITURE = re.compile(
    r"""^(
      [A-Z][A-Z .'-]+,\s+[A-Z][a-z]+\.?\s+\d{1,2}(,\s*\d{4})?\s*[./]?\s*/\s*[\w .-]+\s*/\s*\.?
    | [A-Z][A-Z .'-]+\s*\([\w .-]+\)\s*[-–—]*
    | ((?i:by)|(?i:from):)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}
    | (?i:date)\s+\d{4}-\d{2}-\d{2}(\s+(?i:by)\s+[\w .-]+)?
    )$""", re.X)


def is_credit(sentence: str) -> bool:
    """A photo credit standing alone as a sentence: "© agency.ru"."""
    s = sentence.strip()
    return bool(_CREDIT_SENTENCE.match(s) or _WIRE_FURNITURE.match(s))


def trim_credit(text: str, start: int, end: int) -> Span:
    """Drop a trailing photo credit from a caption sentence."""
    seg = text[start:end]
    m = _TRAILING_CREDIT.search(seg)
    if m and m.start() > 0:
        end = start + m.start()
    return start, end


def boilerplate_flags(text: str, paragraphs: list[Span]) -> list[bool]:
    """Which paragraphs are boilerplate. An appeal near the end of an article
    ("we have a small favour to ask") usually runs on for several paragraphs
    in the outlet's own voice: after one, paragraphs that speak as "we" to
    "you" belong to it too."""
    flags = []
    in_appeal = False
    for i, (s, e) in enumerate(paragraphs):
        par = text[s:e]
        bp = is_boilerplate(par)
        if bp and _APPEAL.search(par) and i >= len(paragraphs) // 2:
            in_appeal = True
        elif in_appeal and (_FIRST_PLURAL.search(par) or _SECOND_PERSON.search(par)):
            bp = True
        flags.append(bp)
    return flags


def headline_of(text: str) -> str:
    """What an article's title is when nothing says so: its first line that
    is neither furniture ("Support The Times!", a byline, a dateline) nor a
    credit. An article that is all furniture keeps its first line."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for line in lines[:12]:
        if not (is_boilerplate(line) or is_credit(line)):
            return line[:200]
    return lines[0][:200] if lines else ""
