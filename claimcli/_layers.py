"""The layer check: ``python -m claimcli._layers`` exits 1 if any module
imports a layer above its own, or if packages import each other in a cycle.

The layers, bottom to top (each may import only itself and those below)::

    core         models, errors, version (the top-level modules; and data/)
    text         reading, segmenting, quotes, names; no spaCy
    nlp          the spaCy pipeline, sentences, slot patterns over lemmas
    attribution  lexicon, cues, speakers, the attribution passes
    judging      profiles, stance, reasons
    dedup        near-duplicate linking
    stores       SQLite and Parquet stores, queries
    pipeline     extraction, claims, the Dask engine, evaluation, info
    output       writers, tables, HTML, Datasette
    cli          the Typer app
    claimcli     the package's own lazy re-exports

Every ``import`` and ``from ... import`` counts, at module level or inside a
function, since a lazy import still ties the layers together. The modules
are read with ``ast``, never imported.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "claimcli"
LAYERS = ("core", "text", "nlp", "attribution", "judging", "dedup", "stores", "pipeline", "output", "cli", PACKAGE)
CORE = ("models", "errors", "version", "_layers", "data")   # data: the package data, installed as claimcli/data


def layer_of(module: str) -> str | None:
    """The layer of a module named in full (``claimcli.nlp.lemmas``), or
    None for a module outside the package or a top-level one no layer
    claims."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    if len(parts) == 1:
        return PACKAGE
    if parts[1] in CORE:
        return "core"
    if parts[1] in LAYERS:
        return parts[1]
    return None


def module_name(path: Path, root: Path) -> tuple[str, bool]:
    """(dotted name, is a package) of a source file under ``root``, the
    folder that holds the package."""
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    is_pkg = parts[-1] == "__init__"
    if is_pkg:
        parts = parts[:-1]
    return ".".join(parts), is_pkg


def imports_of(path: Path, module: str, is_pkg: bool, root: Path) -> list[tuple[int, str]]:
    """(line, module imported) for every import in the file, relative ones
    resolved (``root`` holds the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = module.split(".") if is_pkg else module.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if layer_of(target) == PACKAGE:
                # ``from claimcli import x``: x's own layer when x is a module,
                # else the package's (``from .. import __version__``)
                pkg = root / PACKAGE
                out.extend((node.lineno, f"{target}.{alias.name}" if (pkg / alias.name).is_dir()
                            or (pkg / f"{alias.name}.py").is_file() else target) for alias in node.names)
            else:
                out.append((node.lineno, target))
    return out


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The cycles among packages, each as a path that returns to its start."""
    found, state, stack = [], {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(edges.get(n, ())):
            if state.get(m) == 1:
                found.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(edges):
        if n not in state:
            visit(n)
    return found


def check(root: str | Path | None = None) -> list[str]:
    """Every problem found, as ``path:line: message``; an empty list passes."""
    root = Path(root) if root is not None else Path(__file__).resolve().parent.parent
    problems = []
    edges: dict[str, set[str]] = {}
    rank = {name: i for i, name in enumerate(LAYERS)}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        module, is_pkg = module_name(path, root)
        mine = layer_of(module)
        where = path.relative_to(root)
        if mine is None:
            problems.append(f"{where}:1: {module} is in no layer (add it to a package or to CORE)")
            continue
        for line, target in imports_of(path, module, is_pkg, root):
            theirs = layer_of(target)
            if theirs is None or theirs == mine:
                continue
            edges.setdefault(mine, set()).add(theirs)
            if rank[theirs] > rank[mine]:
                problems.append(f"{where}:{line}: {module} ({mine}) imports {target} ({theirs}), a layer above")
    for cycle in _cycles(edges):
        problems.append(f"{PACKAGE}: packages import each other in a cycle: {' -> '.join(cycle)}")
    return problems


def main() -> int:
    problems = check()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} layer problem(s)", file=sys.stderr)
        return 1
    print(f"layers ok: {' < '.join(LAYERS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
