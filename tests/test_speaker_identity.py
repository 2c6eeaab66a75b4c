"""One row per person in the store: Store._speaker_id, on claims from our
own texts."""

from claimcli.models import Article, Claim
from claimcli.stores.queries import speakers
from claimcli.stores.sqlite import Store


def write(store, name, *said):
    """An article of (text, speaker, role) lines, each one claim."""
    text = "\n".join(t for t, _, _ in said)
    art = Article(name=name, path=f"/virtual/{name}", text=text)
    claims, pos = [], 0
    for t, speaker, role in said:
        claims.append(Claim(article=name, text=t, start=pos, end=pos + len(t), speaker=speaker, speaker_role=role,
                            attribution="reported", article_sha256=art.sha256))
        pos += len(t) + 1
    store.write_article(art, claims, {})


def rows(store):
    return sorted((r["speaker"], r["role"], r["claims"]) for r in speakers(store))


def test_one_row_per_person_across_articles_and_spellings(tmp_path):
    store = Store(str(tmp_path / "c.db"))
    write(store, "a.txt", ("Fees will rise.", "Ines O'Neill", "harbour master"),
          ("Cargo fell.", "the Port Authority", None))
    write(store, "b.txt", ("Fees will fall.", "Ines O’Neill", None),
          ("Cargo rose.", "The Port Authority", None),
          ("Ships wait.", "Lindqvist", None))
    write(store, "c.txt", ("Ships sail.", "Erik Lindqvist", "Transport Minister"),
          ("Fees stay.", "Ines O'Neill", "chief harbour master"), ("Fees go.", "Ines O'Neill", "a diver"))
    assert rows(store) == [("Erik Lindqvist", "Transport Minister", 2), ("Ines O'Neill", "chief harbour master", 4),
                           ("the Port Authority", None, 2)]


def test_conjoined_people_get_a_row_each_and_a_firm_stays_whole(tmp_path):
    store = Store(str(tmp_path / "c.db"))
    write(store, "a.txt", ("The vote was fair.", "Tove Marsh and Ruth Okafor", "senior officials"),
          ("The ferry is late.", "Ruth Okafor", "port secretary"),
          ("Sales fell.", "Marks and Spencer", None))
    assert rows(store) == [("Marks and Spencer", None, 1), ("Ruth Okafor", "port secretary", 1), ("Tove Marsh", None, 1)]
    names = {r[0] for r in store.db.execute("SELECT name FROM speakers")}
    assert "Tove Marsh and Ruth Okafor" not in names
