"""A store builds each claim it returns once, whole, and edits no claim it is
given: reading twice gives equal claims that share no object, each claim's
evidence is what was written for it (never doubled), and the claims a
caller writes stay as the caller made them. For both stores, from the same
claims of our own (``test_open_store._articles``)."""

from __future__ import annotations

import copy

import pytest

from claimcli.stores import open_store, queries
from claimcli.stores.sqlite import Store
from test_open_store import LAB, _articles, _parquet


def _reads(store) -> dict:
    """What each reader that builds claims returns, by its name."""
    F = queries.Filters
    first = store.claims()[0].id
    return {"claims": store.claims(), "claims_of": store.claims_of(store.claim_rows()),
            "query": queries.query(store, F()), "query --unique --limit": queries.query(store, F(), unique=True, limit=5),
            "query --speaker": queries.query(store, F(speaker="okafor")),
            "claim_by_id": [queries.claim_by_id(store, first)], "to_review": store.to_review()}


def _written() -> dict:
    """Claim id -> the evidence written for it."""
    return {c.id: c.evidence for _, claims in _articles() for c in claims}


def _check_reads(store) -> None:
    one, two = _reads(store), _reads(store)
    assert one == two
    assert [len(v) for v in one.values()] == [8, 8, 8, 5, 2, 1, 8]
    written = _written()
    for claims in one.values():
        assert [c.evidence for c in claims] == [written[c.id] for c in claims]
    # new objects each time: none, nor its lists, shared with another read
    firsts = [c for claims in one.values() for c in claims]
    seconds = [c for claims in two.values() for c in claims]
    assert not {id(c) for c in firsts} & {id(c) for c in seconds}
    assert not {id(c.evidence) for c in firsts} & {id(c.evidence) for c in seconds}
    # so a caller that changes what it read changes no later read
    for c in firsts:
        c.evidence.append(c.evidence[0] if c.evidence else None)
        c.reasons.append("changed")
    assert _reads(store) == two
    records = list(queries.claim_records(store))
    assert records == list(queries.claim_records(store)) == [c.record() for c in two["claims"]]
    assert list(queries.claim_records(store, unique=True)) == [c.record() for c in queries.query(
        store, queries.Filters(background=True), unique=True)]


def test_the_sqlite_store_keeps_the_callers_claims_and_builds_new_ones(tmp_path):
    articles = _articles()
    given = copy.deepcopy(articles)
    with Store(str(tmp_path / "c.db")) as store:
        stored = []
        for art, claims in articles:
            stored.append(store.write_article(art, claims, None, LAB))
            # read back twice: equal claims, the records the write returned, each claim's evidence once
            again = store.stored_claims(art)
            assert again == store.stored_claims(art)
            assert [c.record() for c in again] == [c.record() for c in stored[-1]]
            assert [c.evidence for c in again] == [c.evidence for c in claims]
    # the caller's claims, every field, as they were before the writes
    assert articles == given
    # what a write returns are new claims, with what the store computed
    assert all(s is not c for (_, cs), ss in zip(articles, stored) for c, s in zip(cs, ss))
    assert [c.speaker_canonical for c in stored[1]] == ["Ines Okafor", "Tom Brandt", "a senior official (council.txt)"]
    assert [c.speaker_canonical for c in articles[1][1]] == [None, None, None]
    with open_store(str(tmp_path / "c.db")) as store:
        _check_reads(store)


@pytest.mark.scale
def test_the_parquet_store_builds_each_claim_once_with_its_evidence(tmp_path):
    with open_store(_parquet(tmp_path / "pq")) as store:
        _check_reads(store)
        row = store.claim_rows("WHERE c.evidence != '[]'", (), 1).fetchone()
        assert store.claim_of(row) == store.claim_of(row) and store.claim_of(row) is not store.claim_of(row)
