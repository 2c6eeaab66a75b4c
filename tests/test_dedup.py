"""Near-duplicate linking with rapidfuzz (no parser needed)."""

from rapidfuzz import fuzz

from claimcli.dedup.linker import Linker, keys, length_band, normalise
from claimcli.models import Claim


def claims(article, *texts, sha=None):
    out, pos = [], 0
    for t in texts:
        out.append(Claim(article=article, text=t, start=pos, end=pos + len(t), article_sha256=sha or article))
        pos += len(t) + 1
    return out


def test_exact_repeat_links_to_the_first():
    a = claims("a.txt", "The harbour will close in winter.", "Ferries run twice a day.", "The harbour will close in winter.")
    links = Linker().link(a)
    assert links.duplicate_of == {a[2].id: a[0].id}
    assert [links.cluster(c.id) for c in a] == [a[0].id, a[1].id, a[0].id]
    assert links.norms == {a[0].id: "the harbour will close in winter", a[1].id: "ferries run twice a day",
                           a[2].id: "the harbour will close in winter"}
    assert links.keys[a[1].id] == ["day ferries", "day run", "day twice", "ferries run", "ferries twice", "run twice"]


def test_curly_and_straight_quotes_are_the_same_text():
    assert normalise("“We will stay,” she said.") == normalise('"We will stay," she said.')
    a = claims("a.txt", "“We will stay,” she said.", "Something else entirely here.", '"We will stay," she said.')
    assert Linker().link(a).duplicate_of == {a[2].id: a[0].id}


def test_near_repeat_across_articles():
    linker = Linker()
    a = claims("a.txt", "The ministry said the ferry service would resume in May after repairs.")
    b = claims("b.txt", "The ministry said the ferry service would resume in May, after repairs")
    assert linker.link(a).duplicate_of == {}
    assert linker.link(b).duplicate_of == {b[0].id: a[0].id}


def test_negation_keeps_claims_apart():
    a = claims("a.txt", "The government will act on the harbour dispute this year.",
               "The government will not act on the harbour dispute this year.")
    assert Linker().link(a).duplicate_of == {}


def test_numbers_keep_claims_apart():
    a = claims("a.txt", "Turnout in the harbour district rose by 25 percent this year.",
               "Turnout in the harbour district rose by 35 percent this year.")
    assert Linker().link(a).duplicate_of == {}


def test_different_claims_stay_apart():
    a = claims("a.txt", "The harbour will close in winter.", "The museum will open in spring.")
    assert Linker().link(a).duplicate_of == {}


def test_a_repeat_with_one_long_word_changed_shares_a_blocking_key():
    one = normalise("The regional government announced emergency measures for the harbour workers.")
    two = normalise("The regional government announced emergency measures for the dockyard workers.")
    assert set(keys(one)) & set(keys(two))
    assert len(keys(one)) == 6          # pairs of the four longest words


def test_length_band_holds_every_text_that_can_reach_the_threshold():
    lo, hi = length_band(100, 90)
    assert fuzz.ratio("a" * 100, "a" * int(lo)) < 90 <= fuzz.ratio("a" * 100, "a" * (int(lo) + 1))
    assert fuzz.ratio("a" * 100, "a" * int(hi)) >= 90 > fuzz.ratio("a" * 100, "a" * (int(hi) + 1))


def _stored(store, article, *texts):
    from claimcli.models import Article

    art = Article(name=article, path=str(store.path) + "-" + article, text="\n".join(texts))
    return art, claims(article, *texts, sha=art.sha256)


def test_incremental_linking_against_a_store(tmp_path):
    from claimcli.stores.sqlite import Store

    store = Store(str(tmp_path / "c.db"))
    first, a = _stored(store, "a.txt", "The ministry said the ferry service would resume in May after repairs.",
                       "Harbour fees will rise by a fifth.")
    a = store.write_article(first, a, Linker(store).link(a))
    # a later run: a fresh linker finds the stored claim through claim_keys
    second, b = _stored(store, "b.txt", "“The ministry said the ferry service would resume in May, after repairs”",
                        "Harbour fees will not rise by a fifth.")
    b = store.write_article(second, b, Linker(store).link(b))
    assert [(c.duplicate_of, c.cluster) for c in b] == [(a[0].id, a[0].id), (None, b[1].id)]
    # the root's article changes: its cluster gets a new root, nothing dangles
    changed, a2 = _stored(store, "a.txt", "Harbour fees will rise by a fifth.")
    changed.path = first.path
    store.write_article(changed, a2, Linker(store).link(a2, exclude_path=changed.key))
    row = store.db.execute("SELECT duplicate_of, cluster FROM claims WHERE id = ?", (b[0].id,)).fetchone()
    assert tuple(row) == (None, b[0].id)
    dangling = store.db.execute("SELECT count(*) FROM claims WHERE duplicate_of IS NOT NULL AND duplicate_of "
                                "NOT IN (SELECT id FROM claims)").fetchone()[0]
    assert dangling == 0
