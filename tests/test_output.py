"""Output for people: claim tables on a terminal at 80 and 160 columns,
whole text when piped, shell completion, and CSV for Excel. The terminal is a
real pseudo-terminal, so `claims` decides for itself that it is on one."""

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcli.cli import app

pytestmark = pytest.mark.slow

CLAIMS = str(Path(sys.executable).parent / "claims")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

# Our own text: a long quote (past the 90 characters where piped output used
# to stop), a role, a reason of the default profile.
ARTICLE = """Ferry Link Talks Stall Again

Marta Olsen, the harbour commission's chief negotiator, said that the talks over the ferry link had stalled.

“Every month we wait, the islanders pay more for less, and the operators keep blaming each other for a schedule nobody can read,” Olsen said, calling the delay an exercise in bureaucratic stubbornness.

Russia sells weapons to both sides, Olsen said.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("tables")
    (d / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    db = d / "c.db"
    res = CliRunner().invoke(app, ["extract", str(d / "ferry.txt"), "--db", str(db), "-q", "-f", "jsonl",
                                  "--labeller", "rules"])
    assert res.exit_code == 0, res.output
    import json

    return db, [json.loads(line) for line in res.stdout.splitlines()]


def on_terminal(args, columns):
    """Run `claims` on a pseudo-terminal ``columns`` wide; its screen, no colours."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([CLAIMS, *map(str, args)], stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:         # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=30)
    os.close(master)
    assert proc.returncode == 0, proc.stderr.read()
    return ANSI.sub("", out.decode("utf-8")).replace("\r\n", "\n")


def column(screen: str, header: str) -> tuple[int, list[str]]:
    """Where a column starts, and its text on each line below the rule."""
    lines = screen.splitlines()
    head = next(i for i, ln in enumerate(lines) if re.search(rf"\b{header}\b", ln) and "speaker" in ln)
    at = lines[head].index(header)
    return at, [ln[at:].rstrip() for ln in lines[head + 2:] if ln.strip()]


@pytest.mark.parametrize("columns, text_at_least", [(80, 36), (160, 100)])
def test_claim_table_gives_the_text_the_room(store, columns, text_at_least):
    db, claims = store
    screen = on_terminal(["query", "--db", db, "--background"], columns)   # every claim, background too
    lines = screen.splitlines()
    assert max(len(ln) for ln in lines) <= columns
    assert lines[0].startswith("Ferry Link Talks Stall Again")          # the title, not the file name, heads it
    assert lines[1].strip() == "ferry.txt"
    at, text = column(screen, "text")
    assert columns - at >= text_at_least                                  # short columns stay short
    shown = " ".join(text).split()
    words = " ".join(c["text"] for c in claims).split()
    assert shown == words                                                 # every word whole: no "critica/l"
    assert "Marta Olsen" in screen
    assert "the harbour commission's chief negotiator" in screen or "the harbour commission" in screen
    assert "Arms sales" in screen and "arms_sales" not in screen           # labels, not ids
    assert "direct · said" in screen


def test_piped_output_is_never_cut(store):
    db, claims = store
    longest = max(claims, key=lambda c: len(c["text"]))
    assert len(longest["text"]) > 120
    out = subprocess.run(f"'{CLAIMS}' query --db '{db}' --speaker olsen | grep stubbornness", shell=True,
                         capture_output=True, text=True, check=True).stdout
    assert out.count("\n") == 1 and longest["text"] in out and out.rstrip().endswith(longest["text"])
    whole = subprocess.run([CLAIMS, "query", "--db", str(db), "--background"], capture_output=True, text=True,
                           check=True).stdout
    rows = whole.splitlines()[1:]
    assert len(rows) == len(claims)
    for row, c in zip(rows, claims):
        assert row.endswith(c["text"])
    assert "the harbour commission's chief negotiator" in whole          # the role, whole


def test_shell_completion_is_offered_and_completes():
    assert "--install-completion" in CliRunner().invoke(app, ["--help"]).stdout
    env = {**os.environ, "_CLAIMS_COMPLETE": "complete_bash", "COMP_WORDS": "claims query --sp", "COMP_CWORD": "2"}
    out = subprocess.run([CLAIMS], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["--speaker"]
    env.update(COMP_WORDS="claims rep", COMP_CWORD="1")
    assert subprocess.run([CLAIMS], env=env, capture_output=True, text=True, check=True).stdout.split() == ["report"]


def test_excel_csv_has_a_bom_and_pandas_reads_it_cleanly(store, tmp_path):
    import pandas as pd

    db, claims = store
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    for path, extra in ((plain, []), (excel, ["--excel"])):
        res = CliRunner().invoke(app, ["export", "claims", "--db", str(db), "-o", str(path), *extra])
        assert res.exit_code == 0, res.output
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(excel)
    assert list(frame.columns)[:3] == ["article", "id", "text"]
    assert list(frame["text"]) == [c["text"] for c in claims]             # curly quotes intact
    res = CliRunner().invoke(app, ["export", "reasons", "--db", str(db), "--excel", "-f", "jsonl"])
    assert res.exit_code == 2 and "--excel is for --format csv" in res.output


def test_speakers_table_keeps_counts_whole_at_80_columns(store):
    db, claims = store
    screen = on_terminal(["speakers", "--db", db], 80)
    hers = [c for c in claims if c["speaker"] == "Marta Olsen"]
    by_stance = [str(sum(c["stance"] == s for c in hers)) for s in ("critical", "supportive", "neutral")]
    lines = screen.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    assert lines[0].split() == ["speaker", "claims", "articles", "critical", "supportive", "neutral"]
    olsen = next(i for i, ln in enumerate(lines) if ln.startswith("Marta Olsen"))
    assert lines[olsen].split()[2:] == [str(len(hers)), "1", *by_stance]
    assert lines[olsen + 1].strip().startswith("the harbour commission")        # the role, under the name


def test_an_output_file_gets_the_mode_of_any_new_file_and_the_umask_stays(tmp_path):
    from claimcli.output.writers import output

    old = os.umask(0o027)
    try:
        with output(str(tmp_path / "reasons.csv")) as f:
            f.write("claim_id,reason\n")
        assert os.umask(0o027) == 0o027                       # nobody flipped it
    finally:
        os.umask(old)
    assert (tmp_path / "reasons.csv").stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["reasons.csv"]
