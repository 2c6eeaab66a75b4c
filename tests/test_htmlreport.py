"""`claims report`: the page's structure through an HTML parser, and a real
render in headless Chromium."""

import json
import re
import shutil
import sqlite3
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from claimcli.cli import app

pytestmark = pytest.mark.slow

# Our own text, with markup and a link in it that must stay text.
HOSTILE = """Tariffs <b>&amp;</b> Trade

Tom Baker, head of the port authority, said that the <script>alert("x")</script> tariffs would hurt trade.

“We asked for help in spring & nobody answered,” Baker said.

The figures are at https://example.org/tariffs for anyone to read.
"""

FERRIES = """Ferries Return

According to the Finnish transport ministry, the ferry service will resume in May.

Baker said that the ferries would bring visitors back.
"""

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture()
def store(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "tariffs.txt").write_text(HOSTILE, encoding="utf-8")
    (d / "ferries.txt").write_text(FERRIES, encoding="utf-8")
    db = tmp_path / "c.db"
    res = run("extract", d, "--db", db, "-f", "jsonl", "-q", "--labeller", "rules")
    assert res.exit_code == 0, res.output
    return db, d, [json.loads(line) for line in res.stdout.splitlines()]


class Page(HTMLParser):
    """What a browser would see: tags, attributes, and each claim's text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.claims, self.cards = Counter(), [], {}, {}
        self.data, self._mark, self._card, self._depth = [], None, None, 0
        self.cells, self._cell = [], None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag == "mark" and "data-claim" in a:
            assert a["data-claim"] not in self.claims, "a claim with two elements"
            self._mark = a["data-claim"]
            self.claims[self._mark] = {"text": "", **a}
        if tag == "a" and "cell" in a.get("class", ""):
            self.cells.append({**a, "text": ""})
            self._cell = self.cells[-1]
        if self._card is not None and tag == "div":
            self._depth += 1
        if tag == "div" and "data-card" in a:
            self._card, self._depth = a["data-card"], 1
            self.cards[self._card] = ""

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark = None
        if tag == "a":
            self._cell = None
        if self._card is not None and tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self._card = None

    def handle_data(self, data):
        self.data.append(data)
        if self._cell is not None:
            self._cell["text"] += data
        if self._mark:
            self.claims[self._mark]["text"] += data
        if self._card:
            self.cards[self._card] += data


def report(db, tmp_path, *args):
    """The report of every claim: these articles are not about the default
    profile's target, so most of their sentences are background."""
    out = tmp_path / "report.html"
    res = run("report", "--db", db, "-o", out, "--background", *args)
    assert res.exit_code == 0, res.output
    return out, Page(out.read_text(encoding="utf-8"))


def test_every_claim_is_highlighted_on_its_own_words(store, tmp_path):
    db, _, claims = store
    out, page = report(db, tmp_path)
    assert set(page.claims) == {c["id"] for c in claims}
    person = dict(sqlite3.connect(db).execute(
        "SELECT c.id, s.name FROM claims c JOIN speakers s ON s.id = c.speaker_id"))
    assert [c["speaker"] for c in claims if "ferries would bring" in c["text"]] == ["Baker"]
    assert person[next(c["id"] for c in claims if "ferries would bring" in c["text"])] == "Tom Baker"
    for c in claims:
        assert page.claims[c["id"]]["text"] == c["text"]
        assert page.claims[c["id"]]["data-speaker"] == person.get(c["id"]) or "(author)"
        assert page.claims[c["id"]]["class"].split()[1] == c["attribution"]
    assert set(page.cards) == set(page.claims)
    baker = next(c for c in claims if c["speaker"] == "Tom Baker" and c["attribution"] == "direct")
    assert "head of the port authority" in page.cards[baker["id"]]
    assert "said" in page.cards[baker["id"]]


def test_article_text_is_escaped_and_nothing_comes_from_the_network(store, tmp_path):
    db, _, claims = store
    out, page = report(db, tmp_path)
    html = out.read_text(encoding="utf-8")
    assert page.tags["script"] == 1 and page.tags["b"] == 0          # only our own script; the text's tags are text
    assert any('<script>alert("x")</script>' in d for d in page.data)
    assert "&lt;script&gt;" in html
    assert not [a for a in page.attrs if a[1] in ("src", "srcset", "poster", "action")]
    assert page.tags["link"] == 0 and page.tags["iframe"] == 0 and page.tags["img"] == 0
    hrefs = [v for tag, k, v in page.attrs if k == "href"]
    assert hrefs and all(v.startswith("#") for v in hrefs)
    assert "url(" not in html and "@import" not in html
    assert any("https://example.org/tariffs" in d for d in page.data)   # the article's link, as text


def test_matrices_link_their_counts_to_the_claims(store, tmp_path):
    db, _, claims = store
    _, page = report(db, tmp_path)
    assert page.tags["table"] >= 2
    baker = [c for c in page.cells if c.get("data-f-speaker") == "Tom Baker" and "data-f-stance" in c]
    assert [c["data-f-stance"] for c in baker] == ["neutral"]
    # the count a cell shows is what its filter highlights: one person across both articles
    marks = [m for m in page.claims.values() if m["data-speaker"] == "Tom Baker" and m["data-stance"] == "neutral"]
    assert len({m["data-cluster"] for m in marks}) == int(baker[0]["text"]) and len({m["data-article"] for m in marks}) == 2
    titles = {d.strip() for d in page.data}
    assert "Tariffs <b>&amp;</b> Trade" in titles and "Ferries Return" in titles


def test_filters_narrow_the_report(store, tmp_path):
    db, _, claims = store
    _, page = report(db, tmp_path, "--speaker", "baker")
    assert set(page.claims) == {c["id"] for c in claims if c["speaker"] in ("Tom Baker", "Baker")}
    assert len({page.claims[i]["data-article"] for i in page.claims}) == 2


def test_a_changed_article_shows_its_claims_alone(store, tmp_path):
    db, d, claims = store
    (d / "ferries.txt").write_text(FERRIES.replace("May", "June"), encoding="utf-8")
    _, page = report(db, tmp_path)
    assert set(page.claims) == {c["id"] for c in claims}
    for c in claims:
        assert page.claims[c["id"]]["text"] == c["text"]
    assert any("has changed since it was extracted" in t for t in page.data)


def test_the_report_data_reads_texts_only_through_what_it_is_given(store, tmp_path):
    from claimcli.judging.profiles import load
    from claimcli.output.html import report_data
    from claimcli.stores import open_store

    db, d, claims = store
    shutil.rmtree(d)                                   # nothing left to read behind its back
    asked = []
    text_of = lambda path, sha256: (asked.append(path.rsplit("/", 1)[-1]) or (FERRIES if "ferries" in path else None), "")
    with open_store(str(db)) as st:
        data = report_data(st, profile=load("russia-armenia"), text_of=text_of)
    assert sorted(asked) == ["ferries.txt", "tariffs.txt"]
    ferries = next(a for a in data.articles if a.name == "ferries.txt")
    assert "".join(p.get("text", "") + (p["claim"].text if "claim" in p else "") for p in ferries.pieces) == FERRIES


def test_report_on_an_empty_selection_is_still_a_page(store, tmp_path):
    db, _, _ = store
    _, page = report(db, tmp_path, "--contains", "no such words anywhere")
    assert page.claims == {} and page.tags["html"] == 1


# ---- a real browser ------------------------------------------------------

def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB/RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return width, height, rows


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no Chromium on PATH (.ci/run installs Debian's chromium)")
def test_report_renders_in_chromium(store, tmp_path):
    db, _, claims = store
    out, _ = report(db, tmp_path)
    browser = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--window-size=1200,1000", f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "report.png"
    subprocess.run(browser + [f"--screenshot={shot}", out.as_uri()], capture_output=True, timeout=120, check=True)
    width, height, rows = png_pixels(shot)
    assert (width, height) == (1200, 1000)
    counts = Counter(p for row in rows for p in row)
    background, n = counts.most_common(1)[0]
    assert n < 0.95 * width * height, "the page is blank"
    assert len(counts) > 50                                       # text, not a flat fill
    # magnitudes in one purple (84, 39, 143 over white), stances in their own colours
    assert any(abs(r - 84) < 12 and abs(g - 39) < 12 and abs(b - 143) < 12 for r, g, b in counts), "no heatmap cell"
    # the script ran: it counts the claims shown
    dom = subprocess.run(browser + ["--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    page = Page(dom)
    assert set(page.claims) == {c["id"] for c in claims}
    assert f"{len(claims)} claims (" in dom
    assert 'id="matching" hidden' in dom                           # nothing filtered: no list
    # filtering in the page: a click on a heatmap count leaves only its claims lit and lists them at the top;
    # a click on the list's first item pins its card
    clicked = tmp_path / "clicked.html"
    clicked.write_text(out.read_text(encoding="utf-8").replace(
        "</body>", "<script>document.querySelector('a.cell[data-f-speaker=\"Tom Baker\"][data-f-stance]').click();"
                   "document.querySelector('#matching-list a[data-goto]').click();</script></body>"), encoding="utf-8")
    dom = subprocess.run(browser + ["--dump-dom", clicked.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    page = Page(dom)
    lit = {i for i, m in page.claims.items() if "off" not in m["class"].split()}
    person = dict(sqlite3.connect(db).execute("SELECT c.id, s.name FROM claims c JOIN speakers s ON s.id = c.speaker_id"))
    assert lit == {c["id"] for c in claims if person.get(c["id"]) == "Tom Baker" and c["stance"] == "neutral"}
    assert f"{len(lit)} claims (" in dom and "in 2 articles" in dom
    listed = MatchingList(dom)
    in_order = [i for i in page.claims if i in lit]                  # the page's order: article, then position
    assert listed.title == f"{len(lit)} matching claims"
    assert [href for href, _ in listed.items] == [f"#c-{i}" for i in in_order]
    texts = {c["id"]: c["text"] for c in claims}
    assert [text for _, text in listed.items] == [f"Tom Baker: {texts[i]}" for i in in_order]
    assert "head of the port authority" in dom.split('id="panel-card"')[1]
    assert '<aside id="panel" aria-live="polite">' in dom            # shown: no longer hidden


class MatchingList(HTMLParser):
    """The filtered view's list: its title, and each item's link and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.title, self.items, self._in, self._a = "", [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id") in ("matching-title", "matching-list"):
            self._in = a["id"]
        if self._in == "matching-list" and tag == "a":
            self.items.append([a["href"], ""])
            self._a = True

    def handle_endtag(self, tag):
        if tag == "a":
            self._a = None
        if tag in ("h3", "ol"):
            self._in = None

    def handle_data(self, data):
        if self._in == "matching-title":
            self.title += data
        elif self._a:
            self.items[-1][1] += data


def test_a_card_links_to_near_duplicates_in_other_articles(tmp_path):
    d = tmp_path / "copies"
    d.mkdir()
    for i in range(7):      # one story syndicated to seven sites
        (d / f"site{i}.txt").write_text(FERRIES, encoding="utf-8")
    db = tmp_path / "c.db"
    res = run("extract", d, "--db", db, "-f", "jsonl", "-q", "--labeller", "rules", "--allow-copies")
    assert res.exit_code == 0, res.output
    claims = [json.loads(line) for line in res.stdout.splitlines()]
    _, page = report(db, tmp_path)
    first = next(c for c in claims if c["article"] == "site0.txt" and "ferry service" in c["text"])
    card = page.cards[first["id"]]
    assert card.count("Ferries Return") == 5 and "and 1 more" in card
    links = [v for tag, k, v in page.attrs if k == "data-goto"]
    copies = {c["id"] for c in claims if c["cluster"] == first["cluster"] and c["id"] != first["id"]}
    assert len(set(links) & copies) == 6          # every copy is linked from some card


# ---- what the colours, lines and cards say -------------------------------------

def test_stance_colours_mean_stances_and_magnitudes_are_one_purple(store, tmp_path):
    db, _, _ = store
    out, page = report(db, tmp_path)
    html = out.read_text(encoding="utf-8")
    # critical vermillion, supportive blue, the default grey: Okabe-Ito, told apart with any colour vision
    assert re.findall(r"\.st\d \{ --st: #\w+; \}", html) == [
        ".st0 { --st: #d55e00; }", ".st1 { --st: #0072b2; }", ".st2 { --st: #737373; }"]
    css = html[html.index("<style>"):html.index("</style>")]
    for rule in ("table.heat td {", "td.bar span {"):
        body = css[css.index(rule):css.index("}", css.index(rule))]
        assert "var(--mag)" in body and "--st" not in body, rule      # counts never borrow a stance's colour
    assert "rgba(var(--hot)" not in css


def test_attribution_kinds_differ_in_fill_line_and_glyph(store, tmp_path):
    db, _, claims = store
    out, page = report(db, tmp_path)
    html = out.read_text(encoding="utf-8")
    css = html[html.index("<style>"):html.index("</style>")]
    rule = lambda sel: css[css.index(sel + " {"):css.index("}", css.index(sel + " {"))]
    assert "background" in rule("mark.direct") and "solid" in rule("mark.direct")
    assert "background" not in rule("mark.reported") and "dashed" in rule("mark.reported")
    assert "background" not in rule("mark.author") and "dotted" in rule("mark.author")
    assert "content" in rule(".who.direct::before") and "content" in rule(".who.reported::before")
    chips = [v for tag, k, v in page.attrs if tag == "span" and k == "class" and v.startswith("who ")]
    spoken = [c for c in claims if c["speaker"]]
    assert sorted(ch.split()[2] for ch in chips if "st-legend" not in ch) == sorted(c["attribution"] for c in spoken)


def test_the_card_says_why_and_how_sure(store, tmp_path):
    db, _, claims = store
    _, page = report(db, tmp_path)
    baker = next(c for c in claims if c["speaker"] == "Tom Baker" and c["attribution"] == "direct")
    card = " ".join(page.cards[baker["id"]].split())
    assert card == ("Tom Baker, head of the port authority direct · cue said stance neutral "
                    "no cue for another stance fired: the default; by the rules " + baker["id"])


def test_a_report_made_with_filters_lists_its_claims_at_the_top(store, tmp_path):
    db, _, claims = store
    out, page = report(db, tmp_path, "--speaker", "baker", "--speaker", "Tom Baker")
    html = out.read_text(encoding="utf-8")
    assert 'data-narrowed="1"' in html and "filters: speaker=baker, Tom Baker, background=True" in html
    assert 'data-narrowed="0"' in report(db, tmp_path)[0].read_text(encoding="utf-8")
