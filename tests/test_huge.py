"""One huge article: analysed a section at a time, so its parses never pile
up (memory bounded by a section, not by the file), with its progress told
as it goes. The sections are made small here, so the texts stay small."""

import os
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.pipeline import batch
from claimcli.pipeline.extract import extract_text

runner = CliRunner()

FIRST = ("Ines", "Tomas", "Greta", "Paulo", "Mirela", "Kofi", "Hanne", "Dario")
LAST = ("Abara Brekke Castellano Dunmore Eklund Fairweather Gallo Hartigan Ilves Jankowski Kettering Laporte "
        "Mwangi Nakashima Oyelaran Pellegrini Quaresma Rasmussen Szabo Thorvaldsen Uchenna Villanueva Whitcombe "
        "Xavier Yilmaz Zielinski Achterberg Bonacci Carvalho Delacroix Espinoza Fitzroy Gunnarsson Horvath "
        "Iwasaki Jaramillo Kinsella Lombardo Mackenzie Novak").split()
NAMES = [(FIRST[i % len(FIRST)], last) for i, last in enumerate(LAST)]           # 40 people, 40 surnames
PARAGRAPH = ("{first} {last}, a ferry captain, said the crossing would resume on Monday. "
             "“The swell has dropped at last,” {last} said, adding that {i} sailings had been lost.")


def _par(i: int) -> str:
    first, last = NAMES[i % len(NAMES)]
    return PARAGRAPH.format(first=first, last=last, i=i)


def _article(n: int) -> str:
    return "Ferries Return\n\n" + "\n\n".join(_par(i) for i in range(n)) + "\n"


def test_sections_cut_at_paragraph_ends_and_cover_the_text(monkeypatch):
    text = _article(60)
    monkeypatch.setattr(batch, "SECTION", 2_000)
    from claimcli.models import Article

    secs = list(batch.sections(Article("a", "a", text), 20_000))
    assert len(secs) == len(text) // 2_000 + 1 or len(secs) == len(text) // 2_000
    spans = [span for paragraphs, _ in secs for span in paragraphs]
    assert spans == [(s, e) for s, e in batch.segment.paragraph_spans(text)]     # every paragraph, once, in order
    for paragraphs, pieces in secs:
        assert paragraphs[-1][1] - paragraphs[0][0] <= 2_000
        assert [pi for pi, _, _ in pieces] == list(range(len(paragraphs)))        # indices count within the section


def test_a_paragraph_longer_than_a_section_is_cut_into_its_chunks(monkeypatch):
    from claimcli.models import Article

    monkeypatch.setattr(batch, "SECTION", 2_000)
    text = "Harbour fees rose again this spring, the port authority said. " * 200   # one 12 kB line
    secs = list(batch.sections(Article("a", "a", text), 1_000))
    assert len(secs) >= 6
    joined = "".join(text[s:e] for paragraphs, _ in secs for s, e in paragraphs)
    assert joined.replace(" ", "") == text.strip().replace(" ", "")


def test_a_sectioned_article_keeps_every_claim_and_its_speaker(monkeypatch):
    text = _article(40)
    whole = extract_text(text, "ferries.txt")
    monkeypatch.setattr(batch, "SECTION", 3_000)
    cut = extract_text(text, "ferries.txt")
    assert [(c.start, c.end) for c in cut] == [(c.start, c.end) for c in whole]     # the same sentences
    quotes = [c for c in cut if "swell" in c.text]
    assert len(quotes) == 40
    own = [c.speaker == " ".join(NAMES[i]) and c.attribution == "direct" for i, c in enumerate(quotes)]
    assert sum(own) >= 35                                  # each paragraph's own captain (the parser misses a few)
    assert [(c.speaker, c.attribution, c.cue) for c in cut] == [(c.speaker, c.attribution, c.cue) for c in whole]
    for c in cut:
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("jobs", ["1", "2"])       # in this process, and from forked workers
def test_progress_is_printed_for_a_long_article(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(batch, "SECTION", 2_000)
    (tmp_path / "long.txt").write_text(_article(40), encoding="utf-8")
    (tmp_path / "short.txt").write_text(_par(1) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(tmp_path), "--db", str(tmp_path / "c.db"), "-f", "jsonl", "-j", jobs])
    assert res.exit_code == 0, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if "% analysed" in ln]
    assert lines, res.stderr
    assert all(ln.startswith(f"{tmp_path / 'long.txt'}: ") for ln in lines)        # never the short one
    assert lines[-1].startswith(f"{tmp_path / 'long.txt'}: 100% analysed")
    pct = [int(ln.split(": ")[1].split("%")[0]) for ln in lines]
    assert pct == sorted(pct) and len(set(pct)) == len(pct) <= 10
    quiet = runner.invoke(app, ["extract", str(tmp_path / "long.txt"), "--db", str(tmp_path / "d.db"), "-q",
                                "-f", "jsonl"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


_PEAK = textwrap.dedent("""
    import os, resource, sys
    from claimcli.pipeline import batch
    from claimcli.pipeline.extract import extract_text
    batch.SECTION = 20_000
    n = int(sys.argv[1])
    par = ("Ferry captain Ines Okafor{i} said the crossing {i} would resume on Monday, and that the "
           "harbour board had agreed to pay for the new pontoon before the summer season began.")
    text = "Ferries Return\\n\\n" + "\\n\\n".join(par.format(i=i) for i in range(n)) + "\\n"
    claims = extract_text(text, "ferries.txt")
    assert len(claims) >= n
    print(len(text), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
""")


def _peak(n: int) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", _PEAK, str(n)], capture_output=True, text=True, check=True,
                         env={**os.environ}).stdout.split()
    return int(out[0]), int(out[1])


@pytest.mark.slow
def test_memory_grows_far_slower_than_the_article():
    """Peak RSS (MiB) for one tiny article, one of about 100 kB and one of
    about 300 kB, in sections of 20 kB: were the parses held to the end,
    the third would add about twice what the second adds over the first."""
    _, base = _peak(3)
    small_chars, small = _peak(500)
    big_chars, big = _peak(1500)
    assert big_chars > 2.9 * small_chars
    assert big - small < 0.5 * (small - base) + 20, (base, small, big)
