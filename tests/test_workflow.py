"""An analyst's workflow (issue 21): articles as they come (saved pages,
Markdown with front matter, plain text with a metadata file), comparison by
outlet and month, a store that says what it did, and corrections that
survive the next extract. Through the CLI over a real SQLite file, on text
written for these tests."""

import json
import shlex
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app

pytestmark = pytest.mark.slow

runner = CliRunner()
PROFILES = Path(__file__).parent.parent / "data" / "profiles"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T07:30:00Z">
<link rel="canonical" href="{url}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/city">City</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
<div class="banner">Support {site}! Subscribe for full access.</div></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {author}</p>
{body}
</article>
<aside><h3>Related stories</h3><ul><li><a href="/x">Parking fees go up in the suburbs</a></li>
<li><a href="/y">Tram line opens a year late</a></li></ul></aside></main>
<footer><p>© 2024 {site}. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""

PAGES = {
    "toll-debate.html": dict(
        title="Council Defends Toll as Traders Protest", site="Riverton Herald", author="Lena Ortiz",
        date="2024-03-05", url="https://herald.example/city/toll-debate",
        body="<p>Council leader Ada Moreno said the congestion charge had cut traffic in the old town.</p>\n"
             "<p>“The toll is a disaster for small business,” said Ivo Petrak, who runs a bakery on the ring road.</p>\n"
             "<p>Buses will run every ten minutes once the toll starts.</p>"),
    "toll-month-two.html": dict(
        title="Second Month of the Toll", site="Riverton Herald", author="Sam Reyes",
        date="2024-04-11", url="https://herald.example/city/toll-month-two",
        body="<p>Shopkeepers call the congestion charge a cash grab.</p>\n"
             "<p>Transport chief Mira Solis said the toll was a success and that pollution near schools had fallen.</p>"),
    "evening-post.htm": dict(
        title="Drivers Count the Cost of the Charge", site="Evening Post", author="Tom Quill",
        date="2024-04-20", url="https://eveningpost.example/drivers",
        body="<p>“It costs me forty euros a week,” said taxi driver Karl Engel.</p>\n"
             "<p>The congestion charge starts at seven in the morning and ends at seven in the evening.</p>"),
}


def run(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def jsonl(output):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def extract(*args, profile="congestion-charge"):
    res = run("extract", *args, "-f", "jsonl", "-p", profile)
    assert res.exit_code == 0, res.stderr
    return res, jsonl(res.stdout)


@pytest.fixture()
def pages(tmp_path):
    d = tmp_path / "saved"
    d.mkdir()
    for name, fields in PAGES.items():
        (d / name).write_text(PAGE.format(**fields), encoding="utf-8")
    return d


def test_a_folder_of_saved_pages_gives_text_and_metadata_without_furniture(pages, tmp_path):
    res, rows = extract(pages, "--db", tmp_path / "c.db")
    meta = {r["article"]: (r["article_title"], r["outlet"], r["author"], r["published"], r["url"]) for r in rows}
    assert meta == {n: (f["title"], f["site"], f["author"], f["date"], f["url"]) for n, f in PAGES.items()}
    texts = {}
    for r in rows:
        texts.setdefault(r["article"], []).append(r["text"])
    assert texts == {
        "evening-post.htm": [
            "Drivers Count the Cost of the Charge",
            "“It costs me forty euros a week,” said taxi driver Karl Engel.",
            "The congestion charge starts at seven in the morning and ends at seven in the evening."],
        "toll-debate.html": [
            "Council Defends Toll as Traders Protest",
            "Council leader Ada Moreno said the congestion charge had cut traffic in the old town.",
            "“The toll is a disaster for small business,” said Ivo Petrak, who runs a bakery on the ring road.",
            "Buses will run every ten minutes once the toll starts."],
        "toll-month-two.html": [
            "Second Month of the Toll",
            "Shopkeepers call the congestion charge a cash grab.",
            "Transport chief Mira Solis said the toll was a success and that pollution near schools had fallen."],
    }
    furniture = ("Subscribe", "By Lena", "Related", "Parking fees", "rights reserved", "Privacy", "Home")
    assert not [r["text"] for r in rows if any(f in r["text"] for f in furniture)]
    assert [(r["speaker"], r["attribution"]) for r in rows if r["article"] == "toll-debate.html"] == [
        (None, "author"), ("Ada Moreno", "reported"), ("Ivo Petrak", "direct"), (None, "author")]
    assert res.stderr.splitlines()[-1].endswith("(3 new, 0 replaced, 0 unchanged)")
    listed = jsonl(run("articles", "--db", tmp_path / "c.db", "-f", "jsonl").stdout)
    assert [(a["name"], a["outlet"], a["published"], a["claims"]) for a in listed] == [
        ("evening-post.htm", "Evening Post", "2024-04-20", 3),
        ("toll-debate.html", "Riverton Herald", "2024-03-05", 4),
        ("toll-month-two.html", "Riverton Herald", "2024-04-11", 3)]


def test_markdown_front_matter_is_metadata_and_offsets_still_point_into_the_file(tmp_path):
    md = tmp_path / "column.md"
    md.write_text("---\ntitle: Why I Pay the Toll Gladly\noutlet: The Weekly Ledger\nauthor: [Nina Vale, Omar Haddad]\n"
                  "date: 2024-05-02\n---\nWhy I Pay the Toll Gladly\n\nThe congestion charge has been a success.\n",
                  encoding="utf-8")
    _, rows = extract(md, "--db", tmp_path / "c.db")
    raw = md.read_text(encoding="utf-8")
    assert [(r["text"], raw[r["start"]:r["end"]]) for r in rows] == [
        ("Why I Pay the Toll Gladly", "Why I Pay the Toll Gladly"),
        ("The congestion charge has been a success.", "The congestion charge has been a success.")]
    assert {(r["article_title"], r["outlet"], r["author"], r["published"]) for r in rows} == {
        ("Why I Pay the Toll Gladly", "The Weekly Ledger", "Nina Vale; Omar Haddad", "2024-05-02")}


def test_plain_text_takes_its_metadata_from_a_meta_file(tmp_path):
    d = tmp_path / "texts"
    (d / "2024").mkdir(parents=True)
    (d / "2024" / "a.txt").write_text("Support the Gazette!\n\nToll Starts Monday\n\nThe toll starts on Monday.\n",
                                      encoding="utf-8")
    (d / "b.txt").write_text("Drivers Wait\n\nShopkeepers call the congestion charge a cash grab.\n", encoding="utf-8")
    (d / "meta.csv").write_text("path,outlet,author,published,url\n2024/a.txt,Gazette,Ann Lowe,2024-02-29,"
                                "https://gazette.example/a\n", encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text(json.dumps({"path": "texts/b.txt", "source": "Morning Star",
                                                     "date": "3 March 2024"}) + "\n", encoding="utf-8")
    _, rows = extract(d / "2024", "--db", tmp_path / "c.db", "--meta", d / "meta.csv")
    assert {(r["article_title"], r["outlet"], r["author"], r["published"], r["url"]) for r in rows} == {
        ("Toll Starts Monday", "Gazette", "Ann Lowe", "2024-02-29", "https://gazette.example/a")}
    assert "Support the Gazette!" not in [r["text"] for r in rows]
    _, rows = extract(d / "b.txt", "--db", tmp_path / "c.db", "--meta", tmp_path / "meta.jsonl")
    assert {(r["outlet"], r["published"]) for r in rows} == {("Morning Star", "2024-03-03")}
    (d / "bad.csv").write_text("path,published\nb.txt,sometime soon\n", encoding="utf-8")
    res = run("extract", d / "b.txt", "--db", tmp_path / "c.db", "--meta", d / "bad.csv", "-p", "congestion-charge")
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {d / 'bad.csv'}:2: 'sometime soon' is not a date (write it as YYYY-MM-DD)"


def test_outlet_and_month_tables_match_a_recount_of_the_export(pages, tmp_path):
    pandas = pytest.importorskip("pandas")
    db = tmp_path / "c.db"
    extract(pages, "--db", db)
    export = tmp_path / "claims.csv"
    assert run("export", "claims", "--db", db, "-o", export).exit_code == 0
    frame = pandas.read_csv(export, keep_default_na=False)
    frame = frame[frame["background"].astype(str).str.lower() == "false"]
    for rows_dim, key in (("outlet", frame["outlet"]), ("month", frame["published"].str[:7])):
        cells = jsonl(run("compare", "--rows", rows_dim, "--cols", "stance", "--db", db, "-f", "jsonl").stdout)
        got = {(c[rows_dim], c["stance"]): c["claims"] for c in cells}
        recount = frame.assign(key=key).groupby(["key", "stance"])["cluster"].nunique()
        assert got == {k: int(v) for k, v in recount.items()}, rows_dim
        assert got                                   # the table is not empty
    months = {c["month"] for c in jsonl(run("compare", "--rows", "month", "--cols", "stance", "--db", db,
                                            "-f", "jsonl").stdout)}
    assert months == {"2024-03", "2024-04"}


def test_filters_by_outlet_and_date(pages, tmp_path):
    db = tmp_path / "c.db"
    extract(pages, "--db", db)

    def articles(*filters):
        res = run("query", *filters, "--db", db, "-f", "jsonl")
        assert res.exit_code == 0, res.output
        return sorted({r["article"] for r in jsonl(res.stdout)})

    assert articles("--outlet", "riverton herald") == ["toll-debate.html", "toll-month-two.html"]
    assert articles("--not-outlet", "Riverton Herald") == ["evening-post.htm"]
    assert articles("--month", "2024-04") == ["evening-post.htm", "toll-month-two.html"]
    assert articles("--since", "2024-04-15") == ["evening-post.htm"]
    assert articles("--until", "2024-04") == ["evening-post.htm", "toll-debate.html", "toll-month-two.html"]
    assert articles("--since", "2024-03-06", "--until", "2024-04-19") == ["toll-month-two.html"]
    assert articles("--year", "2023") == []
    res = run("query", "--since", "last week", "--db", db)
    assert res.exit_code == 2
    assert "since takes a date: YYYY, YYYY-MM or YYYY-MM-DD, not 'last week'" in res.output
    cells = jsonl(run("compare", "--rows", "outlet", "--cols", "stance", "--db", db, "-f", "jsonl").stdout)
    assert len(cells) == 4
    for cell in cells:                          # each cell's query lists as many claims as it counts
        assert "--outlet" in cell["query"]
        listed = jsonl(run(*shlex.split(cell["query"])[1:], "-f", "jsonl").stdout)
        assert len(listed) == cell["claims"], cell


def test_a_copy_is_reported_and_skipped_and_the_summary_says_what_happened(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Toll Plan\n\nThe toll starts on Monday.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    extract(d, "--db", db)
    (d / "copy-of-a.txt").write_text("Toll Plan\n\nThe toll starts on Monday.\n", encoding="utf-8")
    (d / "b.txt").write_text("Drivers Wait\n\nShopkeepers call the congestion charge a cash grab.\n", encoding="utf-8")
    res, rows = extract(d, "--db", db)
    assert {r["article"] for r in rows} == {"a.txt", "b.txt"}
    assert res.stderr.splitlines() == [
        f"{d / 'copy-of-a.txt'}: the same bytes as {(d / 'a.txt').resolve()}, already stored; skipped "
        f"(--allow-copies stores it again)",
        f"2 article(s), {len(rows)} claim(s) -> {db} (1 new, 0 replaced, 1 unchanged, 1 copy skipped)"]
    (d / "b.txt").write_text("Drivers Wait\n\nShopkeepers call the toll unfair.\n", encoding="utf-8")
    res, _ = extract(d, "--db", db, "--allow-copies")
    assert res.stderr.splitlines()[-1].endswith("(1 new, 1 replaced, 1 unchanged)")
    names = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM articles ORDER BY name")]
    assert names == ["a.txt", "b.txt", "copy-of-a.txt"]


def test_remove_takes_an_article_and_its_counts_out(pages, tmp_path):
    db = tmp_path / "c.db"
    extract(pages, "--db", db)
    res = run("remove", "Drivers Count", "--db", db)
    assert res.exit_code == 0, res.stderr
    assert res.stderr.strip() == f"removed {(pages / 'evening-post.htm').resolve()} (3 claim(s))"
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("SELECT name FROM articles ORDER BY name")] == \
        ["toll-debate.html", "toll-month-two.html"]
    assert con.execute("SELECT count(*) FROM speakers WHERE name = 'Karl Engel'").fetchone()[0] == 0
    outlets = {c["outlet"] for c in jsonl(run("compare", "--rows", "outlet", "--cols", "stance", "--db", db,
                                              "-f", "jsonl").stdout)}
    assert outlets == {"Riverton Herald"}
    res = run("remove", "toll-", "--db", db)
    assert res.exit_code == 2
    assert ("'toll-' starts more than one article: toll-debate.html (Council Defends Toll as Traders Protest); "
            "toll-month-two.html (Second Month of the Toll)") in " ".join(res.output.split())
    res = run("remove", "nothing-like-it", "--db", db)
    assert res.exit_code == 2 and "no article matches 'nothing-like-it'" in res.output
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_a_correction_survives_a_profile_edit_and_becomes_gold(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    text = ("Toll Plan Divides Traders\n\nCouncil leader Ada Moreno said the congestion charge had cut traffic.\n\n"
            "Buses will run every ten minutes once the toll starts.\n\nThe old town has three car parks.\n")
    (d / "x.txt").write_text(text, encoding="utf-8")
    profile = tmp_path / "toll.toml"
    shutil.copy(PROFILES / "congestion-charge.toml", profile)
    db = tmp_path / "c.db"
    _, rows = extract(d, "--db", db, profile=profile)
    buses = next(r for r in rows if r["text"].startswith("Buses"))
    parks = next(r for r in rows if r["text"].startswith("The old town"))
    assert (buses["stance"], buses["reasons"], buses["corrected"]) == ("neutral", [], [])
    res = run("correct", buses["id"], "--stance", "supportive", "--reasons", "Funding public transport", "--db", db)
    assert res.exit_code == 0, res.stderr
    assert res.stderr.strip() == (f"{buses['id']}: corrected reasons, stance -> stance supportive, reasons "
                                  f"transit_funding, speaker (author)")
    assert run("correct", parks["id"], "--not-a-claim", "--db", db).exit_code == 0
    # the profile changes: every claim is labelled again, the corrections apply again
    with profile.open("a", encoding="utf-8") as f:
        f.write('\n[reasons.parking]\nlabel = "Parking"\ndescription = "Car parks."\npatterns = ["car park"]\n')
    res, again = extract(d, "--db", db, profile=profile)
    assert res.stderr.splitlines()[-1].endswith("(0 new, 1 replaced, 0 unchanged)")
    fixed = next(r for r in again if r["text"].startswith("Buses"))
    assert (fixed["id"], fixed["stance"], fixed["reasons"], fixed["corrected"], fixed["stance_why"]) == (
        buses["id"], "supportive", ["transit_funding"], ["reasons", "stance"],
        f"{fixed['text']} (corrected by hand)")
    assert not [r for r in again if r["text"].startswith("The old town")]
    stored = sqlite3.connect(db).execute("SELECT stance, reasons, corrected FROM claims WHERE id = ?",
                                         (buses["id"],)).fetchone()
    assert stored == ("supportive", '["transit_funding"]', '["reasons", "stance"]')
    # as gold: the corrected claim, which the store's claims then get right
    gold = tmp_path / "gold"
    assert run("export", "gold", "-o", gold, "--db", db).exit_code == 0
    records = jsonl((gold / "x.jsonl").read_text(encoding="utf-8"))
    assert [(g["text"], g["stance"], g["reasons"], g["attribution"]) for g in records] == [
        (fixed["text"], "supportive", ["transit_funding"], "author")]
    assert text[records[0]["start"]:records[0]["end"]] == records[0]["text"]
    scored = json.loads(run("evaluate", "--gold", gold, d, "-p", profile, "--db", db, "-f", "json").stdout)
    assert (scored["coverage"], scored["stance_accuracy"], scored["reasons"]["recall"]) == (1.0, 1.0, 1.0)
    unfixed = json.loads(run("evaluate", "--gold", gold, d, "-p", profile, "-f", "json").stdout)
    assert unfixed["stance_accuracy"] == 0.0


def test_a_correction_names_what_is_wrong_with_it(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "x.txt").write_text("Toll Plan\n\nThe toll starts on Monday.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    _, rows = extract(d, "--db", db)
    cid = rows[-1]["id"]
    res = run("correct", cid, "--stance", "angry", "--db", db)
    assert res.exit_code == 2 and "'angry' is not a stance of profile 'congestion-charge'" in res.output
    res = run("correct", cid, "--reasons", "weather", "--db", db)
    assert res.exit_code == 2 and "'weather' is not a reason of profile 'congestion-charge'" in res.output
    res = run("correct", cid, "--db", db)
    assert res.exit_code == 2 and "nothing to correct" in res.output
    res = run("correct", "c000000000000000", "--stance", "critical", "--db", db)
    assert (res.exit_code, res.stderr.strip()) == (1, f"Error: {db}: no claim c000000000000000")
    assert sqlite3.connect(db).execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
    res = run("correct", cid, "--speaker", "Ada Moreno", "--role", "council leader", "--db", db)
    assert res.exit_code == 0
    (row,) = [r for r in jsonl(run("query", "--speaker", "Ada Moreno", "--db", db, "-f", "jsonl").stdout)]
    assert (row["id"], row["speaker"], row["speaker_role"], row["attribution"], row["corrected"]) == (
        cid, "Ada Moreno", "council leader", "reported", ["speaker"])
    assert Counter(x["field"] for x in jsonl(run("corrections", "--db", db).stdout)) == {"speaker": 1}


def _pty_session(args, env=None):
    """Run ``claims`` on a pseudo-terminal: ``expect(text)`` reads until the
    text appears, ``send(keys)`` types."""
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "claimcli.cli", *map(str, args)], stdin=slave, stdout=slave,
                            stderr=slave, start_new_session=True, env={**os.environ, "COLUMNS": "100", **(env or {})})
    os.close(slave)
    seen = []

    def expect(text, timeout=120):
        end = time.time() + timeout
        while text not in "".join(seen):
            if time.time() > end:
                raise AssertionError(f"no {text!r} in {''.join(seen)!r}")
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    seen.append(os.read(master, 4096).decode("utf-8", "replace"))
                except OSError:
                    break
        out = "".join(seen)
        seen.clear()
        return out

    def send(keys):
        os.write(master, keys.encode())

    return proc, expect, send, master


def test_review_walks_the_least_sure_claims_one_key_each(tmp_path):
    import os

    d = tmp_path / "in"
    d.mkdir()
    (d / "x.txt").write_text("Toll Plan Divides Traders\n\nShopkeepers call the congestion charge a cash grab.\n\n"
                             "Buses will run every ten minutes once the toll starts.\n\n"
                             "Council leader Ada Moreno said the congestion charge had cut traffic.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    _, rows = extract(d, "--db", db)
    proc, expect, send, master = _pty_session(["review", "--db", db, "-n", "3"])
    try:
        first = expect("q quit]")
        assert "1/3" in first and rows[0]["text"] in first
        send("a")
        expect("q quit]")
        send("f")
        expect("n neutral]")
        send("s")
        expect("for none):")
        send("Traffic\r")
        expect("q quit]")
        send("z")                                  # not a key: asked again
        expect("q quit]")
        send("q")
        tail = expect("skipped ->")
        assert proc.wait(timeout=60) == 0
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert "1 accepted, 1 fixed, 0 skipped" in tail
    fixes = {(x["start"], x["field"]): x["value"] for x in jsonl(run("corrections", "--db", db).stdout)}
    assert fixes == {(rows[0]["start"], "stance"): rows[0]["stance"], (rows[0]["start"], "reasons"): rows[0]["reasons"],
                     (rows[1]["start"], "stance"): "supportive", (rows[1]["start"], "reasons"): ["traffic"]}
    # reviewed claims are not offered again
    proc, expect, send, master = _pty_session(["review", "--db", db, "-n", "3"])
    try:
        again = expect("q quit]")
        send("q")
        expect("skipped ->")
        proc.wait(timeout=60)
    finally:
        os.close(master)
    assert "1/2" in again and rows[2]["text"] in again


def test_the_same_page_read_twice_in_one_process_keeps_its_text(pages):
    from claimcli.text.reading import read_article

    first = read_article(str(pages / "toll-debate.html"))
    again = read_article(str(pages / "toll-debate.html"))
    assert again.text == first.text and again.text.count("\n\n") == 3


@pytest.mark.scale
def test_outlet_and_month_tables_are_the_same_from_parquet(pages, tmp_path):
    db, folder = tmp_path / "c.db", tmp_path / "pq"
    extract(pages, "--db", db)
    res = run("extract", pages, "--engine", "dask", "--jobs", "1", "--output", folder, "-p", "congestion-charge")
    assert res.exit_code == 0, res.output
    for rows in ("outlet", "month", "year"):
        args = ("compare", "--rows", rows, "--cols", "stance", "-f", "csv")
        local = run(*args, "--db", db).stdout
        assert local.count("\n") >= 2 and run(*args, "--db", folder).stdout == local, rows
    args = ("export", "claims", "-f", "jsonl")
    assert jsonl(run(*args, "--db", folder).stdout) == jsonl(run(*args, "--db", db).stdout)
    args = ("query", "--outlet", "Evening Post", "--since", "2024-04", "-f", "jsonl")
    assert len(jsonl(run(*args, "--db", folder).stdout)) == len(jsonl(run(*args, "--db", db).stdout)) == 2


def test_the_report_shows_stance_by_month_and_outlets_by_stance(pages, tmp_path):
    import re

    db = tmp_path / "c.db"
    extract(pages, "--db", db)
    page = tmp_path / "r.html"
    assert run("report", "--db", db, "-o", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    timeline = html.split('<table class="timeline">')[1].split("</table>")[0]
    segments = re.findall(r'data-f-month="([^"]+)" data-f-stance="([^"]+)" title="[^"]*: (\d+)"', timeline)
    cells = jsonl(run("compare", "--rows", "month", "--cols", "stance", "--db", db, "-f", "jsonl").stdout)
    assert {(m, s): int(n) for m, s, n in segments} == {(c["month"], c["stance"]): c["claims"] for c in cells}
    assert [m for m, _, _ in segments] == sorted(m for m, _, _ in segments)       # in date order
    assert "<h3>Outlets by stance</h3>" in html and "<h3>Top reasons by month</h3>" in html
    outlets = html.split("<h3>Outlets by stance</h3>")[1].split("</table>")[0]
    assert re.findall(r'<tr><th title="([^"]+)">', outlets) == ["Riverton Herald", "Evening Post"]
    assert re.search(r'<select name="outlet">.*Evening Post \(\d+\)', html, re.S)
    assert re.search(r'<select name="month">.*2024-04 \(\d+\)', html, re.S)
    marks = re.findall(r'data-outlet="([^"]*)" data-month="([^"]*)"', html)
    assert set(marks) == {("Riverton Herald", "2024-03"), ("Riverton Herald", "2024-04"), ("Evening Post", "2024-04")}


def test_speaker_merges_and_splits_are_stored_and_reapplied(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Harbour Talks\n\nAnna Sargsyan said the toll had failed.\n", encoding="utf-8")
    (d / "b.txt").write_text("Port Plan\n\nSargsyan told reporters the toll was fair.\n", encoding="utf-8")
    (d / "c.txt").write_text("Fish Prices\n\nThe port authority said the toll would stay.\n", encoding="utf-8")
    (d / "d.txt").write_text("Fish Prices Again\n\nHarbour master Ole Brekke said the toll would stay.\n",
                             encoding="utf-8")
    db = tmp_path / "c.db"

    def people():
        return sorted((r["speaker"], r["claims"], r["articles"])
                      for r in jsonl(run("speakers", "--db", db, "-f", "jsonl").stdout))

    extract(d, "--db", db)
    assert people() == [("Anna Sargsyan", 2, 2), ("Ole Brekke", 1, 1), ("The port authority", 1, 1)]
    res = run("speakers", "split", "Sargsyan", "--db", db)
    assert (res.exit_code, res.stderr.strip()) == (0, "'Sargsyan' is its own speaker now")
    res = run("speakers", "merge", "the port authority", "Ole Brekke", "--db", db)
    assert (res.exit_code, res.stderr.strip()) == (0, "1 speaker(s) merged into Ole Brekke (1 claim(s) moved)")
    edited = [("Anna Sargsyan", 1, 1), ("Ole Brekke", 2, 2), ("Sargsyan", 1, 1)]
    assert people() == edited
    compare = jsonl(run("compare", "--rows", "speaker", "--cols", "stance", "--db", db, "-f", "jsonl").stdout)
    assert sorted({c["speaker"] for c in compare}) == ["Anna Sargsyan", "Ole Brekke", "Sargsyan"]
    # a profile edit re-labels every article: the edits hold
    profile = tmp_path / "toll.toml"
    shutil.copy(PROFILES / "congestion-charge.toml", profile)
    with profile.open("a", encoding="utf-8") as f:
        f.write('\n[reasons.parking]\nlabel = "Parking"\ndescription = "Car parks."\npatterns = ["car park"]\n')
    res, _ = extract(d, "--db", db, profile=profile)
    assert res.stderr.splitlines()[-1].endswith("(0 new, 4 replaced, 0 unchanged)")
    assert people() == edited
    res = run("speakers", "merge", "Nobody Here", "Ole Brekke", "--db", db)
    assert res.exit_code == 2 and "no speaker matches 'Nobody Here'" in res.output


def test_a_speaker_corrected_to_two_people_is_stored_as_extraction_stores_a_joint_claim(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "x.txt").write_text("Toll Plan\n\nAda Moreno and Ben Ortiz said the toll would cut traffic.\n\n"
                             "The toll starts on Monday, Carl Weiss said.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    _, rows = extract(d, "--db", db)
    joint, monday = rows[1], rows[2]
    assert (joint["speaker"], monday["speaker"]) == ("Ada Moreno and Ben Ortiz", "Carl Weiss")
    con = sqlite3.connect(db)
    speakers_of = lambda cid: [r[0] for r in con.execute(
        "SELECT s.name FROM claim_speakers cs JOIN speakers s ON s.id = cs.speaker_id WHERE cs.claim_id = ? "
        "ORDER BY cs.ord", (cid,))]
    alias_of = lambda form: [r[0] for r in con.execute(
        "SELECT s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id WHERE a.alias = ?", (form,))]
    # extraction: a row for each person, the joint form an alias of the first
    assert (speakers_of(joint["id"]), alias_of("Ada Moreno and Ben Ortiz")) == (["Ada Moreno", "Ben Ortiz"], ["Ada Moreno"])
    # a correction to two people records the same
    assert run("correct", monday["id"], "--speaker", "Carl Weiss and Dana Fox", "--db", db).exit_code == 0
    assert (speakers_of(monday["id"]), alias_of("Carl Weiss and Dana Fox")) == (["Carl Weiss", "Dana Fox"], ["Carl Weiss"])
    # a claim's speaker_id is its first person's, which the speaker filter reads first
    assert con.execute("SELECT count(*) FROM claims c JOIN claim_speakers cs ON cs.claim_id = c.id AND cs.ord = 0 "
                       "WHERE cs.speaker_id IS NOT c.speaker_id").fetchone()[0] == 0
    listed = lambda who: [json.loads(x)["id"] for x in run("query", "--speaker", who, "-f", "jsonl", "--db", db).stdout.splitlines()]
    assert (listed("Ben Ortiz"), listed("Dana Fox"), listed("Carl Weiss")) == ([joint["id"]], [monday["id"]], [monday["id"]])
