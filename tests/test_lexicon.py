"""The data of attribution: the word lists (checked when loaded) and the cue
registry (every row states every field)."""

import dataclasses

import pytest

from claimcli.attribution import cues, lexicon

GOOD = """
[verbs.speech]
words = ["say", "tell"]
[verbs.content]
words = ["add"]
[statement_nouns]
words = ["statement"]
[made_statements]
includes = ["statement_nouns"]
words = ["case"]
"""


def _write(tmp_path, text):
    path = tmp_path / "lexicon.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_lexicon_loads_its_classes_and_lists_with_their_includes(tmp_path):
    classes, lists = lexicon.load_lexicon(_write(tmp_path, GOOD))
    assert classes == {"speech": {"say", "tell"}, "content": {"add"}}
    assert lists == {"statement_nouns": {"statement"}, "made_statements": {"case", "statement"}}


def test_a_verb_in_two_classes_is_refused(tmp_path):
    path = _write(tmp_path, GOOD.replace('words = ["add"]', 'words = ["add", "tell"]'))
    with pytest.raises(ValueError) as e:
        lexicon.load_lexicon(path)
    assert str(e.value) == f"{path}: a verb sits in one class only; in two: speech and content: tell"


@pytest.mark.parametrize("old,new,error", [
    ('["statement"]', '["Statement"]', "[statement_nouns]: not one lower-case token each: 'Statement'"),
    ('["statement"]', '["press release"]', "[statement_nouns]: not one lower-case token each: 'press release'"),
    ('["case"]', '["case", "statement"]', "[made_statements]: listed twice (itself or through `includes`): statement"),
    ('["say", "tell"]', '["say", "tell", "say"]', "[verbs.speech]: listed twice (itself or through `includes`): say"),
    ('includes = ["statement_nouns"]', 'includes = ["statement_noun"]',
     "[made_statements]: includes 'statement_noun', which is no list of the file without includes of its own"),
    ('words = ["case"]', 'words = "case"', "[made_statements]: `words` must be a list of strings"),
])
def test_a_bad_list_is_refused_with_the_file_the_list_and_the_words(tmp_path, old, new, error):
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ValueError) as e:
        lexicon.load_lexicon(path)
    assert str(e.value) == f"{path}: {error}"


def test_the_module_names_are_the_shipped_tables():
    classes, lists = lexicon.load_lexicon(lexicon.lexicon_path())
    assert classes == lexicon.VERB_CLASSES
    assert {name: frozenset(getattr(lexicon, name.upper())) for name in lists} == lists


def test_every_describing_verb_is_a_cue_verb():
    # "X described the levy as ...": the "as" rule runs only on a verb some class lets make a cue
    assert sorted(lexicon.DESCRIBING_VERBS - lexicon.CUE_LEMMAS) == []


def test_a_registry_row_without_a_field_is_refused():
    row = {f.name: getattr(cues.PATTERNS[0], f.name) for f in dataclasses.fields(cues.Pattern)}
    del row["speaks"]
    with pytest.raises(ValueError) as e:
        cues.Pattern(**row)
    assert str(e.value) == "cue pattern 'relayed': no 'speaks': every row states every field"


def test_a_registry_row_with_a_field_of_the_wrong_kind_is_refused():
    row = {f.name: getattr(cues.PATTERNS[0], f.name) for f in dataclasses.fields(cues.Pattern)}
    with pytest.raises(ValueError) as e:
        cues.Pattern(**(row | {"frames_sentence": 1}))
    assert str(e.value) == "cue pattern 'relayed': 'frames_sentence' is 1, not bool"
    with pytest.raises(ValueError, match="'find' is None, not Callable"):
        cues.Pattern(**(row | {"find": None}))


def test_every_pattern_name_is_one_row():
    names = [p.name for p in cues.PATTERNS]
    assert len(names) == len(set(names)), names
    with pytest.raises(ValueError, match="cue pattern 'verb': two rows of the registry have this name"):
        cues._check_registry(cues.PATTERNS + (dataclasses.replace(cues.PATTERNS[0], name="verb"),))
