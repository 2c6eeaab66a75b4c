"""Each attribution pattern on short texts written for these tests."""

import pytest

from conftest import claim_with

CASES = [
    # (id, text, fragment of the claim, speaker, attribution, cue)
    ("said-that",
     "Tom Baker, head of the port authority, said that the new tariffs would hurt trade.",
     "new tariffs", "Tom Baker", "reported", "said"),
    ("quote-then-speaker",
     "“The fleet is too old to sail,” said Maria Lopez, an economist at the Harbour Institute.",
     "fleet is too old", "Maria Lopez", "direct", "said"),
    ("speaker-colon-quote",
     "Maria Lopez put it bluntly: “Nobody wants to pay for the repairs.”",
     "Nobody wants", None, "direct", None),
    ("pronoun-after-quote",
     "Maria Lopez has studied ports for decades.\n\n“We are running out of time,” she said.",
     "running out of time", "Maria Lopez", "direct", "said"),
    ("surname-resolved",
     "Tom Baker runs the port authority.\n\nBaker argued that the harbour needed dredging.",
     "dredging", "Tom Baker", "reported", "argued"),
    ("multi-sentence-quote",
     "“The cranes are broken. The pier is sinking. Nobody answers our letters,” Baker said.",
     "The pier is sinking", "Baker", "direct", None),
    ("quote-continues-next-paragraph",
     "Tom Baker spoke at the dock on Monday.\n\n“We asked for help in spring,” Baker said. “Then we asked again.\n\n“Nothing came of it.”",
     "Nothing came of it", "Tom Baker", "direct", None),
    ("inverted-order",
     "Tom Baker spoke at the dock on Monday.\n\nThe contract had been signed in secret, continued Baker.",
     "signed in secret", "Tom Baker", "reported", "continued"),
    ("parenthetical",
     "Tom Baker spoke at the dock on Monday.\n\nThe old cranes, Baker warned, could collapse at any time.",
     "cranes", "Tom Baker", "reported", "warned"),
    ("according-to",
     "According to the Finnish transport ministry, the ferry service will resume in May.",
     "ferry service", "the Finnish transport ministry", "reported", "according to"),
    ("told-outlet-that",
     "Anna Berg told the Daily Courier that the strike would last a week.",
     "strike would last", "Anna Berg", "reported", "told the Daily Courier"),
    ("in-someones-view",
     "In Berg's view, the strike was the union's last resort.",
     "last resort", "Berg", "reported", None),
    ("office-as-speaker",
     "A White House spokeswoman said the president would veto the bill.",
     "veto the bill", "A White House spokeswoman", "reported", "said"),
    ("organisation-as-speaker",
     "The Norwegian foreign ministry warned that the talks could collapse.",
     "talks could collapse", "The Norwegian foreign ministry", "reported", "warned"),
    ("agree-verb",
     "Economist Peter Lund agreed that the subsidy would distort the market.",
     "distort the market", "Peter Lund", "reported", "agreed"),
    ("accuse-verb",
     "Senator Clara Hughes accused the regulator of ignoring the warnings.",
     "ignoring the warnings", "Clara Hughes", "reported", "accused"),
    ("insist-verb",
     "The mayor, Jonas Weber, insisted that the budget was balanced.",
     "budget was balanced", "Jonas Weber", "reported", "insisted"),
    ("believe-verb",
     "Many farmers believe that the drought will return next year.",
     "drought will return", "Many farmers", "reported", "believe"),
    ("hint-verb",
     "Prime Minister Olga Sandvik hinted that taxes could rise.",
     "taxes could rise", "Olga Sandvik", "reported", "hinted"),
    ("author-voice",
     "The bridge was completed in 1998 and carries forty thousand cars a day.",
     "bridge was completed", None, "author", None),
    ("attitude-verb-with-object",
     "Governor Lena Marsh endorsed the ferry levy on Tuesday.",
     "ferry levy", "Lena Marsh", "reported", "endorsed"),
    ("attitude-verb-passive-is-no-cue",
     "The ferry levy was endorsed at a late-night session.",
     "ferry levy", None, "author", None),
    ("share-of-a-group",
     "Asked about the levy, 64 percent of farmers said it was unfair.",
     "it was unfair", "64 percent of farmers", "reported", "said"),
    ("quote-in-the-complement",
     "Ada Quist thanked the council for “finally listening to the people of this valley.”",
     "finally listening", "Ada Quist", "direct", "thanked"),
    ("scare-quotes-stay-author",
     "The navy seized the so-called “ghost ship” off the coast.",
     "ghost ship", None, "author", None),
]


@pytest.mark.parametrize("text,fragment,speaker,attribution,cue",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_attribution_patterns(extract, text, fragment, speaker, attribution, cue):
    c = claim_with(extract(text), fragment)
    assert c.attribution == attribution
    if attribution == "author":
        assert c.speaker is None and c.cue is None
    elif speaker is None:
        assert c.speaker  # the pattern is recognised; the name check is elsewhere
    else:
        assert c.speaker == speaker
    if cue is not None:
        assert c.cue == cue
    assert c.text == text[c.start:c.end]


def test_role_from_apposition(extract):
    c = claim_with(extract("Tom Baker, head of the port authority, said that the tariffs would hurt trade."), "tariffs")
    assert c.speaker_role == "head of the port authority"


def test_title_before_name_is_the_role(extract):
    c = claim_with(extract("Prime Minister Olga Sandvik hinted that taxes could rise."), "taxes")
    assert c.speaker == "Olga Sandvik"
    assert c.speaker_role == "Prime Minister"


def test_misspelt_surname_resolves_to_full_name(extract):
    claims = extract("Marek Kowalczyk leads the miners' union.\n\nKowalcyzk said the mine would close.")
    assert claim_with(claims, "mine would close").speaker == "Marek Kowalczyk"


def test_pronoun_follows_the_latest_speaker(extract):
    text = ("Tom Baker said the port was full.\n\nAnna Berg said the port was empty.\n\n"
            "“It has never been this quiet,” she said.")
    assert claim_with(extract(text), "never been this quiet").speaker == "Anna Berg"


def test_two_speakers_in_one_sentence_are_two_claims(extract):
    text = ("Opposition parties have demanded new elections, while senior officials including "
            "Anna Berg and Peter Lund have insisted that the vote was fair.")
    claims = extract(text)
    assert len(claims) == 2
    first, second = claims
    assert first.speaker == "Opposition parties"
    assert "Anna Berg" in second.speaker and "Peter Lund" in second.speaker
    assert second.text.startswith("senior officials")


def test_nested_report_is_not_split(extract):
    claims = extract("Anna Berg said that Peter Lund had told her the vote was fair.")
    assert len(claims) == 1 and claims[0].speaker == "Anna Berg"


def test_non_speech_use_of_a_cue_verb_is_author_voice(extract):
    c = extract("The railway continued its expansion into the north.")[0]
    assert c.attribution == "author" and c.speaker is None


def test_scare_quotes_are_not_direct_speech(extract):
    c = extract("The agency called the plan a “temporary measure” in its annual report on harbour safety and shipping.")[0]
    assert c.attribution != "direct"
