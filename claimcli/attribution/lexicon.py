"""Word lists of attribution: the cue verbs by how much frame they need, the
nouns that frame a statement, and the words that name a source.

The lists are data (``data/lexicon/attribution.toml``, each table's comment
says what its list is for), read once at import into the frozensets below.
One word sits in one verb class: the class decides what a verb needs before
it makes a cue, so a word in two classes would obey two rules, and the
loader refuses such a file, as it refuses a word with a capital or a space
(the lists are matched against one token's lower-case text or lemma).
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from ..data import path as package_data
from ..text import toml as tomllib

LEXICON_FILE = ("lexicon", "attribution.toml")   # under the package data
VERBS = "verbs"   # the table whose subtables are the verb classes


def lexicon_path() -> Path:
    """The shipped lexicon (a wheel without it fails here, in its tests)."""
    return package_data(*LEXICON_FILE)


def load_lexicon(path: Path | None = None) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(verb classes, other lists), each list by its table's name, checked:
    one verb in one class, every word lower-case and one token, no word
    twice in a list, every ``includes`` naming a list of the file. A
    violation is a ValueError naming the file, the lists and the words."""
    path = path or lexicon_path()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = {f"{VERBS}.{k}": v for k, v in data.pop(VERBS, {}).items()} | data
    words: dict[str, list[str]] = {}
    for name, table in tables.items():
        listed = table.get("words") if isinstance(table, dict) else None
        if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
            raise ValueError(f"{path}: [{name}]: `words` must be a list of strings")
        words[name] = list(listed)
    for name, table in tables.items():
        for inc in table.get("includes", []):
            if inc not in words or tables[inc].get("includes"):
                raise ValueError(f"{path}: [{name}]: includes {inc!r}, which is no list of the file without includes of its own")
            words[name] += words[inc]
    for name, listed in words.items():
        bad = sorted({w for w in listed if not w or w != w.lower() or len(w.split()) != 1 or w != w.strip()})
        if bad:
            raise ValueError(f"{path}: [{name}]: not one lower-case token each: {', '.join(map(repr, bad))}")
        twice = sorted({w for w in listed if listed.count(w) > 1})
        if twice:
            raise ValueError(f"{path}: [{name}]: listed twice (itself or through `includes`): {', '.join(twice)}")
    classes = {name.split(".", 1)[1]: frozenset(w) for name, w in words.items() if name.startswith(VERBS + ".")}
    if not classes:
        raise ValueError(f"{path}: no verb classes ([{VERBS}.NAME] tables)")
    shared = [f"{a} and {b}: {', '.join(sorted(classes[a] & classes[b]))}"
              for a, b in combinations(classes, 2) if classes[a] & classes[b]]
    if shared:
        raise ValueError(f"{path}: a verb sits in one class only; in two: " + "; ".join(shared))
    return classes, {name: frozenset(w) for name, w in words.items() if not name.startswith(VERBS + ".")}


VERB_CLASSES, _LISTS = load_lexicon()


def _take(name: str) -> frozenset[str]:
    try:
        return _LISTS.pop(name)
    except KeyError:
        raise ValueError(f"{lexicon_path()}: no [{name}] table") from None


# Verbs of saying, of content, of belief and intention, of public stance, of action ([verbs.*])
SPEECH_VERBS = VERB_CLASSES["speech"]
CONTENT_VERBS = VERB_CLASSES["content"]
BELIEF_VERBS = VERB_CLASSES["belief"]
ATTITUDE_VERBS = VERB_CLASSES["attitude"]
ACTION_VERBS = VERB_CLASSES["action"]
CUE_LEMMAS = frozenset().union(*VERB_CLASSES.values())
# the other lists, each under its table's name
DESCRIBING_VERBS = _take("describing_verbs")
STATEMENT_NOUNS = _take("statement_nouns")
MAKING_VERBS = _take("making_verbs")
MADE_STATEMENTS = _take("made_statements")
ACCORDING_NOUNS = _take("according_nouns")
VIEW_NOUNS = _take("view_nouns")
ATTITUDE_ADJECTIVES = _take("attitude_adjectives")
COPULAS = _take("copulas")
ADDRESSED_VERBS = _take("addressed_verbs")
OCCASION_PREPS = _take("occasion_preps")
OCCASION_NOUNS = _take("occasion_nouns")
ON_AIR_NOUNS = _take("on_air_nouns")
STATE_NOUNS = _take("state_nouns")
LABEL_WORDS = _take("label_words")
SOURCE_NOUNS = _take("source_nouns")
SOURCE_SUFFIXES = tuple(sorted(_take("source_suffixes")))   # a tuple, for str.endswith
PERSON_NOUNS = _take("person_nouns")
SHARE_WORDS = _take("share_words")
SOURCE_PRONOUNS = _take("source_pronouns")
AUTHOR_PRONOUNS = _take("author_pronouns")
PERSONAL_PRONOUNS = _take("personal_pronouns")
THING_PRONOUNS = _take("thing_pronouns")
GROUP_PRONOUNS = _take("group_pronouns")
REFERRING_PRONOUNS = _take("referring_pronouns")
POSSESSIVE_PRONOUNS = _take("possessive_pronouns")
REFERRING_POSSESSIVES = _take("referring_possessives")
PERSON_REFERENTS = _take("person_referents")
BODY_REFERENTS = _take("body_referents")
ACTOR_PRONOUNS = _take("actor_pronouns")
PERSON_EPITHETS = _take("person_epithets")
MALE_WORDS = _take("male_words")
FEMALE_WORDS = _take("female_words")
HONORIFICS = _take("honorifics")
TITLE_WORDS = _take("title_words")
if _LISTS:   # a table no code reads: a misspelt name, or a list left behind
    raise ValueError(f"{lexicon_path()}: lists nothing reads: {', '.join(sorted(_LISTS))}")
