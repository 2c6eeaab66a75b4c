"""Articles as people have them: saved web pages, Markdown with front
matter, plain text with a metadata file beside it.

A saved page is mostly not the article (menus, banners, related links,
footers), and hand-written rules for that lose to each new site's layout:
``trafilatura``, the maintained library for news pages, finds the article's
text and its metadata. Markdown's YAML front matter is metadata too; it is
blanked in place (same length, newlines kept), so offsets still point into
the file as a user reads it. ``--meta`` gives the same fields for plain
text, one row per file.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# what other tools and sites call each field (front matter, CSV headers, JSON keys)
META_ALIASES = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "site", "sitename", "site_name", "publication", "publisher", "newspaper"),
    "author": ("author", "authors", "byline", "by"),
    "published": ("published", "date", "pubdate", "published_at", "publication_date", "datePublished"),
    "url": ("url", "link", "canonical", "canonical_url", "source_url"),
}
_FRONT_MATTER = re.compile(r"\A(---[ \t]*\n)(.*?\n)(---|\.\.\.)[ \t]*(\n|\Z)", re.S)


def normalise_meta(raw: dict, where: str = "") -> dict[str, str]:
    """The five fields from a mapping that may call them otherwise; a date
    becomes ISO (``2024-03-05``), a list of authors one string."""
    lower = {str(k).strip().lower(): v for k, v in (raw or {}).items()}
    out: dict[str, str] = {}
    for field, names in META_ALIASES.items():
        value = next((lower[n.lower()] for n in names if lower.get(n.lower()) not in (None, "")), None)
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v).strip() for v in value if str(v).strip())
        if field == "published":
            value = iso_date(value, where)
        out[field] = " ".join(str(value).split())
    return out


def iso_date(value, where: str = "") -> str:
    """A date as ``YYYY-MM-DD`` (months and years are read from it); a value
    that is no date is an error naming where it came from."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3] or 1)
        try:
            return date(y, mo, d).isoformat() if m[3] else f"{y:04d}-{mo:02d}"
        except ValueError:
            pass
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%d.%m.%Y", "%m/%d/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    raise InputError(f"{where}: {s!r} is not a date (write it as YYYY-MM-DD)" if where else
                     f"{s!r} is not a date (write it as YYYY-MM-DD)")


def from_html(html: str, where: str = "") -> tuple[str, dict[str, str]] | None:
    """The article's text (one paragraph per block, blank lines between,
    the headline first) and its metadata; None when the page holds no
    article text trafilatura can find."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_precision=True, include_images=False,
                                      # its dedup cache lives across calls: a second page
                                      # (or the same page again) would lose the lines it shares
                                      deduplicate=False)
    if doc is None:
        return None
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    paragraphs = [" ".join(line.split()) for line in (d.get("text") or "").split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return None
    title = " ".join((d.get("title") or "").split())
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    meta = {"title": title, "outlet": d.get("sitename") or "", "author": d.get("author") or "",
            "published": d.get("date") or "", "url": d.get("url") or ""}
    return "\n\n".join(paragraphs), normalise_meta(meta, where)


def split_front_matter(text: str, where: str = "") -> tuple[str, dict[str, str]]:
    """Markdown with a YAML block first: the text with that block blanked in
    place, and the block's metadata. Text without one comes back as it is."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    import frontmatter
    import yaml

    try:
        data, _ = frontmatter.parse(m.group(0))
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        at = f" (line {line + 1})" if line is not None else ""
        raise InputError(f"{where}: the front matter is not YAML{at}: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        return text, {}
    blank = re.sub(r"[^\n]", " ", m.group(0))
    return blank + text[m.end():], normalise_meta(data, where)


def read_meta_file(path: str) -> dict[str, dict[str, str]]:
    """A ``--meta`` file, CSV (a header row) or JSON Lines, one row per
    article with a ``path`` (or ``file``) column: relative paths are read
    from the file's own folder. Returns article identity -> fields; the
    bare file name is a key too, where only one row has it."""
    from .reading import key_of

    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"{path}: cannot read the metadata file ({e.strerror})") from None
    rows: list[tuple[int, dict]] = []
    if p.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        from .reading import json_lines

        for n, row in json_lines(raw, path):
            if not isinstance(row, dict):
                raise InputError(f"{path}:{n}: a record must be a JSON object")
            rows.append((n, row))
    else:
        reader = csv.DictReader(raw.splitlines())
        rows = [(n, row) for n, row in enumerate(reader, 2)]
    out: dict[str, dict[str, str]] = {}
    names: dict[str, list[dict]] = {}
    for n, row in rows:
        lower = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        target = lower.get("path") or lower.get("file")
        if not target:
            raise InputError(f"{path}:{n}: no `path` column naming the article")
        fields = normalise_meta(row, f"{path}:{n}")
        local = Path(target) if Path(target).is_absolute() or "://" in target else p.parent / target
        out[key_of(str(local))] = fields
        names.setdefault(Path(target).name, []).append(fields)
    for name, found in names.items():
        if len(found) == 1:
            out.setdefault(name, found[0])
    return out
