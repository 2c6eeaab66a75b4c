"""One name per person: the fullest form, the role on every claim, offices
resolved to their named holder, conjoined and anonymous sources. Texts
written for these tests."""

import pytest

from conftest import claim_with

CASES = [
    # (id, text, fragment of the claim, speaker, role)
    ("surname-and-quote-get-the-full-name",
     "Laura Brandt teaches at the maritime academy.\n\nBrandt said the fleet was ageing.\n\n"
     "“It cannot last,” Brandt added.",
     "cannot last", "Laura Brandt", None),
    ("role-on-every-claim-not-only-the-first",
     "Transport Minister Erik Lindqvist said the levy would stay.\n\nLindqvist added that fares would not rise.",
     "fares would not rise", "Erik Lindqvist", "Transport Minister"),
    ("office-resolves-to-its-named-holder",
     "Prime Minister Olga Sandvik met the unions on Monday.\n\n"
     "The Norwegian prime minister said that taxes would not rise.",
     "taxes would not rise", "Olga Sandvik", "Prime Minister"),
    ("abbreviated-office-resolves-too",
     "Norwegian PM Olga Sandvik visits the fishing towns.\n\nThe prime minister said the quotas would stay.",
     "quotas would stay", "Olga Sandvik", "Norwegian PM"),
    ("an-office-nobody-holds-stays-a-phrase",
     "The harbour is full.\n\nThe prime minister said that taxes would not rise.",
     "taxes would not rise", "The prime minister", None),
    ("indefinite-office-stays-anonymous",
     "Prime Minister Olga Sandvik met the unions on Monday.\n\nA ministry spokesman said the talks went well.",
     "talks went well", "A ministry spokesman", None),
    ("headline-office-before-its-holder-is-named",
     "Norwegian PM says fishing quotas will stay\n\nPrime Minister Olga Sandvik visited the fishing towns on Monday.",
     "quotas will stay", "Olga Sandvik", "Prime Minister"),
    ("headline-surname-before-the-full-name-and-role",
     "Brandt warns of ageing fleet\n\nLaura Brandt, a naval historian, teaches at the maritime academy.",
     "ageing fleet", "Laura Brandt", "a naval historian"),
    ("hyphenated-name-stays-whole",
     "Ingrid Holm-Larsen runs the port.\n\nHolm-Larsen said the port was full.",
     "port was full", "Ingrid Holm-Larsen", None),
    ("title-and-place-are-the-role",
     "The Norwegian Ambassador to Chile Erik Solberg stated that the treaty would hold.",
     "treaty would hold", "Erik Solberg", "Norwegian Ambassador to Chile"),
    ("conjoined-names-are-both-named",
     "Anna Berg and Peter Lindqvist said the vote was fair.",
     "vote was fair", "Anna Berg and Peter Lindqvist", None),
    ("officials-including-names-not-their-bodies",
     "Several harbour officials including Chair of the Harbour Council Tove Marsh and Head of the "
     "Port Board Ruth Okafor have insisted that the vote was fair.",
     "vote was fair", "Tove Marsh and Ruth Okafor", "Several harbour officials"),
    ("anonymous-source-keeps-its-phrase",
     "A senior port official said the cranes were unsafe.",
     "cranes were unsafe", "A senior port official", None),
    # "he"/"she" stands for the latest person of that gender, not the latest person
    ("she-skips-the-man-quoted-last",
     "Ingrid Dahl, 58, left the island in the back of her brother's van.\n\n"
     "Tomas Nilsen, the harbour master, watched from his office. “They left at dawn,” Nilsen said.\n\n"
     "“We had no ferry for a week,” she said.",
     "no ferry for a week", "Ingrid Dahl", None),
    ("he-skips-the-woman-by-her-honorific",
     "Peter Holm runs the ferry company.\n\nMs Sara Lind, who chairs the council, said the fares were too high.\n\n"
     "“Fares will fall next year,” he said.",
     "Fares will fall", "Peter Holm", None),
    ("a-resolved-pronoun-teaches-the-gender",
     "Anna Voss studies fisheries. “Stocks are falling,” she said.\n\n"
     "Jonas Berg, a trawler captain, disagrees, as he put it on Monday: “The nets are full.”\n\n"
     "“The nets are full of young fish,” she said.",
     "full of young fish", "Anna Voss", None),
    # full names the NER misses are still people when a person's frame surrounds them
    ("a-name-with-a-job-apposition-is-a-person",
     "Marta Sello, a senior fellow at the Nordic Policy Centre, studies the region. "
     "She pointed to the 2018 election that brought Erik Dahl to power.\n\n"
     "“They decided to punish him, and Nordland paid the price,” she said.",
     "Nordland paid the price", "Marta Sello", "a senior fellow at the Nordic Policy Centre"),
    ("a-place-tagged-as-a-person-is-no-pronouns-antecedent",
     "Marta Sello, a historian, studies the north.\n\n“The state forgot us, and Finnmark paid the price,” she said. "
     "“Nobody came back,” she said.",
     "Nobody came back", "Marta Sello", "a historian"),
    ("he-is-the-man-just-introduced-not-the-last-speaker",
     "Tomas Nilsen, the harbour master, said the ferry would run. “We have fuel,” Nilsen said.\n\n"
     "His neighbour Ola Brekke, 44, who fished the fjord for years, is less sure. “The fuel ran out twice,” he said.",
     "fuel ran out twice", "Ola Brekke", "His neighbour"),   # "is less sure": his view, and his role with it
    ("she-is-the-woman-introduced-since-not-an-earlier-man",
     "Tomas Nilsen, the harbour master, watched from the pier. “They left at dawn,” Nilsen said.\n\n"
     "Kari Moen left the island in the back of her son's van. She now lives in Bodø.\n\n"
     "“We had no ferry for a week,” she said.",
     "no ferry for a week", "Kari Moen", None),
    ("a-name-inside-her-quote-is-not-the-next-she",
     "Kari Moen is a historian of the fjord towns.\n\n"
     "“Solberg was the first minister to close a ferry line without asking the towns,” she said. "
     "“Nobody stopped him.”\n\n“The towns learned to wait,” she said.",
     "learned to wait", "Kari Moen", "a historian of the fjord towns"),
]


@pytest.mark.parametrize("text,fragment,speaker,role", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_speaker_names(extract, text, fragment, speaker, role):
    c = claim_with(extract(text), fragment)
    assert (c.speaker, c.speaker_role) == (speaker, role)


def test_a_bare_cue_line_carries_no_claim_of_its_own(extract):
    claims = extract("Erik Lund spoke on the radio on Monday.\n\nHe added:\n\n“We have no money for new ferries.”")
    line = claim_with(claims, "He added")
    assert (line.speaker, line.attribution) == (None, "author")
    assert claim_with(claims, "no money").speaker == "Erik Lund"
