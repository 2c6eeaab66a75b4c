"""Writers: the same rows as a terminal table, plain text, JSON Lines, JSON or CSV.

Article text is data, never markup: tables are built from ``rich.text.Text``
(no markup parsing) after control characters are removed, and CSV cells that
a spreadsheet would run as a formula are neutralised (OWASP).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(value) -> str:
    """Printable text: control and bidi-override characters removed."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    return _CONTROL.sub("", str(value).replace("\n", " "))


def neutralise(value) -> str:
    """A CSV cell a spreadsheet shows as text, never evaluates."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    s = str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


# Each writer returns the number of rows it wrote.

def write_jsonl(rows: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for n, r in enumerate(rows, 1):
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return n


def write_json(rows: Iterable[dict], out: IO[str]) -> int:
    rows = list(rows)
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(rows)


def write_csv(rows: Iterable[dict], columns: Sequence[str], out: IO[str]) -> int:
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(columns)
    n = 0
    for n, r in enumerate(rows, 1):
        w.writerow([neutralise(r.get(c)) for c in columns])
    return n


def write_table(rows: Sequence[dict], columns: Sequence[str], out: IO[str], *, widths: dict | None = None) -> int:
    """A rich table on a terminal; aligned plain text otherwise."""
    if getattr(out, "isatty", lambda: False)():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(show_lines=False, expand=False)
        for c in columns:
            table.add_column(c, overflow="fold", max_width=(widths or {}).get(c))
        for r in rows:
            table.add_row(*(Text(clean(r.get(c))) for c in columns))
        Console(file=out, highlight=False, markup=False).print(table)
        return len(rows)
    cells = [[clean(r.get(c)) for c in columns] for r in rows]
    caps = {c: (widths or {}).get(c, 60) for c in columns}
    cells = [[v if len(v) <= caps[c] else v[:caps[c] - 1] + "…" for v, c in zip(row, columns)] for row in cells]
    w = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w[i]) for i, c in enumerate(columns)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w[i]) for i, v in enumerate(row)).rstrip() + "\n")
    return len(rows)


def write_rows(rows: Iterable[dict], fmt: str, columns: Sequence[str], out: IO[str] | None = None, **kw) -> int:
    """Rows in ``fmt``; jsonl and csv stream, a table needs them all."""
    out = out or sys.stdout
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    if fmt == "json":
        return write_json(rows, out)
    if fmt == "csv":
        return write_csv(rows, columns, out)
    return write_table(list(rows), columns, out, **kw)


CLAIM_TABLE_COLUMNS = ("article", "speaker", "attribution", "cue", "stance", "reasons", "text")


@contextmanager
def output(path: str | None) -> Iterator[IO[str]]:
    """Standard output for None or "-"; else a file that appears whole or not
    at all (written beside it, then renamed), so a failed export never leaves
    half a CSV over the previous one."""
    if path in (None, "-"):
        yield sys.stdout
        return
    from .errors import InputError

    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a folder; give a file name for --output")
    if not target.parent.is_dir():
        raise InputError(f"{path}: folder {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
