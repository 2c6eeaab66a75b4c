"""Paragraphs, boilerplate and offsets, on text written for these tests."""

from claimcli.text import segment, reading as textio


def test_appeals_and_furniture_are_boilerplate():
    for line in [
        "Subscribe to our weekly newsletter",
        "Sign up for our morning briefing and get it in your inbox.",
        "Support independent journalism: donate today.",
        "We rely on readers like you. If you can, please help us with a monthly contribution.",
        "Read more",
        "Photo: Jane Roe / Agency",
        "© Harbour Press 2024",
        "This article was first published by the Coastal Review.",
        "The views expressed in this column do not necessarily reflect those of the editors.",
    ]:
        assert segment.is_boilerplate(line), line


def test_article_text_is_not_boilerplate():
    for line in [
        "Port workers walked out on Monday over unpaid wages.",
        "Ferry Strike Enters Second Week",
        "The minister said the government would support the fishing industry.",
        "“We will not give up,” said the union leader.",
    ]:
        assert not segment.is_boilerplate(line), line


def test_boilerplate_paragraphs_give_no_claims(extract):
    text = ("Ferry Strike Enters Second Week\n\nPort workers walked out on Monday over unpaid wages.\n\n"
            "Subscribe to our weekly newsletter\n\nRead more\n")
    texts = [c.text for c in extract(text)]
    assert texts == ["Ferry Strike Enters Second Week", "Port workers walked out on Monday over unpaid wages."]


def test_caption_credit_is_trimmed(extract):
    text = "Dock workers gather outside the harbour office. © Harbour Press\n"
    claims = extract(text)
    assert [c.text for c in claims] == ["Dock workers gather outside the harbour office."]


def test_headline_and_subtitle_are_claims(extract):
    text = "Ferries Halted as Strike Spreads\n\nUnions say the dispute could last into summer.\n\nThe strike began on Monday."
    texts = [c.text for c in extract(text)]
    assert texts[:2] == ["Ferries Halted as Strike Spreads", "Unions say the dispute could last into summer."]


def test_crlf_offsets_follow_the_normalised_text(extract):
    raw = "Strike Ends\r\n\r\nThe union said the deal was fair.\r\nWorkers return on Monday.\r\n"
    text = textio.normalise_newlines(raw)
    for c in extract(raw):
        assert text[c.start:c.end] == c.text


def test_paragraph_spans_skip_blank_lines_and_strip():
    text = "  One.  \n\n\tTwo.\n"
    assert [text[s:e] for s, e in segment.paragraph_spans(text)] == ["One.", "Two."]


def test_decode_falls_back_to_cp1252_for_curly_quotes():
    data = "\u201cIt works,\u201d she said.".encode("cp1252")
    text, enc = textio.decode(data)
    assert text == "\u201cIt works,\u201d she said." and enc == "cp1252"


def test_decode_strips_utf8_bom():
    text, enc = textio.decode("\ufeffHello.".encode("utf-8"))
    assert text == "Hello." and enc == "utf-8-sig"


def test_an_appeal_block_at_the_end_is_dropped_whole(extract):
    text = ("Ferries Return\n\nThe ferry service resumed on Monday after a month.\n\n"
            "Passengers queued from dawn at the harbour.\n\n"
            "... we have a small favour to ask.\n\n"
            "Our newsroom has reported from the coast for forty years, and we intend to keep going.\n\n"
            "Your support keeps our reporters on the water.\n")
    texts = [c.text for c in extract(text)]
    assert texts == ["Ferries Return", "The ferry service resumed on Monday after a month.",
                     "Passengers queued from dawn at the harbour."]
