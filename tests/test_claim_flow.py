"""Claims flow one way (issue 18): the analysis builds each claim once, with
its final id and its final label; linking returns links; the store returns
the claims it stored; a correction makes a new claim. No module edits a
claim it did not build: under ``sealed`` a claim refuses any edit once its
constructor has run, so a step that still edits one fails here."""

import copy
from pathlib import Path

import pytest

from claimcli.dedup.linker import Linker, Links
from claimcli.models import Article, Claim, Evidence, claim_id
from claimcli.stores.corrections import Correction, apply
from claimcli.stores.sqlite import Store

HARBOUR = """Ferry Talks Stall

Lena Fischer, the harbour master, said ferry fares would rise in May.

The convoys waited at the northern border crossing for three days.

Moscow abandoned its ally when the shelling began. Its peacekeepers never left their base. The roads stayed closed.
"""
WIRE = """Harbour Wire

The convoys waited at the northern border crossing for three days.

Fischer added that the port would stay open all winter.
"""


@pytest.fixture
def sealed(monkeypatch):
    """Claims that raise on an attribute set after they are built (what a
    frozen dataclass would do; ``Claim`` stays a plain one because freezing
    makes building each of a million stored claims five times slower)."""
    built = Claim.__post_init__

    def post_init(self):
        built(self)
        object.__setattr__(self, "_sealed", True)

    def refuse(self, name, value):
        if self.__dict__.get("_sealed"):
            raise AttributeError(f"claim {self.id} ({self.text[:30]!r}) edited after it was built: {name}")
        object.__setattr__(self, name, value)

    monkeypatch.setattr(Claim, "__post_init__", post_init)
    monkeypatch.setattr(Claim, "__setattr__", refuse)


def test_a_sealed_claim_refuses_an_edit(sealed):
    c = Claim(article="a.txt", text="Ports close early.", start=0, end=18)
    with pytest.raises(AttributeError, match="edited after it was built: stance"):
        c.stance = "critical"


def lines(article: Article, *texts: str, speaker: str | None = None) -> list[Claim]:
    """One claim per line of the article's text."""
    out, pos = [], 0
    for t in texts:
        at = article.text.index(t, pos)
        out.append(Claim(**article.claim_fields(), text=t, start=at, end=at + len(t), speaker=speaker,
                         attribution="reported" if speaker else "author"))
        pos = at + len(t)
    return out


def test_a_claim_is_built_with_its_final_id():
    one = Article(name="a.txt", path="/wire/a.txt", text="Ports close early.\n", outlet="Harbour Wire")
    two = Article(name="a.txt", path="/desk/a.txt", text=one.text)      # one name, one text, another file
    (c,), (d,) = lines(one, "Ports close early."), lines(two, "Ports close early.")
    assert c.id == claim_id(f"/wire/a.txt:{one.sha256}", 0, 18) != d.id
    assert (c.article, c.article_key, c.article_title, c.outlet) == ("a.txt", "/wire/a.txt", "Ports close early.",
                                                                      "Harbour Wire")


def test_linking_returns_links_and_leaves_the_claims_as_they_were(sealed):
    art = Article(name="a.txt", path="/x/a.txt", text="The dock will close in winter.\nFerries run at 9.\n"
                                                      "The dock will close in winter!\n")
    claims = lines(art, "The dock will close in winter.", "Ferries run at 9.", "The dock will close in winter!")
    before = copy.deepcopy(claims)
    links = Linker().link(claims)
    assert claims == before
    a, b, c = (x.id for x in claims)
    assert links == Links(duplicate_of={c: a},
                          norms={a: "the dock will close in winter", b: "ferries run at 9",
                                 c: "the dock will close in winter"},
                          keys={a: ["close dock", "close will", "close winter", "dock will", "dock winter",
                                    "will winter"],
                                b: ["ferries run"], c: ["close dock", "close will", "close winter", "dock will",
                                                        "dock winter", "will winter"]})
    assert [links.cluster(x) for x in (a, b, c)] == [a, b, a]


def records(claims):
    return [c.record() for c in claims]


def test_the_store_returns_the_claims_it_stored_and_leaves_the_callers(sealed, tmp_path):
    said = "Lena Fischer said the dock will close in winter."
    with Store(str(tmp_path / "c.db")) as store:
        first = Article(name="a.txt", path="/x/a.txt", text=said + "\n")
        second = Article(name="b.txt", path="/x/b.txt", text=said + "\nFischer said ferries run at 9.\n")
        mine = lines(first, said, speaker="Lena Fischer")
        theirs = lines(second, said, speaker="Lena Fischer") + lines(second, "Fischer said ferries run at 9.",
                                                                     speaker="Fischer")
        before = copy.deepcopy(mine + theirs)
        a = store.write_article(first, mine, Linker(store).link(mine, exclude_path=first.key))
        b = store.write_article(second, theirs, Linker(store).link(theirs, exclude_path=second.key))
        assert mine + theirs == before                    # the caller's claims, as they were
        m, t = mine[0].id, theirs[0].id
        assert [(c.speaker, c.speaker_canonical, c.duplicate_of, c.cluster, c.norm) for c in a + b] == [
            ("Lena Fischer", "Lena Fischer", None, m, "lena fischer said the dock will close in winter"),
            ("Lena Fischer", "Lena Fischer", m, m, "lena fischer said the dock will close in winter"),
            ("Fischer", "Lena Fischer", None, theirs[1].id, "fischer said ferries run at 9")]
        assert records(a) == records(store.stored_claims(first)) and records(b) == records(store.stored_claims(second))
        # the first article changes: its claim, the root the repeat links to,
        # goes; the second's copy roots the cluster, and the new claim joins it
        again = Article(name="a.txt", path="/x/a.txt", text="Ports close early.\n" + said + "\n")
        claims = lines(again, "Ports close early.") + lines(again, said, speaker="Lena Fischer")
        links = Linker(store).link(claims, exclude_path=again.key)
        assert links.duplicate_of == {claims[1].id: m}    # the root as stored before this write
        stored = store.write_article(again, claims, links)
        assert [(c.duplicate_of, c.cluster) for c in stored] == [(None, claims[0].id), (t, t)]
        assert records(stored) == records(store.stored_claims(again))
        assert [(c.duplicate_of, c.cluster) for c in store.stored_claims(second)] == [(None, t), (None, theirs[1].id)]


def test_a_correction_makes_a_new_claim(sealed):
    art = Article(name="a.txt", path="/x/a.txt", text="Moscow failed its ally, Fischer said.\n")
    (c,) = lines(art, "Moscow failed its ally, Fischer said.", speaker="Fischer")
    before = copy.deepcopy(c)
    fixes = [Correction(art.key, c.start, c.end, "stance", "critical", c.text),
             Correction(art.key, c.start, c.end, "speaker", {"name": None}, c.text)]
    (d,) = apply([c], fixes)
    assert c == before
    assert (d.id, d.stance, d.speaker, d.speakers, d.attribution, d.corrected, d.evidence) == (
        c.id, "critical", None, [], "author", ["speaker", "stance"],
        [Evidence("stance:critical", c.text, c.start, c.end, "corrected by hand")])


def claim_rows(claims):
    return [(c.text[:24], c.speaker, c.attribution, c.stance, c.background,
             [(e.reason, e.text, e.role) for e in c.evidence]) for c in claims]


def test_the_rules_label_each_claim_once_in_its_paragraph(sealed, nlp):
    from claimcli.pipeline.extract import extract_text

    claims = extract_text(HARBOUR, "harbour.txt", nlp=nlp, labeller="rules")
    judged = [("stance:critical", "abandoned", "conduct of Moscow")]
    by_paragraph = [("stance:critical", "abandoned", "in its paragraph")]
    assert claim_rows(claims) == [
        ("Ferry Talks Stall", None, "author", "neutral", True, []),
        ("Lena Fischer, the harbou", "Lena Fischer", "reported", "neutral", False, []),
        ("The convoys waited at th", None, "author", "neutral", True, []),
        ("Moscow abandoned its all", None, "author", "critical", False, judged),
        ("Its peacekeepers never l", None, "author", "critical", False, by_paragraph),
        ("The roads stayed closed.", None, "author", "critical", False, by_paragraph)]
    assert [c.stance_confidence for c in claims] == [None] * 6
    assert [c.id for c in claims] == [claim_id(f"harbour.txt:{claims[0].article_sha256}", c.start, c.end)
                                      for c in claims]


def test_the_trained_labeller_decides_before_the_claim_is_built(sealed, nlp):
    from claimcli.pipeline.extract import extract_text

    rules = extract_text(HARBOUR, "harbour.txt", nlp=nlp, labeller="rules")
    model = extract_text(HARBOUR, "harbour.txt", nlp=nlp)
    assert [c.id for c in model] == [c.id for c in rules]
    assert all(c.stance_confidence is not None for c in model)
    assert [(c.text[:24], c.stance) for c in model] == [(c.text[:24], c.stance) for c in rules]


@pytest.mark.slow
def test_an_extraction_into_a_store_edits_no_claim(sealed, nlp, tmp_path):
    """Read, label, correct, link and store, twice over: every claim is
    built once, and each result's claims are those the store holds."""
    from claimcli.pipeline.extract import extract_into

    harbour, wire = tmp_path / "harbour.txt", tmp_path / "wire.txt"
    harbour.write_text(HARBOUR, encoding="utf-8")
    wire.write_text(WIRE, encoding="utf-8")
    with Store(str(tmp_path / "c.db")) as store:
        first = list(extract_into(store, [str(harbour), str(wire)], nlp=nlp))
        for res in first:
            assert records(res.claims) == records(store.stored_claims(res.article))
        (h, w) = (res.claims for res in first)
        assert [(c.text[:24], c.speaker_canonical, c.duplicate_of) for c in w] == [
            ("Harbour Wire", None, None), ("The convoys waited at th", None, h[2].id),
            ("Fischer added that the p", "Lena Fischer", None)]
        store.correct(h[4].id, {"stance": "neutral"})
        # the harbour piece changes: the wire's convoys claim roots the cluster now
        harbour.write_text(HARBOUR + "\nThe port stayed open.\n", encoding="utf-8")
        (res,) = extract_into(store, [str(harbour)], nlp=nlp)
        assert res.status == "changed"
        assert records(res.claims) == records(store.stored_claims(res.article))
        assert [(c.text[:24], c.stance, c.corrected, c.duplicate_of, c.cluster) for c in res.claims[1:]] == [
            ("Lena Fischer, the harbou", "neutral", [], None, res.claims[1].id),
            ("The convoys waited at th", "neutral", [], w[1].id, w[1].id),
            ("Moscow abandoned its all", "critical", [], None, res.claims[3].id),
            ("Its peacekeepers never l", "neutral", ["stance"], None, res.claims[4].id),
            ("The roads stayed closed.", "critical", [], None, res.claims[5].id),
            ("The port stayed open.", "neutral", [], None, res.claims[6].id)]
        assert [(c.duplicate_of, c.cluster) for c in store.stored_claims(first[1].article)] == [
            (None, w[0].id), (None, w[1].id), (None, w[2].id)]
