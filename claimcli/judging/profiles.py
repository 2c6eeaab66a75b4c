"""Topic profiles: the topic's target, its stance labels and its reasons,
as a TOML file a user can read, change or write for another topic.

A pattern is a line of slots matched against lemmas (case aside):
``"sell|supply * arm|weapon"`` is a word from the first set, up to three
other words, then a word from the second set. Patterns are checked and
compiled into slot sequences in ``nlp/lemmas.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data import path as package_data
from ..errors import ProfileError
from ..nlp.lemmas import check_pattern, compile_pattern
from ..text import toml as tomllib

DEFAULT_PROFILE = "russia-armenia"
# Matching costs a walk from every token that can start a pattern: the
# word sequences of a whole profile, and those that start with one word,
# are bounded, so no profile makes a text slow to label (the default
# profile has 208 in all, at most 7 on one word; ``nlp.lemmas`` bounds
# each pattern).
MAX_PROFILE_SEQUENCES = 5_000
MAX_SEQUENCES_PER_WORD = 300
# Which stance faults the target and which defends it, unless a stance table
# says so with `polarity = "critical"` or `"supportive"`.
POLARITY_BY_ID = {"critical": "critical", "supportive": "supportive"}
@dataclass
class Reason:
    id: str
    label: str
    description: str
    patterns: list[str]
    # actors whose relation to the target is the reason ("Turkey"): a match
    # counts when it is within a few dependency arcs of the target
    near: list[str] = field(default_factory=list)
    # the factor must be the target's own ("Russia's weakness", not "a
    # weakened Armenia"): a match that belongs to another actor does not count
    own: bool = False
    # the reason is a part of the target faulted: a critical judgement of an
    # actor these words name ("the alliance did nothing") cites it
    faulted: list[str] = field(default_factory=list)


@dataclass
class Example:
    """A sentence the profile must label so: ``stance`` (if given) exactly,
    and every reason in ``reasons``; with ``exact``, no other reason."""
    text: str
    stance: str | None = None
    reasons: list[str] = field(default_factory=list)
    exact: bool = False
    source: str = ""      # where the profile declares it ("reasons.turkey_ties")


@dataclass
class Profile:
    id: str
    name: str
    path: str
    target_terms: list[str]
    stances: dict[str, dict] = field(default_factory=dict)   # id -> {description, patterns}
    default_stance: str = "neutral"
    reasons: list[Reason] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    # the trained labeller for this profile (``labeller.py``), if it has one:
    # the file the profile's ``model`` key names, relative to the profile
    model: str = ""

    @property
    def stance_ids(self) -> list[str]:
        return list(self.stances)


def profile_dirs() -> list[Path]:
    """Where installed profiles live: the package data."""
    return [d for d in (package_data("profiles"),) if d.is_dir()]


def installed_profiles() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for d in profile_dirs():
        for p in sorted(d.glob("*.toml")):
            out.setdefault(p.stem, p)
    return out


def resolve(name_or_path: str | None) -> Path:
    name = name_or_path or DEFAULT_PROFILE
    p = Path(name)
    if p.suffix == ".toml" or p.exists():
        if not p.is_file():
            raise ProfileError(f"{name}: no such profile file")
        return p
    found = installed_profiles()
    if name not in found:
        raise ProfileError(f"unknown profile {name!r}; installed: {', '.join(found) or 'none'} (or give a path to a .toml file)")
    return found[name]


def _line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    return 1


def load(name_or_path: str | None = None) -> Profile:
    path = resolve(name_or_path)
    raw = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise ProfileError(f"{path}: not valid TOML: {e}") from None

    def fail(line_hint: str, msg: str):
        raise ProfileError(f"{path}:{_line_of(raw, line_hint)}: {msg}")

    for key in ("id", "name"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            fail(key, f"missing `{key} = \"...\"` at the top of the profile")
    target = data.get("target")
    if not isinstance(target, dict) or not isinstance(target.get("terms"), list) or not target["terms"]:
        fail("[target]", "a [target] table with a non-empty `terms` list is required")
    stances = data.get("stances")
    if not isinstance(stances, dict) or not stances:
        fail("[stances", "at least one [stances.ID] table is required")
    default = stances.pop("default", None) if isinstance(stances.get("default"), str) else None
    stance_tables = {k: v for k, v in stances.items() if isinstance(v, dict)}
    default = default or ("neutral" if "neutral" in stance_tables else next(iter(stance_tables)))
    if default not in stance_tables:
        fail("default", f"default stance {default!r} is not one of the [stances.ID] tables")
    examples: list[Example] = []

    def texts(table, where: str) -> list[str]:
        found = table.get("examples", [])
        if not isinstance(found, list) or not all(isinstance(t, str) and t.strip() for t in found):
            fail(f"[{where}]", f"{where}: `examples` must be a list of sentences")
        return found

    for sid, table in stance_tables.items():
        pol = table.get("polarity")
        if pol is not None and pol not in ("critical", "supportive"):
            fail("polarity", f"stance {sid!r}: polarity must be \"critical\" or \"supportive\", not {pol!r}")
        examples += [Example(t, stance=sid, source=f"stances.{sid}") for t in texts(table, f"stances.{sid}")]
    polarities = [table.get("polarity") or POLARITY_BY_ID.get(sid) for sid, table in stance_tables.items()]
    for sid, table in stance_tables.items():
        pol = table.get("polarity") or POLARITY_BY_ID.get(sid)
        if pol is None and sid != default and table.get("patterns"):
            fail(f"[stances.{sid}]", f"stance {sid!r}: say whether it faults or defends the target: "
                                     f"polarity = \"critical\" or \"supportive\"")
        if pol is not None and polarities.count(pol) > 1:
            fail(f"[stances.{sid}]", f"two stances have polarity {pol!r}; one stance per polarity")
        for pat in table.get("patterns", []):
            err = check_pattern(pat) if isinstance(pat, str) else "patterns must be strings"
            if err:
                fail(pat if isinstance(pat, str) else f"[stances.{sid}]", f"stance {sid!r}: pattern {pat!r}: {err}")
    reasons = []
    for rid, table in (data.get("reasons") or {}).items():
        if not isinstance(table, dict):
            fail("reasons", f"reasons.{rid} must be a table")
        pats = table.get("patterns", [])
        near = table.get("near", [])
        faulted = table.get("faulted", [])
        if not isinstance(faulted, list) or not all(isinstance(w, str) for w in faulted):
            fail(f"[reasons.{rid}]", f"reason {rid!r}: `faulted` must be a list of words")
        if not isinstance(pats, list) or not isinstance(near, list) or not (pats or near or faulted):
            fail(f"[reasons.{rid}]", f"reason {rid!r}: `patterns` (or `near`) must be a non-empty list of strings")
        for pat in pats + near:
            err = check_pattern(pat) if isinstance(pat, str) else "patterns must be strings"
            if err:
                fail(pat if isinstance(pat, str) else f"[reasons.{rid}]", f"reason {rid!r}: pattern {pat!r}: {err}")
        if not isinstance(table.get("own", False), bool):
            fail(f"[reasons.{rid}]", f"reason {rid!r}: `own` must be true or false")
        reasons.append(Reason(rid, table.get("label", rid), table.get("description", ""), pats, near,
                              table.get("own", False), [w.lower() for w in faulted]))
        examples += [Example(t, reasons=[rid], source=f"reasons.{rid}") for t in texts(table, f"reasons.{rid}")]
    for n, ex in enumerate(data.get("examples") or [], 1):
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
            fail("[[examples]]", f"examples #{n}: needs `text = \"...\"`")
        if not isinstance(ex.get("reasons", []), list):
            fail(ex["text"][:30], f"examples #{n}: `reasons` must be a list of reason ids")
        unknown_keys = set(ex) - {"text", "stance", "reasons"}
        if unknown_keys:
            fail(ex["text"][:30], f"examples #{n}: unknown key {sorted(unknown_keys)[0]!r} (text, stance, reasons)")
        unknown = [r for r in ex.get("reasons", []) if r not in {r.id for r in reasons}]
        if ex.get("stance") is not None and ex["stance"] not in stance_tables or unknown:
            fail(ex["text"][:30], f"examples #{n}: unknown {'stance ' + repr(ex.get('stance')) if not unknown else 'reason ' + repr(unknown[0])}")
        examples.append(Example(ex["text"], ex.get("stance"), list(ex.get("reasons", [])), exact=True,
                                source=f"examples #{n}"))
    terms = target["terms"]
    for t in terms:
        err = check_pattern(t) if isinstance(t, str) else "terms must be strings"
        if err:
            fail(t if isinstance(t, str) else "[target]", f"target term {t!r}: {err}")
    _check_cost(terms + [p for t in stance_tables.values() for p in t.get("patterns", [])]
                + [p for r in reasons for p in r.patterns + r.near], fail)
    model = ""
    if data.get("model"):
        if not isinstance(data["model"], str):
            fail("model", "model: the path of a trained model file (a string)")
        # checked when a labeller is loaded, not here: `claims train` reads
        # the profile to make the very file it names
        model = str((Path(path).parent / data["model"]).resolve())
    return Profile(
        id=data["id"], name=data["name"], path=str(path), model=model,
        target_terms=[t.lower() for t in target["terms"]],
        stances={k: {"description": v.get("description", ""), "patterns": v.get("patterns", []),
                     "polarity": v.get("polarity") or POLARITY_BY_ID.get(k)} for k, v in stance_tables.items()},
        default_stance=default, reasons=reasons, examples=examples,
    )


def _check_cost(patterns: list[str], fail) -> None:
    """Refuse a profile whose patterns, together, would make matching slow
    (``MAX_PROFILE_SEQUENCES``, ``MAX_SEQUENCES_PER_WORD``), naming the
    pattern that crosses the line."""
    total = 0
    per_word: dict[str, int] = {}
    for pat in patterns:
        seqs = compile_pattern(pat)
        total += len(seqs)
        if total > MAX_PROFILE_SEQUENCES:
            fail(pat, f"the profile's patterns make more than {MAX_PROFILE_SEQUENCES} word sequences (with "
                      f"pattern {pat!r}); matching every text would be slow: merge patterns into slots "
                      f"(\"sell|supply\") or drop some")
        for seq in seqs:
            for word in seq[0]:
                per_word[word] = per_word.get(word, 0) + 1
                if per_word[word] > MAX_SEQUENCES_PER_WORD:
                    fail(pat, f"more than {MAX_SEQUENCES_PER_WORD} patterns start with {word!r} (with pattern "
                              f"{pat!r}); every {word!r} in a text would be walked that often: start them "
                              f"with a rarer word")
