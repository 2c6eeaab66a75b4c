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
import secrets
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
    flex: bool = False      # the column that takes the room the others leave (else the one with most to say)


# No column is narrower than this (a count keeps room for a two-word header);
# the column with the most to say (the claim's text) keeps at least FLEX_MIN
# characters, and half the room when its text is long.
FLOOR = 8
FLEX_MIN = 30
_WORD_MAX = 20      # a longer word (a URL, a path) may fold rather than widen its column
_GAP = 2            # between two columns: rich's divider (a space in SIMPLE_HEAD) and one of padding


def write_table(rows: Sequence[dict], columns: Sequence[str], out: IO[str], *, widths: dict | None = None,
                layout: Sequence[Column] | None = None, group: str | None = None, width: int | None = None,
                terminal: bool | None = None) -> int:
    """A rich table on a terminal (or when ``terminal``); aligned plain text otherwise.

    On a terminal every column wraps on words, none is cut: the narrow
    columns (names, counts, labels) get the width they need first, never
    less than FLOOR nor less than their longest word, and the column with
    the most to say (a claim's text) takes the rest. Headers wrap like
    cells. ``group`` names a key whose value heads a table of its own (an
    article's title over its claims). Piped, nothing is cut: one line per
    row, every column whole, so ``grep`` finds any word.
    """
    if terminal if terminal is not None else getattr(out, "isatty", lambda: False)():
        _rich_table(rows, layout or [Column(c, (c,), (widths or {}).get(c, 40)) for c in columns], out,
                    group=group, width=width)
        return len(rows)
    cells = [[clean(r.get(c)) for c in columns] for r in rows]
    w = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w[i]) for i, c in enumerate(columns)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w[i]) for i, v in enumerate(row)).rstrip() + "\n")
    return len(rows)


def _longest_word(texts: Iterable[str]) -> int:
    return max([0] + [len(w) for t in texts for w in t.split()])


def column_needs(cell_lines: Sequence[Sequence[str]], header: str, numeric: bool, cap: int) -> tuple[int, int]:
    """A column's least width (its longest word, of its header too, within
    FLOOR and ``cap``; a count's digits whole) and the width at which
    nothing in it wraps."""
    longest = max([0] + [len(ln) for lines in cell_lines for ln in lines])
    word = _longest_word([header] + [ln for lines in cell_lines for ln in lines])
    least = max(FLOOR, longest, min(word, cap, _WORD_MAX)) if numeric else max(FLOOR, min(word, cap, _WORD_MAX))
    return least, max(least, longest, len(header))


def table_width(widths: Sequence[int]) -> int:
    """The characters a table of these column widths takes (with the
    margin that keeps its last column off the terminal's edge)."""
    return sum(widths) + _GAP * (len(widths) - 1) + 1


def _column_widths(lines: list[list[list[str]]], layout: Sequence[Column], room: int,
                   numeric: list[bool]) -> tuple[list[int], int]:
    """Widths for ``layout`` in ``room`` characters, and the column that
    flexes: the text column with the longest line. ``lines[row][col]`` are a
    cell's lines. Every column starts at its least width; the others then
    grow towards what they need (up to their cap), the narrowest first, as
    long as the flexing column keeps half the room (or FLEX_MIN); the
    flexing one takes what is left, and what it does not need goes back to
    the others."""
    needs = [column_needs([row[i] for row in lines], col.header, numeric[i], col.cap) for i, col in enumerate(layout)]
    least, natural = [n[0] for n in needs], [n[1] for n in needs]
    flex = max(range(len(layout)), key=lambda i: (layout[i].flex, not numeric[i], natural[i], i))
    w = list(least)
    w[flex] = max(least[flex], min(natural[flex], FLEX_MIN, room - sum(least) + least[flex]))
    keep = min(natural[flex], max(FLEX_MIN, room // 2, least[flex]))
    others = [i for i in range(len(w)) if i != flex]
    _fill(w, others, [min(natural[i], layout[i].cap) for i in range(len(w))], room - max(keep - w[flex], 0))
    w[flex] += max(0, min(natural[flex] - w[flex], room - sum(w)))
    _fill(w, others, natural, room)
    return w, flex


def _fill(w: list[int], among: list[int], target: list[int], room: int) -> None:
    """Widen the columns ``among`` towards ``target`` while ``w`` sums to less
    than ``room``, the narrowest first: a short label gets all it needs, two
    long ones share what is left evenly."""
    while sum(w) < room:
        want = [i for i in among if w[i] < target[i]]
        if not want:
            return
        w[min(want, key=lambda i: (w[i], i))] += 1


def _lines(row: dict, keys: Sequence[str]) -> list[str]:
    """A cell's lines: each key's value, a list one item a line."""
    out = []
    for k in keys:
        v = row.get(k)
        out += [clean(x) for x in v] if isinstance(v, (list, tuple)) else [clean(v)] if v not in (None, "") else []
    return out


def is_numeric(rows: Sequence[dict], key: str) -> bool:
    return bool(rows) and all(isinstance(r.get(key), (int, float)) and not isinstance(r.get(key), bool) for r in rows)


def console_width(out: IO[str], width: int | None = None) -> int:
    """The width a table on ``out`` has: ``width``, else the terminal's
    (rich reads $COLUMNS, then the terminal), at least 20."""
    if width:
        return width
    from rich.console import Console

    return max(Console(file=out).width, 20)


def _rich_table(rows: Sequence[dict], layout: Sequence[Column], out: IO[str], *, group: str | None,
                width: int | None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, markup=False, emoji=False, width=console_width(out, width))
    lines = [[_lines(r, col.keys) for col in layout] for r in rows]
    room = console.width - _GAP * (len(layout) - 1) - 1
    numeric = [is_numeric(rows, col.keys[0]) for col in layout]
    w, flex = _column_widths(lines, layout, room, numeric)

    def table(part: list[int]) -> Table:
        t = Table(box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, padding=(0, _GAP - 1, 0, 0), expand=False)
        for i, col in enumerate(layout):
            t.add_column(Text(col.header), width=w[i], no_wrap=False, overflow="fold",
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
        for i, ln in enumerate(key):    # the heading: its first line bold, the rest dim, wrapped on words
            console.print(Text(ln, style="dim" if i else "bold"), overflow="fold")
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
        raise UsageError(f"{path}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise UsageError(f"{path}: folder {target.parent} does not exist")
    for src in inputs:
        if src and _same_file(target, Path(src)):
            raise UsageError(f"{path}: is also an input ({src}); writing there would destroy it, give another file")
    try:
        fd, tmp = _new_file(target)
    except OSError as e:
        raise StoreError(f"{path}: cannot write in {target.parent} ({e.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        os.replace(tmp, target)
    except OSError as e:           # a full disk, a quota: the previous file stays
        os.unlink(tmp)
        raise StoreError(f"{path}: cannot write ({e.strerror}); "
                         + ("the file there is unchanged" if target.exists() else "nothing was written")) from None
    except BaseException:
        os.unlink(tmp)
        raise


def _new_file(target: Path) -> tuple[int, str]:
    """A new file beside ``target``, with the mode any new file of the user's
    gets (0o666 less the umask, applied by the system: ``mkstemp``'s 0o600
    would leave an export unreadable to the group that reads the rest)."""
    while True:
        tmp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


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
