"""The Dask engine, the batch linker and the Parquet store read through DuckDB,
against the local run and its SQLite store on the same articles."""

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.dedup import batch
from claimcli.dedup.linker import Linker, keys, normalise, signature
from claimcli.models import Claim, people_of
from claimcli.stores import linking
from claimcli.stores.sqlite import Store

pytestmark = pytest.mark.scale

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def out_of(*args) -> str:
    res = run(*args)
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The sample articles copied three times, extracted by the local CLI into
    SQLite and by a 2-worker LocalCluster (one thread each) into Parquet."""
    tmp = tmp_path_factory.mktemp("scale")
    src = tmp / "articles"
    src.mkdir()
    for i in range(3):
        for f in sorted(SAMPLES.glob("*.txt")):
            shutil.copy(f, src / f"{f.stem}_{i}.txt")
    db, pq_dir = tmp / "local.db", tmp / "parquet"
    out_of("extract", src, "--db", db, "--jobs", "1", "-q", "-f", "jsonl", "--allow-copies")   # copies on purpose
    res = run("extract", src, "--engine", "dask", "--jobs", "2", "--output", pq_dir)
    assert res.exit_code == 0, res.output
    assert f"15 article(s) extracted, 0 unchanged" in res.stderr
    return src, db, pq_dir


def test_dask_run_gives_the_local_claims_record_for_record(both):
    _, db, pq_dir = both
    local = [json.loads(x) for x in out_of("export", "claims", "-f", "jsonl", "--db", db).splitlines()]
    dask = [json.loads(x) for x in out_of("export", "claims", "-f", "jsonl", "--db", pq_dir).splitlines()]
    assert len(local) > 500
    assert dask == local        # ids, spans, speakers, labels, reasons, evidence, duplicate_of, cluster
    assert sum(r["duplicate_of"] is not None for r in dask) >= 2 * len(dask) // 3 - 5   # the copies link


@pytest.mark.parametrize("rows,cols", [("speaker", "stance"), ("reason", "article"), ("article", "speaker"),
                                       ("stance", "reason")])
def test_compare_tables_are_the_same(both, rows, cols):
    _, db, pq_dir = both
    args = ("compare", "--rows", rows, "--cols", cols, "-f", "csv")
    assert out_of(*args, "--db", pq_dir) == out_of(*args, "--db", db)


@pytest.mark.parametrize("args", [
    ("speakers", "-f", "csv"),
    ("duplicates", "-f", "jsonl"),
    ("export", "reasons", "-f", "csv"),
    ("query", "--speaker", "giragosian", "-f", "jsonl"),
    ("query", "--stance", "critical", "--contains", "moscow", "-f", "csv"),
    ("compare", "--rows", "speaker", "--cols", "reason", "--stance", "critical", "-f", "jsonl"),
    ("export", "reasons", "--reason", "ukraine_war", "-f", "jsonl"),
    ("speakers", "--background", "-f", "csv"),
    ("query", "--background", "--unique", "--article", "001_334ad5f244fe4e15_1", "-f", "jsonl"),
    ("compare", "--rows", "article", "--cols", "stance", "--background", "-f", "csv"),
    ("duplicates", "--background", "--min-size", "3", "-f", "csv"),
    ("export", "claims", "--unique", "-f", "csv"),
])
def test_reading_commands_answer_the_same_from_parquet(both, args):
    _, db, pq_dir = both
    from_sqlite = out_of(*args, "--db", db).replace(str(db), "STORE")    # compare's cells name their --db
    assert from_sqlite.strip()
    assert out_of(*args, "--db", pq_dir).replace(str(pq_dir), "STORE") == from_sqlite


def test_unknown_speaker_is_the_same_error(both):
    _, db, pq_dir = both
    a, b = run("query", "--speaker", "Giragosyan Rchard", "--db", db), run("query", "--speaker", "Giragosyan Rchard", "--db", pq_dir)
    assert a.exit_code == b.exit_code == 2 and a.stderr == b.stderr


def test_rerun_skips_unchanged_inputs_and_replaces_a_changed_one(both, tmp_path):
    src, _, pq_dir = both
    work = tmp_path / "store"
    shutil.copytree(pq_dir, work)
    res = run("extract", src, "--engine", "dask", "--jobs", "2", "--output", work, "--no-link")
    assert res.exit_code == 0 and "0 article(s) extracted, 15 unchanged" in res.stderr
    changed = sorted(src.glob("*_2.txt"))[0]
    before = changed.read_bytes()
    try:                                        # articles are known by path: change one in place
        changed.write_text("Harbour News\n\nThe port will reopen in May, the harbour master said.\n", encoding="utf-8")
        res = run("extract", src, "--engine", "dask", "--jobs", "2", "--output", work)
    finally:
        changed.write_bytes(before)
    assert res.exit_code == 0 and "1 article(s) extracted, 14 unchanged" in res.stderr
    rows = [json.loads(x) for x in out_of("query", "--article", changed.name, "--background", "-f", "jsonl", "--db",
                                          work).splitlines()]
    assert [r["text"] for r in rows][-1].startswith("The port will reopen in May")
    assert len(rows) <= 3          # the old version's claims are gone


def test_a_store_not_yet_linked_says_what_to_run(tmp_path):
    src = tmp_path / "a"
    src.mkdir()
    shutil.copy(sorted(SAMPLES.glob("*.txt"))[0], src / "one.txt")
    res = run("extract", src, "--engine", "dask", "--jobs", "1", "--output", tmp_path / "pq", "--no-link")
    assert res.exit_code == 0, res.output
    res = run("speakers", "--db", tmp_path / "pq")
    assert res.exit_code == 1 and f"claims link {tmp_path / 'pq'}" in res.stderr
    assert run("link", tmp_path / "pq", "-q").exit_code == 0
    assert "speaker" in out_of("speakers", "--db", tmp_path / "pq", "-f", "csv")


def test_a_dask_run_says_which_option_lets_a_big_file_in(tmp_path):
    src = tmp_path / "a"
    src.mkdir()
    shutil.copy(sorted(SAMPLES.glob("*.txt"))[0], src / "one.txt")
    (src / "big.txt").write_text("The ferry sailed late again. " * 40_000, encoding="utf-8")
    res = run("extract", src, "--engine", "dask", "--jobs", "1", "--max-size", "1", "--output", tmp_path / "pq", "--no-link")
    assert res.exit_code == 1
    assert (f"Error: {src / 'big.txt'}: 1.2 MB, more than the 1 MB one article may have (is it several articles?); "
            "raise the limit with --max-size\n") in res.stderr


def test_output_folder_with_other_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    res = run("extract", SAMPLES, "--engine", "dask", "--output", tmp_path)
    assert res.exit_code == 1 and "not empty" in res.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_dask_options_need_the_dask_engine(tmp_path):
    res = run("extract", SAMPLES, "--output", tmp_path / "x", "--db", tmp_path / "c.db")
    assert res.exit_code == 2 and "--engine dask" in res.stderr


def test_the_cli_does_not_import_the_scale_extra():
    code = ("import sys, claimcli.cli; from typer.testing import CliRunner; CliRunner().invoke(claimcli.cli.app, ['--help']); "
            "print(sorted(m for m in ('dask', 'distributed', 'pyarrow', 'duckdb', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---- the batch linker against the local one (no parser) --------------------------

BASES = [
    "The harbourmaster administration said the northern ferry terminal would reopen after {n} weeks of repairs.",
    "Fishermen told the harbourmaster administration that quotas had fallen for the {n}th season in a row.",
    "According to the harbourmaster administration, dredging the channel will cost {n} million crowns.",
    "The harbourmaster administration will publish its report on the collapsed pier within {n} days.",
    "Residents complained to the harbourmaster administration about diesel fumes from idling cruise ships.",
    "A spokeswoman for the harbourmaster administration said the tug fleet was too old to be repaired.",
    "Shipping agents expect the harbourmaster administration to raise mooring fees by {n} percent.",
    "The harbourmaster administration denied that the lighthouse keeper had been dismissed without notice.",
]


def _variant(text: str, rng: random.Random) -> str:
    edit = rng.randrange(7)
    if edit == 0:
        return text.upper()
    if edit == 1:
        return text.replace(",", "").rstrip(".")
    if edit == 2:                      # drop a short word
        words = text.split()
        i = rng.choice([k for k, w in enumerate(words) if len(w) <= 3] or [0])
        return " ".join(words[:i] + words[i + 1:])
    if edit == 3:
        return text.replace(" would ", " would not ").replace(" will ", " will not ")
    if edit == 4:
        return text.replace("the ", "the old ", 1)
    if edit == 5:                      # a typo
        i = rng.randrange(len(text))
        return text[:i] + text[i + 1:]
    return text


def _planted(n: int, seed: int) -> list[Claim]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = rng.choice(BASES).format(n=rng.choice([3, 4, 12, 40]))
        if rng.random() < 0.6:
            text = _variant(text, rng)
        out.append(Claim(article=f"a{i // 25}.txt", text=text, start=i, end=i + len(text), article_sha256=str(i // 25)))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_batch_linker_finds_the_local_linkers_clusters(seed):
    claims = _planted(1200, seed)
    linker = Linker()
    found = [linker.link(claims[at:at + 25]) for at in range(0, len(claims), 25)]   # articles of 25 claims, in order
    norms = [normalise(c.text) for c in claims]
    roots, stats = batch.link(norms, [keys(n) for n in norms], [signature(n) for n in norms])
    assert [claims[r].id for r in roots] == [found[i // 25].cluster(c.id) for i, c in enumerate(claims)]
    assert stats.links == sum(len(links.duplicate_of) for links in found) > 600
    assert stats.distinct < len(claims) // 2      # identical texts were grouped before scoring
    # every text shares one key with every other: one big block, split by length, not capped
    assert stats.pairs < stats.distinct ** 2 / 2


def test_negated_and_renumbered_copies_stay_apart():
    texts = ["The harbourmaster administration will reopen the northern ferry terminal in 12 weeks.",
             "The harbourmaster administration will not reopen the northern ferry terminal in 12 weeks.",
             "The harbourmaster administration will reopen the northern ferry terminal in 13 weeks.",
             "The harbourmaster administration will reopen the northern ferry terminal in 12 weeks!"]
    norms = [normalise(t) for t in texts]
    roots, _ = batch.link(norms, [keys(n) for n in norms], [signature(n) for n in norms])
    assert roots == [0, 1, 2, 0]


def test_speakers_replay_the_stores_rules(tmp_path):
    """A lone surname joins the one full name, and a full name upgrades an
    earlier lone surname (the store's name for it; its claims keep theirs)."""
    names = [("Okafor", None), ("Lena Okafor", "harbour engineer"), ("Okafor", "engineer"), ("Brandt", None),
             ("Tom Brandt", None), ("Ada Brandt", "mayor"), ("Brandt", None), ("Lena Okafor", None),
             ("Ada Brandt", "deputy mayor"), ("Ada Brandt", "harbour chief"), ("lena okafor", None),
             ("Jonas Wirth and Ada Brandt", "councillors"), ("Wirth", None)]
    with Store(str(tmp_path / "s.db")) as store:
        for i, (name, role) in enumerate(names):
            from claimcli.models import Article

            art = Article(name=f"{i}.txt", path=str(tmp_path / f"{i}.txt"), text=f"claim {i}")
            store.write_article(art, [Claim(article=art.name, text=f"claim {i}", start=0, end=7, speaker=name,
                                            speaker_role=role, article_sha256=art.sha256)])
        stored = [(r["speaker"], r["speaker_id"]) for r in store.db.execute("SELECT speaker, speaker_id FROM claims c "
                                                                            "JOIN articles a ON a.id = c.article_id ORDER BY a.id")]
        people = [tuple(r) for r in store.db.execute("SELECT id, name, role FROM speakers ORDER BY id")]
        aliases = sorted(tuple(r) for r in store.db.execute("SELECT speaker_id, alias FROM speaker_aliases"))
    replay = linking.Speakers()
    ids = [replay.ids_of(n, people_of(n), r)[0] for n, r in names]
    assert [(n, i + 1) for (n, _), i in zip(names, ids)] == stored     # each claim keeps its article's name
    assert [(i + 1, n, r) for i, (n, r) in enumerate(zip(replay.names, replay.roles))] == people
    assert sorted((i + 1, a) for i, al in enumerate(replay.aliases) for a in al) == aliases
    assert len(people) == 5          # Okafor, Tom and Ada Brandt, Brandt's own row, Jonas Wirth


def _worker_settings(dask_worker):
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), sorted(dask_worker.periodic_callbacks)


def test_local_cluster_workers_run_without_trim_threshold_and_profiler_and_score_links():
    """Issue 15 measured 36-51% more CPU with Dask's defaults for both."""
    from claimcli.pipeline import engine

    claims = _planted(600, 3)
    norms = [normalise(c.text) for c in claims]
    args = (norms, [keys(n) for n in norms], [signature(n) for n in norms])
    client, cluster = engine.client_for(None, 1)
    try:
        (trim, callbacks), = client.run(_worker_settings).values()
        # the same cluster scores candidate pairs for claims link, in chunks
        on_cluster, stats = batch.link(*args, chunk=40, client=client)
    finally:
        client.close()
        cluster.close()
    assert trim is None
    assert "profile" not in callbacks and "profile-cycle" not in callbacks and "heartbeat" in callbacks
    here, _ = batch.link(*args)
    assert on_cluster == here and stats.pairs > 200 and stats.links > 300


def test_a_stored_article_is_current_only_with_the_same_bytes_profile_and_pipeline():
    from claimcli.models import Labelling
    from claimcli.stores.parquet import Known

    lab = Labelling("russia-armenia", "p1", "claims 0.1.0; en_core_web_sm 3.8.0")
    known = Known("s1", 7, "russia-armenia", "p1", "claims 0.1.0; en_core_web_sm 3.8.0")
    assert known.current("s1", lab)
    assert not known.current("s2", lab)                                   # the file changed
    assert not known.current("s1", Labelling("russia-armenia", "p2", lab.pipeline))   # the profile was edited
    assert not known.current("s1", Labelling("russia-armenia", "p1", "claims 0.2.0; en_core_web_sm 3.8.0"))


def test_info_reads_a_parquet_store(both):
    _, db, pq_dir = both
    local, dask = (json.loads(out_of("info", "--db", d, "-f", "json"))["store"] for d in (db, pq_dir))
    assert "status" not in dask
    assert (dask["articles"], dask["claims"], dask["speakers"]) == (local["articles"], local["claims"], local["speakers"])
    assert [r["profile"] for r in dask["labelled_by"]] == ["russia-armenia"]


def test_claims_of_a_partition_that_died_before_its_articles_are_not_in_the_store(tmp_path):
    """A part's article rows are written last; claims without them never
    become cluster roots or rows."""
    from claimcli.models import Article, Labelling
    from claimcli.stores import parquet
    from claimcli.stores import open_store

    root = parquet.create(tmp_path / "pq")
    lab = Labelling("russia-armenia", "p", "pipe")
    text = "The harbourmaster administration will reopen the northern ferry terminal in May."
    art = Article(name="a.txt", path="/x/a.txt", text=text)
    mine = Claim(article="a.txt", text=text, start=0, end=len(text), article_sha256=art.sha256)
    ghost = Claim(article="ghost.txt", text=text, start=0, end=len(text), article_sha256="g")
    parquet.write_part(str(root), "claims", "dead", [parquet.claim_row(ghost, 1, 0)])      # died here
    parquet.write_part(str(root), "claims", "live", [parquet.claim_row(mine, 2, 0)])
    parquet.write_part(str(root), "articles", "live", [parquet.article_row(art, 2, "2026-01-01T00:00:00", lab)])
    stats = linking.link_store(str(root))
    assert stats.claims == 1
    with open_store(str(root)) as store:
        (c,) = store.claims()
    assert (c.id, c.cluster, c.duplicate_of) == (mine.id, mine.id, None)


def test_report_is_the_same_page_from_parquet(both, tmp_path):
    import re

    _, db, pq_dir = both
    pages = []
    for store in (db, pq_dir):
        out = tmp_path / f"{Path(store).name}.html"
        res = run("report", "--db", store, "-o", out)
        assert res.exit_code == 0, res.output
        pages.append(re.sub(r"· store .*? · \d{4}-\d\d-\d\d \d\d:\d\d UTC", "· STORE", out.read_text(encoding="utf-8")))
    assert pages[0] == pages[1] and len(pages[0]) > 100_000


def test_candidate_pairs_are_every_pair_sharing_a_key_within_the_length_band():
    from claimcli.dedup.linker import length_band

    rng = random.Random(5)
    norms = list(dict.fromkeys(normalise(_variant(rng.choice(BASES).format(n=rng.randrange(50)), rng))
                               for _ in range(300)))
    ks = [keys(n) for n in norms]
    got = {tuple(p) for p in batch.candidate_pairs(ks, [len(n) for n in norms], 90.0).tolist()}
    want = set()
    for q in range(len(norms)):
        lo, hi = length_band(len(norms[q]), 90.0)
        for c in range(q):
            if set(ks[q]) & set(ks[c]) and lo <= len(norms[c]) <= hi:
                want.add((q, c))
    assert got == want and len(want) > 1000


def test_two_articles_with_one_file_name_are_named_as_the_local_run_names_them(tmp_path):
    for folder, text in (("nyt", "Mayor Lena Okafor said the harbour would reopen in May."),
                         ("wapo", "The harbour will stay shut until June, port officials said.")):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "story.txt").write_text(f"Harbour News\n\n{text}\n", encoding="utf-8")
    out_of("extract", tmp_path / "in", "--db", tmp_path / "l.db", "-q", "-f", "jsonl")
    assert run("extract", tmp_path / "in", "--engine", "dask", "--jobs", "1", "-q", "--output", tmp_path / "pq").exit_code == 0
    local, dask = (out_of("export", "claims", "-f", "csv", "--db", d) for d in (tmp_path / "l.db", tmp_path / "pq"))
    assert dask == local and "nyt/story.txt" in local and "wapo/story.txt" in local
