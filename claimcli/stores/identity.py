"""Who a speaker is across articles: the rule, once, over any directory of
speakers.

The SQLite store applies it to its ``speakers`` table as each article is
written; ``claims link`` replays it over a Parquet store's claims in memory
(``Speakers``), in article order, so both stores make the same people with
the same ids, names and roles. A store supplies the ``Directory``: how to
find, add and rename a speaker; the decisions are all here.

A row is found by the folded name (case, accents, apostrophe style aside),
else by the surname when exactly one stored person has it ("Giragosian" ->
"Richard Giragosian"); a person's full name upgrades a surname-only row
("officials in Tromsø" never upgrades "Tromsø"). The store's name
(``speaker_canonical``) is all that changes: a stored claim's ``speaker``
stays what its article says. An anonymous source ("a senior official") is
one row per article, named after it ("a senior official (a.txt)"), the plain
words its alias. A user's edits (``claims speakers merge`` / ``split``, by
folded name form) come first: a merged form is its target's, a split form
is never joined by its surname.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Protocol

from ..text.names import fold, is_anonymous, is_person_name, name_key


class Directory(Protocol):
    """The speakers a store holds, as the rule reads and changes them."""

    def find(self, key: str) -> int | None: ...                     # by folded name (``name_key``)
    def with_surname(self, surname: str) -> list[tuple[int, str]]: ...   # (id, name), oldest first
    def scoped(self, scope: str, key: str) -> int | None: ...       # an article's anonymous source, by an alias
    def taken(self, name: str) -> bool: ...                         # some speaker has this very name
    def add(self, name: str, surname: str, role: str | None, scope: str = "") -> int: ...
    def rename(self, sid: int, name: str) -> None: ...
    def role(self, sid: int) -> str | None: ...
    def set_role(self, sid: int, role: str) -> None: ...
    def alias(self, sid: int, name: str) -> None: ...               # a name form, found again by its key
    def edits(self) -> dict[str, tuple[str, str | None]]: ...       # name key -> ("merge", target) / ("split", None)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def surname_key(name: str) -> str:
    words = name.split()
    return fold(words[-1]) if words else fold(name)


def fuller_role(old: str | None, new: str | None) -> bool:
    """Whether ``new`` replaces a speaker's role: the first role, or a fuller
    form of it ("President" -> "Russian President"), ASCII case aside (as
    stores written before this rule compared them, in SQL)."""
    return bool(new) and (old is None or (len(new) > len(old)
                                          and old.translate(_ASCII_LOWER) in new.translate(_ASCII_LOWER)))


def _learn_role(d: Directory, sid: int, role: str | None) -> None:
    if fuller_role(d.role(sid), role):
        d.set_role(sid, role)


def speaker_id(d: Directory, name: str, role: str | None, scope: tuple[str, str] | None = None) -> int:
    """The speaker ``name`` is, found or added; ``scope``: the article's key
    and name, for a source it does not name."""
    kind, target = d.edits().get(name_key(name), (None, None))
    if kind == "merge":                       # the user's: this name form is that speaker
        return speaker_id(d, target, role, scope)
    if scope is not None and is_anonymous(name):
        return _anonymous(d, name, role, scope)
    words = name.split()
    surname = surname_key(name)
    sid = d.find(name_key(name))
    if sid is None and kind != "split":       # a split name form is nobody else's surname
        same = d.with_surname(surname)
        if len(words) == 1 and len(same) == 1:
            sid = same[0][0]                      # "Giragosian" -> "Richard Giragosian"
        elif len(words) > 1 and is_person_name(name):
            edits = d.edits()
            short = [i for i, n in same if len(n.split()) == 1 and edits.get(name_key(n), (None,))[0] != "split"]
            if short:                             # upgrade "Giragosian" to the full name
                sid = short[0]                    # (the store's name: claims keep the article's)
                d.rename(sid, name)
    if sid is None:
        sid = d.add(name, surname, role)
    else:
        _learn_role(d, sid, role)
    d.alias(sid, name)
    return sid


def _anonymous(d: Directory, name: str, role: str | None, scope: tuple[str, str]) -> int:
    key, article = scope
    sid = d.scoped(key, name_key(name))
    if sid is None:
        shown = f"{name} ({article})"
        if d.taken(shown):
            shown = f"{name} ({key})"             # another article of that file name
        sid = d.add(shown, "", role, key)
    else:
        _learn_role(d, sid, role)
    d.alias(sid, name)
    return sid


def claim_speaker_ids(d: Directory, speaker: str, people: list[str], role: str | None,
                      scope: tuple[str, str] | None = None) -> list[int]:
    """A claim's speakers: a row for each person of a joint claim ("Alen
    Simonyan and Armen Grigoryan"), the role the claim's for one speaker
    only, and the joint form an alias of the first."""
    ids = [speaker_id(d, p, role if len(people) == 1 else None, scope) for p in people]
    if len(people) > 1:
        d.alias(ids[0], speaker)
    return ids


class Speakers:
    """A ``Directory`` in memory: ``claims link`` replays the rule over a
    Parquet store's claims (ids from 0; the tables write them from 1)."""

    def __init__(self):
        self.names: list[str] = []
        self.surnames: list[str] = []
        self.roles: list[str | None] = []
        self.scopes: list[str] = []               # an anonymous source's article key, else ''
        self.aliases: list[set] = []
        self._by_key: dict[str, int] = {}
        self._by_surname: dict[str, list[int]] = defaultdict(list)
        self._scoped: dict[tuple[str, str], int] = {}
        self._taken: set[str] = set()

    def ids_of(self, speaker: str, people: list[str], role: str | None,
               scope: tuple[str, str] | None = None) -> list[int]:
        return claim_speaker_ids(self, speaker, people, role, scope)

    # ---- the Directory ----------------------------------------------------

    def find(self, key: str) -> int | None:
        return self._by_key.get(key)

    def with_surname(self, surname: str) -> list[tuple[int, str]]:
        return [(i, self.names[i]) for i in self._by_surname.get(surname, ())]

    def scoped(self, scope: str, key: str) -> int | None:
        return self._scoped.get((scope, key))

    def taken(self, name: str) -> bool:
        return name in self._taken

    def add(self, name: str, surname: str, role: str | None, scope: str = "") -> int:
        sid = len(self.names)
        self.names.append(name)
        self.surnames.append(surname)
        self.roles.append(role)
        self.scopes.append(scope)
        self.aliases.append(set())
        self._by_key[name_key(name)] = sid
        self._taken.add(name)
        if not scope:
            self._by_surname[surname].append(sid)
        return sid

    def rename(self, sid: int, name: str) -> None:
        old = self.names[sid]
        del self._by_key[name_key(old)]
        self._taken.discard(old)
        self.names[sid] = name
        self._by_key[name_key(name)] = sid
        self._taken.add(name)

    def role(self, sid: int) -> str | None:
        return self.roles[sid]

    def set_role(self, sid: int, role: str) -> None:
        self.roles[sid] = role

    def alias(self, sid: int, name: str) -> None:
        self.aliases[sid].add(name)
        if self.scopes[sid]:
            self._scoped[(self.scopes[sid], name_key(name))] = sid

    def edits(self) -> dict:
        return {}                                 # a Parquet store holds no speaker edits
