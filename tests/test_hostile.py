"""Hostile text in every output: claim text, speaker names and roles that
hold HTML, template syntax, rich markup, terminal escape codes and
spreadsheet formulas stay inert data in the HTML report (in a real browser
too), terminal tables, CSV, Datasette's pages and its full-text search.

The store is written straight through ``Store.write_article`` so the
speakers can be anything at all, as a hostile page might make them."""

import asyncio
import csv
import io
import json
import os
import pty
import select
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.models import Article, Claim
from claimcli.stores.sqlite import Store

pytestmark = pytest.mark.slow

runner = CliRunner()

FORMULA = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = [
    "<script>document.title='PWNED by script'</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
    "</script><script>document.body.setAttribute('data-pwned','close')</script>",
    "\" onmouseover=\"document.body.setAttribute('data-pwned','attr')\" x=\"",
    "{{ 7*7 }} and {% if true %}JINJA{% endif %} and ${7*7}",
    "[bold red]loud[/bold red] and [link=http://evil.example]here[/link]",
    "\x1b[31mred\x1b[0m and \x1b]8;;http://evil.example\x07a link\x1b]8;;\x07",
    "=HYPERLINK(\"http://evil.example\",\"open me\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTAB=1+1",
]
SPEAKERS = [
    "<script>document.title='PWNED by speaker'</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','speaker')\">",
    "{{ config }}",
    "[bold red]Red Speaker[/bold red]",
    "\x1b[5mBlinking\x1b[0m Speaker",
    "=cmd|' /C calc'!A0",
    "@Ada Quist",
    "\rCarriage Return",
]


def _claims(article: Article) -> list[Claim]:
    out, pos = [], 0
    for i, line in enumerate(article.text.split("\n")):
        if line:
            out.append(Claim(**article.claim_fields(), text=line, start=pos, end=pos + len(line),
                             speaker=SPEAKERS[i % len(SPEAKERS)], speaker_role=PAYLOADS[(i + 3) % len(PAYLOADS)],
                             attribution="direct", cue="said", stance="critical" if i % 2 else "neutral"))
        pos += len(line) + 1
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "hostile.txt"
    text = "\n".join(PAYLOADS) + "\n"
    src.write_bytes(text.encode("utf-8"))          # bytes: no newline translation
    article = Article(name="hostile.txt", path=str(src), text=text, key=str(src))
    claims = _claims(article)
    db = tmp / "c.db"
    with Store(str(db)) as store:
        store.write_article(article, claims)
    return db, tmp, claims


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


# ---- the HTML report ---------------------------------------------------------

class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text, self.title, self._in_title = [], [], [], "", False
        self.body: dict = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)
        self._in_title = tag == "title"
        if tag == "body":
            self.body = dict(attrs)

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data


def _report(db, tmp):
    out = tmp / "report.html"
    res = run("report", "--db", db, "-o", out)
    assert res.exit_code == 0, res.output
    return out


def _inert(page: Page, n_scripts: int = 1):
    assert page.tags.count("script") == n_scripts            # the report's own, nothing more
    assert "img" not in page.tags
    handlers = [(t, k, v) for t, k, v in page.attrs if k.startswith("on")]
    assert handlers in ([], [("form", "onsubmit", "return false")]), handlers     # the filter form's own, alone
    assert not [(t, v) for t, k, v in page.attrs if k in ("href", "src") and v.strip().lower().startswith("javascript:")]
    assert "PWNED" not in page.title and "data-pwned" not in page.body


def test_the_report_shows_hostile_text_as_text(hostile, tmp_path):
    db, _, claims = hostile
    html = _report(db, tmp_path).read_text(encoding="utf-8")
    page = Page(html)
    _inert(page)
    shown = "".join(page.text)
    for c in claims:
        assert c.text.replace("\x1b", "").replace("\x07", "") in shown.replace("\x1b", "").replace("\x07", ""), c.text
    assert "{{ 7*7 }} and {% if true %}JINJA{% endif %}" in shown and "49" not in shown.split("{{ 7*7 }}")[0][-5:]
    for name in ("<script>document.title='PWNED by speaker'</script>", "{{ config }}", "[bold red]Red Speaker[/bold red]"):
        assert name in shown


def _chromium():
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no Chromium on PATH (apt-get install chromium)")
def test_nothing_hostile_runs_in_chromium(hostile, tmp_path):
    db, _, claims = hostile
    out = _report(db, tmp_path)
    # hover and focus every claim, as a reader would, then let the page settle
    driven = tmp_path / "driven.html"
    driven.write_text(out.read_text(encoding="utf-8").replace("</body>", (
        "<script>for (const el of document.querySelectorAll('*')) {"
        " for (const t of ['mouseover', 'mouseenter', 'focus', 'click']) el.dispatchEvent(new Event(t)); }"
        "</script></body>")), encoding="utf-8")
    browser = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
               f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    for page_file, scripts in ((out, 1), (driven, 2)):
        dom = subprocess.run(browser + [page_file.as_uri()], capture_output=True, text=True, timeout=120,
                             check=True).stdout
        page = Page(dom)
        _inert(page, scripts)
        assert f"{len(claims)} claims (" in dom           # the report's own script did run
        shown = "".join(page.text)
        assert "<script>document.title='PWNED by script'</script>" in shown


# ---- terminal tables -----------------------------------------------------------

def _on_a_terminal(*args) -> str:
    """A command's standard output as a terminal gets it (a pty)."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "400", "LINES": "100", "TERM": "xterm-256color"}
    proc = subprocess.Popen([sys.executable, "-m", "claimcli.cli", *map(str, args)], stdout=slave,
                            stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 0, proc.stderr.read()
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("command", [["query"], ["speakers"]])
def test_terminal_tables_print_markup_literally_and_drop_escape_codes(hostile, command):
    db, _, _ = hostile
    shown = _on_a_terminal(*command, "--db", db)
    assert "[bold red]Red Speaker[/bo" in shown                     # rich markup is not parsed (a long name is cut)
    assert "<script>document.title='P" in shown
    if command == ["query"]:
        assert "[bold red]loud[/bold red] and [link=http://evil.example]here[/link]" in shown
    for code in ("\x1b[31mred", "\x1b]8;;http://evil.example", "\x1b[5m", "\x07", "\r\n\rCarriage"):
        assert code not in shown
    piped = run(*command, "--db", db)
    assert piped.exit_code == 0 and "[bold red]Red Speaker[/bo" in piped.stdout and "\x1b" not in piped.stdout


# ---- CSV -------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["export", "claims"], ["query", "-f", "csv"], ["speakers", "-f", "csv"],
                                     ["compare", "--rows", "speaker", "-f", "csv"]])
def test_csv_cells_never_start_a_formula(hostile, command):
    db, _, claims = hostile
    res = run(*command, "--db", db)
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA), (command, cell)
    cells = {cell for row in rows for cell in row}
    assert "'@Ada Quist" in cells and "'=cmd|' /C calc'!A0" in cells            # shown, as text
    if command == ["export", "claims"]:
        texts = {r["text"] for r in csv.DictReader(io.StringIO(res.stdout))}
        for c in claims:
            assert ("'" + c.text if c.text.startswith(FORMULA) else c.text) in texts


# ---- Datasette ----------------------------------------------------------------------

def test_datasette_pages_and_search_keep_hostile_text_inert(hostile):
    datasette_app = pytest.importorskip("datasette.app", reason="Datasette is an optional extra (make install adds it)")
    from claimcli.judging.profiles import load
    from claimcli.output.datasette import metadata

    db, _, _ = hostile
    prof = load(None)
    prof = replace(prof, name="<script>document.title='PWNED by profile'</script>",
                   reasons=[replace(r, label=f"<img src=x onerror=alert({i})>") for i, r in enumerate(prof.reasons)])
    meta = metadata(str(db), profile=prof)
    assert "description_html" not in json.dumps(meta)                # descriptions are text, never HTML
    queries = ['"unclosed', 'AND OR NOT', 'text:*', 'NEAR(', "a' OR 1=1 --", '*', '"', "^", "()", "PWNED"]

    async def browse():
        ds = datasette_app.Datasette(files=[str(db)], metadata=meta)
        await ds.invoke_startup()
        pages = [(await ds.client.get(f"/c/{t}")).text for t in ("claims", "claim_details", "speakers")]
        found = {}
        for q in queries:
            r = await ds.client.get("/c/claim_details.json", params={"_search": q, "_shape": "objects"})
            found[q] = (r.status_code, r.json().get("rows", []))
        return pages, found

    pages, found = asyncio.run(browse())
    for html in pages:
        page = Page(html)
        assert "img" not in page.tags and "PWNED" not in page.title
        assert "<script>document.title='PWNED" not in html                 # escaped wherever it is shown
        assert not [(t, k, v) for t, k, v in page.attrs if k.startswith("on") and "alert" in v]
    assert "&lt;img src=x onerror=alert(0)&gt;" in pages[0] or "&lt;img src=x onerror=alert(0)&gt;" in pages[1]
    for q, (status, rows) in found.items():
        # Datasette escapes every query into quoted phrases; one of quotes alone
        # escapes to an empty match, which it answers 400 (its limit, not ours)
        assert status == (400 if set(q) == {'"'} else 200), (q, status)
    assert {r["text"] for r in found["PWNED"][1]} == {p for p in PAYLOADS if "pwned" in p.lower()}
