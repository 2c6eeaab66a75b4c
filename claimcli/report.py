"""Writers: the same rows as a terminal table, plain text, JSON Lines, JSON or CSV.

Article text is data, never markup: tables are built from ``rich.text.Text``
(no markup parsing) after control characters are removed, and CSV cells that
a spreadsheet would run as a formula are neutralised (OWASP).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import IO, Iterable, Sequence

FORMATS = ("table", "jsonl", "json", "csv")
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


def write_jsonl(rows: Iterable[dict], out: IO[str]) -> None:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_json(rows: Iterable[dict], out: IO[str]) -> None:
    json.dump(list(rows), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(rows: Iterable[dict], columns: Sequence[str], out: IO[str]) -> None:
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([neutralise(r.get(c)) for c in columns])


def write_table(rows: Sequence[dict], columns: Sequence[str], out: IO[str], *, title: str | None = None,
                widths: dict | None = None) -> None:
    """A rich table on a terminal; aligned plain text otherwise."""
    if getattr(out, "isatty", lambda: False)():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, show_lines=False, expand=False)
        for c in columns:
            table.add_column(c, overflow="fold", max_width=(widths or {}).get(c))
        for r in rows:
            table.add_row(*(Text(clean(r.get(c))) for c in columns))
        Console(file=out, highlight=False, markup=False).print(table)
        return
    cells = [[clean(r.get(c)) for c in columns] for r in rows]
    caps = {c: (widths or {}).get(c, 60) for c in columns}
    cells = [[v if len(v) <= caps[c] else v[:caps[c] - 1] + "…" for v, c in zip(row, columns)] for row in cells]
    w = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    if title:
        out.write(title + "\n")
    out.write("  ".join(c.ljust(w[i]) for i, c in enumerate(columns)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w[i]) for i, v in enumerate(row)).rstrip() + "\n")


def write_rows(rows: Sequence[dict], fmt: str, columns: Sequence[str], out: IO[str] | None = None, **kw) -> None:
    out = out or sys.stdout
    if fmt == "jsonl":
        write_jsonl(rows, out)
    elif fmt == "json":
        write_json(rows, out)
    elif fmt == "csv":
        write_csv(rows, columns, out)
    else:
        write_table(rows, columns, out, **kw)


CLAIM_TABLE_COLUMNS = ("article", "speaker", "attribution", "cue", "stance", "reasons", "text")
CLAIM_CSV_COLUMNS = ("article", "id", "text", "start", "end", "speaker", "speaker_role", "attribution",
                     "cue", "stance", "reasons", "duplicate_of")
