"""Near-duplicate linking with rapidfuzz (no parser needed)."""

from claimcli.dedup import Linker, normalise
from claimcli.models import Claim


def claims(article, *texts):
    out, pos = [], 0
    for t in texts:
        out.append(Claim(article=article, text=t, start=pos, end=pos + len(t), article_sha256=article))
        pos += len(t) + 1
    return out


def test_exact_repeat_links_to_the_first():
    a = claims("a.txt", "The harbour will close in winter.", "Ferries run twice a day.", "The harbour will close in winter.")
    Linker().link(a)
    assert a[2].duplicate_of == a[0].id and a[0].duplicate_of is None
    assert a[2].cluster == a[0].cluster == a[0].id


def test_curly_and_straight_quotes_are_the_same_text():
    assert normalise("“We will stay,” she said.") == normalise('"We will stay," she said.')
    a = claims("a.txt", "“We will stay,” she said.", "Something else entirely here.", '"We will stay," she said.')
    Linker().link(a)
    assert a[2].duplicate_of == a[0].id


def test_near_repeat_across_articles():
    linker = Linker()
    a = claims("a.txt", "The ministry said the ferry service would resume in May after repairs.")
    b = claims("b.txt", "The ministry said the ferry service would resume in May, after repairs")
    linker.link(a)
    linker.link(b)
    assert b[0].duplicate_of == a[0].id


def test_negation_keeps_claims_apart():
    a = claims("a.txt", "The government will act on the harbour dispute this year.",
               "The government will not act on the harbour dispute this year.")
    Linker().link(a)
    assert a[1].duplicate_of is None


def test_numbers_keep_claims_apart():
    a = claims("a.txt", "Turnout in the harbour district rose by 25 percent this year.",
               "Turnout in the harbour district rose by 35 percent this year.")
    Linker().link(a)
    assert a[1].duplicate_of is None


def test_different_claims_stay_apart():
    a = claims("a.txt", "The harbour will close in winter.", "The museum will open in spring.")
    Linker().link(a)
    assert a[1].duplicate_of is None
