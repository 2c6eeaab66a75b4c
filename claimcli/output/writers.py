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
from dataclasses import dataclass
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
    elif isinstance(value, dict):     # a reason's probability: "arms_sales=0.91;leverage=0.62"
        value = ";".join(f"{k}={v}" for k, v in value.items())
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


def write_csv(rows: Iterable[dict], columns: Sequence[str], out: IO[str], *, bom: bool = False) -> int:
    """RFC 4180 CSV; ``bom`` starts it with a UTF-8 byte-order mark, which is
    how Excel knows the file is UTF-8 (csv and pandas skip it)."""
    if bom:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(columns)
    n = 0
    for n, r in enumerate(rows, 1):
        w.writerow([neutralise(r.get(c)) for c in columns])
    return n


@dataclass(frozen=True)
class Column:
    """A column of a terminal table: the row keys it shows, one per line (the
    first in full colour, the rest dim: a speaker over their role), and the
    widest it may grow. Piped, each key is a column of its own."""
    header: str
    keys: tuple[str, ...]
    cap: int = 40


# Columns narrower than this are never squeezed further; the column with the
# most to say (the claim's text) keeps at least FLEX_MIN characters.
_FLOOR = 8
FLEX_MIN = 30
_GAP = 2            # between two columns: rich's divider (a space in SIMPLE_HEAD) and one of padding


def write_table(rows: Sequence[dict], columns: Sequence[str], out: IO[str], *, widths: dict | None = None,
                layout: Sequence[Column] | None = None, group: str | None = None, width: int | None = None) -> int:
    """A rich table on a terminal; aligned plain text otherwise.

    On a terminal the column with the most to say (the longest values, e.g.
    a claim's text) takes the room the others leave; the others are as wide
    as their values up to their cap (``widths`` or the layout's), and a value
    longer than that ends in "…" rather than breaking words. ``group`` names
    a key whose value heads a table of its own (an article's title over its
    claims). Piped, nothing is cut: one line per row, every column whole, so
    ``grep`` finds any word.
    """
    if getattr(out, "isatty", lambda: False)():
        _rich_table(rows, layout or [Column(c, (c,), (widths or {}).get(c, 40)) for c in columns], out,
                    group=group, width=width)
        return len(rows)
    cells = [[clean(r.get(c)) for c in columns] for r in rows]
    w = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w[i]) for i, c in enumerate(columns)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w[i]) for i, v in enumerate(row)).rstrip() + "\n")
    return len(rows)


def _column_widths(lines: list[list[list[str]]], layout: Sequence[Column], room: int,
                   numeric: list[bool]) -> tuple[list[int], int]:
    """Widths for ``layout`` in ``room`` characters, and the column that
    flexes: the text column with the longest line. ``lines[row][col]`` are a
    cell's lines. Others shrink, widest first, to give it half the room:
    down to a soft floor (a count keeps a header of up to ten letters); then,
    if it still has less than FLEX_MIN, to a hard one (a count keeps its
    digits, a header only its start)."""
    longest = [max([0] + [len(ln) for row in lines for ln in row[i]]) for i in range(len(layout))]
    natural = [max(len(col.header), n) for n, col in zip(longest, layout)]
    flex = max(range(len(layout)), key=lambda i: (not numeric[i], longest[i], i))
    w = [min(n, col.cap) for n, col in zip(natural, layout)]
    soft = [max(longest[i], min(len(col.header), 10)) if numeric[i] else min(natural[i], _FLOOR)
            for i, col in enumerate(layout)]
    hard = [max(longest[i], min(len(col.header), 3)) if numeric[i] else min(natural[i], _FLOOR)
            for i, col in enumerate(layout)]
    want = min(natural[flex], max(FLEX_MIN, room // 2))
    others = lambda: sum(x for i, x in enumerate(w) if i != flex)
    for floor, need in ((soft, want), (hard, min(natural[flex], FLEX_MIN))):
        while room - others() < need:
            shrinkable = [i for i in range(len(w)) if i != flex and w[i] > floor[i]]
            if not shrinkable:
                break
            w[max(shrinkable, key=lambda i: w[i])] -= 1
    w[flex] = max(min(natural[flex], room - others()), 1)
    return w, flex


def _lines(row: dict, keys: Sequence[str]) -> list[str]:
    """A cell's lines: each key's value, a list one item a line."""
    out = []
    for k in keys:
        v = row.get(k)
        out += [clean(x) for x in v] if isinstance(v, (list, tuple)) else [clean(v)] if v not in (None, "") else []
    return out


def _rich_table(rows: Sequence[dict], layout: Sequence[Column], out: IO[str], *, group: str | None,
                width: int | None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, markup=False, emoji=False, width=width)
    lines = [[_lines(r, col.keys) for col in layout] for r in rows]
    room = console.width - _GAP * (len(layout) - 1) - 1
    numeric = [bool(rows) and all(isinstance(r.get(col.keys[0]), (int, float)) for r in rows) for col in layout]
    w, flex = _column_widths(lines, layout, room, numeric)

    def table(part: list[int]) -> Table:
        t = Table(box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, padding=(0, _GAP - 1, 0, 0), expand=False)
        for i, col in enumerate(layout):
            t.add_column(col.header, width=w[i], no_wrap=i != flex, overflow="fold" if i == flex else "ellipsis",
                         justify="right" if numeric[i] else "left")
        for k in part:
            cells = []
            for i, col_lines in enumerate(lines[k]):
                cell = Text()
                for n, ln in enumerate(col_lines):
                    cell.append(("\n" if n else "") + ln, style="dim" if n else "")
                cells.append(cell)
            t.add_row(*cells)
        return t

    if group is None:
        console.print(table(list(range(len(rows)))))
        return
    parts: list[tuple[list[str], list[int]]] = []
    for k, r in enumerate(rows):
        key = _lines(r, (group,))
        if not parts or parts[-1][0] != key:
            parts.append((key, []))
        parts[-1][1].append(k)
    for n, (key, part) in enumerate(parts):
        if n:
            console.print()
        for i, ln in enumerate(key):    # the heading: its first line bold, the rest dim, none wrapped
            console.print(Text(ln, style="dim" if i else "bold"), no_wrap=True, overflow="ellipsis")
        console.print(table(part))


def write_rows(rows: Iterable[dict], fmt: str, columns: Sequence[str], out: IO[str] | None = None, *,
               bom: bool = False, **kw) -> int:
    """Rows in ``fmt``; jsonl and csv stream, a table needs them all."""
    out = out or sys.stdout
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    if fmt == "json":
        return write_json(rows, out)
    if fmt == "csv":
        return write_csv(rows, columns, out, bom=bom)
    return write_table(list(rows), columns, out, **kw)


# A claim table piped: one column per field (on a terminal, labels.CLAIM_LAYOUT).
CLAIM_TABLE_COLUMNS = ("article", "speaker", "speaker_role", "attribution", "cue", "stance", "stance_cue", "reasons",
                       "text")


@contextmanager
def output(path: str | None, *, inputs: Iterable[str] = ()) -> Iterator[IO[str]]:
    """Standard output for None or "-"; else a file that appears whole or not
    at all (written beside it, then renamed), so a failed export never leaves
    half a CSV over the previous one. ``inputs`` (the store, the files read)
    are never written over: naming one is a usage error, as is a folder
    that does not exist."""
    if path in (None, "-"):
        yield sys.stdout
        return
    from ..errors import StoreError, UsageError

    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{path}: is a folder; give a file name for --output")
    if not target.parent.is_dir():
        raise UsageError(f"{path}: folder {target.parent} does not exist")
    for src in inputs:
        if src and _same_file(target, Path(src)):
            raise UsageError(f"{path}: is also an input ({src}); writing there would destroy it, give another file")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as e:
        raise StoreError(f"{path}: cannot write in {target.parent} ({e.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as e:           # a full disk, a quota: the previous file stays
        os.unlink(tmp)
        raise StoreError(f"{path}: cannot write ({e.strerror}); "
                         + ("the file there is unchanged" if target.exists() else "nothing was written")) from None
    except BaseException:
        os.unlink(tmp)
        raise


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b) or a.resolve() == b.resolve()
    except OSError:
        return False


def write_evaluation(scores, fmt: str, out: IO[str]) -> None:
    """``claims evaluate``: the figures, then the tables behind them."""
    data = scores.as_dict()
    if fmt in ("json", "jsonl"):
        out.write(json.dumps(data, ensure_ascii=False, indent=2 if fmt == "json" else None) + "\n")
        return
    summary = [
        {"measure": "articles / gold claims / predicted", "value": f"{scores.articles} / {scores.gold_claims} / {scores.predicted_claims}"},
        {"measure": "coverage", "value": scores.coverage},
        {"measure": "claim precision", "value": scores.claim_precision},
        {"measure": "speaker P / R / F1", "value": " / ".join(str(scores.speaker[k]) for k in ("precision", "recall", "f1"))},
        {"measure": "attribution accuracy", "value": scores.attribution_accuracy},
        {"measure": "stance accuracy", "value": scores.stance_accuracy},
        {"measure": "stance macro-F1", "value": scores.stance_macro_f1},
        {"measure": "reasons P / R / F1", "value": " / ".join(str(scores.reasons[k]) for k in ("precision", "recall", "f1"))},
    ]
    write_rows(summary, fmt, ("measure", "value"), out)
    labels = sorted(set(scores.stance_confusion) | {p for row in scores.stance_confusion.values() for p in row})
    out.write("\nstance confusion (rows: gold, columns: predicted)\n")
    write_rows([{"gold": g, **{p: scores.stance_confusion.get(g, {}).get(p, 0) for p in labels},
                 "f1": scores.stance_f1.get(g)} for g in sorted(scores.stance_confusion)],
               fmt, ("gold", *labels, "f1"), out)
    out.write("\nreasons\n")
    write_rows([{"reason": r, **v} for r, v in scores.per_reason.items()], fmt,
               ("reason", "tp", "fp", "fn", "precision", "recall", "f1"), out)
    for title, rows in (("missed (no predicted claim)", scores.missed), ("false (no gold claim)", scores.false)):
        if rows:
            out.write(f"\n{title}\n")
            write_rows(rows, fmt, ("article", "start", "text"), out)
    if scores.wrong:
        out.write("\nwrong labels\n")
        write_rows([{**w, "problems": "; ".join(w["problems"])} for w in scores.wrong], fmt,
                   ("article", "start", "problems", "text"), out)
