"""Reading articles: which files, which encoding, which text.

Offsets in every record refer to the text returned here: decoded, with
``\\r\\n`` and ``\\r`` read as ``\\n`` (what ``open(path).read()`` gives) and
nothing else changed, so ``text[start:end]`` holds for users' own reads.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

from ..errors import InputError, TooBig
from ..models import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_SUFFIX_LIST = ", ".join("*" + s for s in ARTICLE_SUFFIXES)
# Fallbacks after UTF-8: cp1252 covers Windows "smart quotes"; latin-1
# decodes any byte string, so it is the last resort.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def collect_paths(paths: list[str], errors: list[InputError] | None = None) -> list[str]:
    """Expand folders to their articles (recursively, in name order).

    A path that is missing or an empty folder raises, or, given ``errors``,
    is added there and skipped: like ``grep``, one bad argument does not
    stop a batch."""
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append("-")
            continue
        p = Path(raw)
        problem = None
        if p.is_dir():
            found = sorted(
                (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES),
                key=lambda f: str(f.relative_to(p)),
            )
            if not found:
                problem = InputError(f"{raw}: no articles ({_SUFFIX_LIST}) in this folder")
            out.extend(str(f) for f in found)
        elif p.exists():
            out.append(str(p))
        else:
            problem = InputError(f"{raw}: no such file or folder")
        if problem is not None:
            if errors is None:
                raise problem
            errors.append(problem)
    return out


def json_lines(text: str, where: str):
    """(line number, value) of each non-blank line of JSON Lines text; a line
    that is not JSON is an error naming ``where`` and the line."""
    import json

    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}:{n}: not JSON ({e.msg})") from None


def key_of(path: str) -> str:
    """An article's identity: a URL as it is, a local file by its absolute path."""
    return path if "://" in path else str(Path(path).resolve())


def stdin_name(sha256: str) -> str:
    """Standard input without --name: named by its content."""
    return f"stdin-{sha256[:12]}"


def display_names(keys: list[str]) -> dict[str, str]:
    """What records call each article: its basename, or, where articles share
    one, the shortest tail of the path that tells them apart
    (``nyt/x.txt``, ``wapo/x.txt``)."""
    parts = {k: k.replace("\\", "/").rstrip("/").split("/") for k in set(keys)}
    out = {}
    for k, ps in parts.items():
        n = 1
        while n < len(ps) and any(o != k and op[-n:] == ps[-n:] for o, op in parts.items()):
            n += 1
        out[k] = "/".join(ps[-n:])
    return out


def basename(key: str) -> str:
    """The last part of an article's key (a path or a URL)."""
    return key.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last whole word within ``limit``
    characters, with "…" when anything is left out (never inside a word,
    nor after a comma or a dash): an article's title where a listing has
    room for part of it."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:–-") + "…"


def run_names(keys: list[str], stored_sharing: Callable[[set[str]], list[str]]) -> dict[str, str]:
    """The name each input of a run gets (``display_names``) among the
    articles it could be told from: the other inputs, and the stored ones
    that share a basename with one (``stored_sharing(basenames)`` gives
    their keys), so a stored x.txt and a new x.txt are both named by folder."""
    names = display_names(keys + stored_sharing({basename(k) for k in keys}))
    return {k: names[k] for k in keys}


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes: a BOM, then UTF-8, then the fallbacks. Returns (text, encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in FALLBACK_ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # pragma: no cover - latin-1 never fails


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.10


_SURROGATE = re.compile("[\ud800-\udfff]")


def normalise_newlines(text: str) -> str:
    """``\r\n`` and ``\r`` read as ``\n``; a lone surrogate (possible in a
    Python string, never in decoded bytes) becomes U+FFFD, one for one, so
    offsets still hold and the parser gets text it can encode."""
    if "\r" in text:                   # each step copies: a 50 MB text is read once, not thrice
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


_HTML_START = re.compile(r"\A\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


class _TextOfHTML(HTMLParser):
    """Visible text of a page, one block element per line."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
             "blockquote", "section", "article", "header", "footer", "figcaption", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in joined.split("\n")]
        return "\n\n".join(ln for ln in lines if ln)


def html_to_text(html: str) -> str:
    parser = _TextOfHTML()
    parser.feed(html)
    parser.close()
    return parser.text()


def article_from_bytes(data: bytes, name: str, path: str, key: str | None = None,
                       meta: dict[str, str] | None = None) -> Article:
    """An article from its bytes; ``key`` (default: ``key_of(path)``) is its
    identity, which claim ids hash together with the text. A web page gives
    its article text and metadata, Markdown its front matter; ``meta`` (a
    ``--meta`` row) fills in what the file does not say."""
    from . import formats
    from .segment import headline_of

    if looks_binary(data):
        raise InputError(f"{path}: binary file, not an article")
    text, encoding = decode(data)
    text = normalise_newlines(text)
    found: dict[str, str] = {}
    if _HTML_START.match(text) or path.lower().endswith(formats.HTML_SUFFIXES):
        page = formats.from_html(text, path)
        if page is not None:
            text, found = page
        else:                # no article trafilatura can find: the page's visible text
            text = html_to_text(text)
        encoding += "+html"
    elif path.lower().endswith(formats.MARKDOWN_SUFFIXES) or text.startswith("---"):
        text, found = formats.split_front_matter(text, path)
    if not text.strip():
        raise InputError(f"{path}: empty article (no text)")
    fields = {**found, **{k: v for k, v in (meta or {}).items() if v}}
    return Article(name=name, path=path, text=text, encoding=encoding, key=key or key_of(path),
                   headline=fields.get("title") or headline_of(text), outlet=fields.get("outlet", ""),
                   author=fields.get("author", ""), published=fields.get("published", ""),
                   url=fields.get("url", ""))


# One article is rarely over 200 kB; a file of many megabytes is a scraper's
# dump of a whole site, which would tie the parser up for many minutes.
MAX_ARTICLE_MB = 5.0


def _too_big(path: str, size: int, max_mb: float) -> TooBig:
    return TooBig(f"{path}: {size / 1e6:.1f} MB, more than the {max_mb:g} MB one article may have "
                      f"(is it several articles?)")


def read_article(path: str, max_mb: float = MAX_ARTICLE_MB, *, name: str | None = None,
                 meta: dict[str, dict[str, str]] | None = None) -> Article:
    """Read one article; ``-`` reads standard input, named ``name`` (else
    after its content: ``stdin-`` and the start of its SHA-256)."""
    limit = int(max_mb * 1e6)
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_big("-", len(data) + len(sys.stdin.buffer.read()), max_mb)
        article = article_from_bytes(data, name or "-", "-", key="-", meta=(meta or {}).get(name or "-"))
        article.name = name or stdin_name(article.sha256)
        article.key = f"stdin:{article.name}"
        return article
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > limit:
            raise _too_big(path, size, max_mb)
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    return article_from_bytes(data, p.name, path, meta=meta_for(path, meta))


def meta_for(path: str, meta: dict[str, dict[str, str]] | None) -> dict[str, str] | None:
    """The ``--meta`` row of a file: by its identity, else by its name."""
    if not meta:
        return None
    return meta.get(key_of(path)) or meta.get(Path(path).name)
