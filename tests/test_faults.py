"""Bad input, faults and hostile text: a correct result or a one-line error
naming the file, and never a lost claim. Every file is written here."""

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcli.cli import app
from claimcli.output.writers import write_table
from claimcli.stores.sqlite import SCHEMA_VERSION, Store
from claimcli.text.reading import normalise_newlines

pytestmark = pytest.mark.slow

runner = CliRunner()


def run(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def jsonl(output):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def offsets_hold(rows, text):
    assert rows
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"], r


# ---- inputs -------------------------------------------------------------

def test_cp1252_is_decoded_and_named_with_verbose(tmp_path):
    text = "Quay Talks\n\n“We will not sign,” said Marta Oliveira, the union’s negotiator.\n"
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf.txt").write_text("Piotr Zielinski said the talks had stalled.\n", encoding="utf-8")
    res = run("extract", tmp_path, "--verbose", "-f", "jsonl", "--db", tmp_path / "c.db")
    assert res.exit_code == 0
    assert f"{tmp_path / 'win.txt'}: read as cp1252" in res.stderr
    assert f"{tmp_path / 'utf.txt'}: read as utf-8" in res.stderr
    quote = [r for r in jsonl(res.stdout) if r["article"] == "win.txt" and r["speaker"]]
    assert quote[0]["text"].startswith("“We will not sign,”") and quote[0]["speaker"] == "Marta Oliveira"
    offsets_hold([r for r in jsonl(res.stdout) if r["article"] == "win.txt"], text)


def test_latin1_bytes_that_cp1252_lacks_still_decode(tmp_path):
    raw = "Café owners said the levy was unfair.\n".encode("latin-1") + b"\x81\n"
    (tmp_path / "l1.txt").write_bytes(raw)
    res = run("extract", tmp_path / "l1.txt", "-v", "-f", "jsonl", "--db", tmp_path / "c.db")
    assert res.exit_code == 0 and "read as latin-1" in res.stderr
    assert jsonl(res.stdout)[0]["text"] == "Café owners said the levy was unfair."


def test_bom_and_crlf_offsets_follow_the_contract(tmp_path):
    text = "Harbour Deal\r\n\r\nLena Fischer said the deal was signed.\r\nIt runs to 2030.\r\n"
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    res = run("extract", tmp_path / "bom.txt", "-f", "jsonl", "--db", tmp_path / "c.db")
    rows = jsonl(res.stdout)
    offsets_hold(rows, normalise_newlines(text))
    assert [r["text"] for r in rows][:2] == ["Harbour Deal", "Lena Fischer said the deal was signed."]


def test_html_page_gives_its_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>x</title><script>var a = '<p>no</p>';</script></head><body>"
            "<h1>Rail Strike Ends</h1><p>Union leader Carla Mendes said the strike was over.</p>"
            "<nav>Home | Sport</nav></body></html>")
    (tmp_path / "page.html.txt").write_text(page, encoding="utf-8")
    res = run("extract", tmp_path / "page.html.txt", "-v", "-f", "jsonl", "--db", tmp_path / "c.db")
    assert res.exit_code == 0 and "utf-8+html" in res.stderr
    rows = jsonl(res.stdout)
    assert [r["speaker"] for r in rows if "strike was over" in r["text"]] == ["Carla Mendes"]
    assert not any("<" in r["text"] or "var a" in r["text"] for r in rows)


def test_a_huge_file_is_a_one_line_error_and_the_rest_is_stored(tmp_path):
    line = "The council said the harbour would reopen after the storm repairs were finished.\n"
    (tmp_path / "huge.txt").write_text(line * (10_000_000 // len(line) + 1), encoding="utf-8")
    (tmp_path / "small.txt").write_text(line, encoding="utf-8")
    res = run("extract", tmp_path, "-f", "jsonl", "--db", tmp_path / "c.db")
    assert res.exit_code == 1
    assert (f"Error: {tmp_path / 'huge.txt'}: 10.0 MB, more than the 5 MB one article may have "
            "(is it several articles?); raise the limit with --max-size\n") in res.stderr
    assert {r["article"] for r in jsonl(res.stdout)} == {"small.txt"}
    assert "1 article(s)" in res.stderr and "1 failed" in res.stderr


def test_the_library_says_what_is_wrong_and_the_cli_which_option_fixes_it(tmp_path):
    from claimcli.errors import TooBig
    from claimcli.text.reading import read_article

    (tmp_path / "big.txt").write_text("The ferry sailed late again. " * 40_000, encoding="utf-8")
    with pytest.raises(TooBig) as info:
        read_article(str(tmp_path / "big.txt"), max_mb=1)
    assert str(info.value) == (f"{tmp_path / 'big.txt'}: 1.2 MB, more than the 1 MB one article may have "
                               "(is it several articles?)")
    res = run("extract", tmp_path / "big.txt", "--max-size", "1", "--db", tmp_path / "c.db")
    assert res.exit_code == 1
    assert res.stderr.startswith(f"Error: {info.value}; raise the limit with --max-size\n")


def test_long_lines_and_text_without_sentence_ends(extract):
    sentence = "Officials in the port city said the ferry timetable would change again next month. "
    long_line = sentence * 400                        # one 34 kB line: cut into parser-sized pieces
    endless = " ".join(["harbour", "fees", "rise", "again"] * 1200)   # 26 kB with no punctuation at all
    text = long_line + "\n\n" + endless + "\n"
    claims = extract(text)
    assert len(claims) >= 400
    for c in claims:
        assert text[c.start:c.end] == c.text
    assert any("fees rise again" in c.text for c in claims)


@pytest.mark.parametrize("text", [
    "Zero\u200bwidth\u200d joiners said the port\u2060 was closed.\n",
    "Jose\u0301 Alvarez said the cafe\u0301 would close.\n",
    "\u05e9\u05dc\u05d5\u05dd said \u202eevil\u202c the mayor.\n\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645.\n",
    "\ufeffA soft\u00ad hyphen and a \U0001F600 emoji, said Ana.\n",
])
def test_unicode_oddities_keep_offsets(extract, text):
    claims = extract(text)
    assert claims
    for c in claims:
        assert text[c.start:c.end] == c.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.sampled_from(list(" \n\r\t.,;:!?“”\"'‘’—-()[]") + ["said", " Anna Berg ", "he", "“We", "not", "\r\n\r\n"]),
    st.characters(), st.text(max_size=20)), max_size=80).map("".join))
def test_extract_never_raises_and_offsets_always_hold(extract, text):
    article = normalise_newlines(text)
    for c in extract(text):
        assert article[c.start:c.end] == c.text
        assert c.text.strip()


# ---- hostile text --------------------------------------------------------

HOSTILE = ("Mayor Ada Quist said [bold red]taxes[/] would [link=http://evil.example]fall[/link] "
           "\x1b[31mnext\x1b[0m year \x1b]8;;http://evil.example\x07now\x1b]8;;\x07.\n")


def test_markup_and_escape_codes_are_printed_literally(tmp_path):
    (tmp_path / "h.txt").write_text(HOSTILE, encoding="utf-8")
    res = run("extract", tmp_path / "h.txt", "--db", tmp_path / "c.db")
    assert res.exit_code == 0
    assert "[bold red]taxes[/]" in res.stdout and "[link=http://evil.example]fall[/link]" in res.stdout
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout


def test_a_terminal_table_shows_markup_as_text():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    write_table([{"speaker": "Ada Quist", "text": HOSTILE}], ("speaker", "text"), out, widths={"text": 400})
    shown = out.getvalue()
    assert "[bold red]taxes[/]" in shown and "[link=http://evil.example]fall[/link]" in shown
    assert "\x1b]8;" not in shown and "\x1b[31m" not in shown and "\x07" not in shown


# ---- the store ------------------------------------------------------------

ARTICLE = "\n\n".join(
    f"Port official Nils Berg{i} said the quay {i} would reopen after repairs costing {i} million. "
    f"“We have waited long enough,” Berg{i} said." for i in range(40)) + "\n"


def _corpus(folder, n):
    folder.mkdir()
    for k in range(n):
        (folder / f"a{k:02}.txt").write_text(ARTICLE.replace("quay", f"quay{k}"), encoding="utf-8")


def _claims_by_article(db):
    con = sqlite3.connect(db)
    out = {}
    for name, cid in con.execute("SELECT a.name, c.id FROM claims c JOIN articles a ON a.id = c.article_id"):
        out.setdefault(name, set()).add(cid)
    con.close()
    return out


def test_kill_9_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    _corpus(tmp_path / "in", 12)
    ref_db, db = tmp_path / "ref.db", tmp_path / "killed.db"
    assert run("extract", tmp_path / "in", "--db", ref_db, "-q", "-f", "jsonl", "-j", "1").exit_code == 0
    reference = _claims_by_article(ref_db)
    proc = subprocess.Popen([sys.executable, "-m", "claimcli.cli", "extract", str(tmp_path / "in"), "--db", str(db),
                             "-q", "-f", "jsonl", "-j", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.05)
        try:
            done = sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 2:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    partial = _claims_by_article(db)
    assert 2 <= len(partial) < len(reference)
    for name, ids in partial.items():
        assert ids == reference[name]                 # whole articles only
    assert run("extract", tmp_path / "in", "--db", db, "-q", "-f", "jsonl").exit_code == 0
    assert _claims_by_article(db) == reference


def test_a_store_from_a_newer_claims_is_a_clear_error(tmp_path):
    db = tmp_path / "new.db"
    Store(str(db)).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    for args in (["query"], ["extract", "-"]):
        res = run(*args, "--db", db, input="Anna Berg said so.\n")
        assert res.exit_code == 1
        assert res.stderr.strip() == (f"Error: {db}: made by a newer claims (schema {SCHEMA_VERSION + 5}, "
                                      f"this one knows {SCHEMA_VERSION}); upgrade claims")


@pytest.fixture()
def read_only(tmp_path):
    """A store file this process cannot write: chmod for a user, the
    immutable attribute for root (whom permissions do not stop)."""
    db = tmp_path / "ro.db"
    src = tmp_path / "a.txt"
    src.write_text("Anna Berg said the strike was over.\n", encoding="utf-8")
    assert run("extract", src, "--db", db, "-q").exit_code == 0
    Store(str(db)).close()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
            pytest.skip("running as root on a file system without chattr +i: cannot make a read-only file")
        yield db, src
        subprocess.run(["chattr", "-i", str(db)], check=True)
    else:
        db.chmod(0o444)
        yield db, src
        db.chmod(0o644)


def test_a_read_only_store_reads_but_refuses_to_write(read_only):
    db, src = read_only
    assert [r["speaker"] for r in jsonl(run("query", "--db", db, "-f", "jsonl").stdout)] == ["Anna Berg"]
    assert run("speakers", "--db", db).exit_code == 0
    assert run("compare", "--db", db, "-f", "csv").exit_code == 0
    res = run("extract", src, "--db", db)
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {db}: the store is read-only (no write permission); reading it still works"


def test_a_lone_surrogate_becomes_a_replacement_character(extract):
    (claim,) = extract("Anna Berg said the \ud800 port was closed.\n")
    assert claim.text == "Anna Berg said the \ufffd port was closed."
    assert (claim.start, claim.end, claim.speaker) == (0, 37, "Anna Berg")


# ---- store faults: damaged files, a full disk, read-only media, outputs ----

NEWS = ("Quay Repairs\n\nHarbour master Tove Almqvist said the north quay would reopen in June.\n\n"
        "“The divers found the cracks in time,” Almqvist said.\n")


def _sha(path):
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line_error(res, path, *words):
    """The whole of standard error: one line naming the file, no traceback."""
    err = res.stderr.strip()
    assert "Traceback" not in res.output + res.stderr and len(err.splitlines()) == 1, res.stderr
    assert err.startswith(f"Error: {path}: "), err
    for w in words:
        assert w in err, err
    return err


def _damage(db, how):
    data = bytearray(db.read_bytes())
    if how == "truncated":
        del data[len(data) // 2:]
    elif how == "flipped":                     # every 97th byte past the first page
        for i in range(4096, len(data), 97):
            data[i] ^= 0xFF
    else:                                      # the header's page size and format bytes
        data[16:24] = b"\xff" * 8
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "flipped", "header"])
def test_a_damaged_store_is_named_left_unchanged_and_never_a_traceback(tmp_path, how):
    src = tmp_path / "quay.txt"
    src.write_text(NEWS, encoding="utf-8")
    db = tmp_path / "c.db"
    assert run("extract", src, "--db", db, "-q").exit_code == 0
    Store(str(db)).close()                     # checkpointed: everything is in the file
    _damage(db, how)
    before = _sha(db)
    for args in (["query"], ["speakers"], ["compare"], ["export", "claims", "-f", "csv"],
                 ["report", "-o", tmp_path / "r.html"], ["extract", src]):
        res = run(*args, "--db", db)
        assert res.exit_code == 1, (args, res.output)
        _one_line_error(res, db, "the store is damaged", "it was left as it is", ".recover")
        assert _sha(db) == before, args
        assert not (tmp_path / "r.html").exists()


def _limited_extract(folder, db, limit):
    """`claims extract` in a child whose files may not grow past ``limit``
    bytes (RLIMIT_FSIZE): SQLite's writes fail as on a full disk."""
    import resource

    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "claimcli.cli", "extract", str(folder), "--db", str(db), "-q",
                           "-f", "jsonl", "-j", "1"], preexec_fn=pre, capture_output=True, text=True)


def _full_disk_checks(res, db, reference, folder):
    assert res.returncode == 1, res.stderr
    err = res.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith(f"Error: {db}: ") and "was not stored, the articles written before it were" in err, err
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    partial = _claims_by_article(db)
    assert 1 <= len(partial) < len(reference)
    for name, ids in partial.items():
        assert ids == reference[name]          # whole articles only, none lost
    assert run("extract", folder, "--db", db, "-q", "-f", "jsonl").exit_code == 0
    assert _claims_by_article(db) == reference


def test_a_file_size_limit_during_a_write_keeps_whole_articles(tmp_path):
    _corpus(tmp_path / "in", 6)
    ref = tmp_path / "ref.db"
    assert run("extract", tmp_path / "in", "--db", ref, "-q", "-f", "jsonl", "-j", "1").exit_code == 0
    reference = _claims_by_article(ref)
    db = tmp_path / "c.db"
    assert run("extract", tmp_path / "in" / "a00.txt", "--db", db, "-q", "-f", "jsonl").exit_code == 0
    Store(str(db)).close()
    res = _limited_extract(tmp_path / "in", db, db.stat().st_size + 64 * 1024)
    _full_disk_checks(res, db, reference, tmp_path / "in")


@pytest.fixture()
def tmpfs(tmp_path):
    """A 4 MB tmpfs (root only): a real full disk, and a medium to remount read-only."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root (the file size limit test covers the full disk without it)")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=True)


def test_a_full_tmpfs_during_a_write_keeps_whole_articles(tmp_path, tmpfs):
    _corpus(tmp_path / "in", 6)
    ref = tmp_path / "ref.db"
    assert run("extract", tmp_path / "in", "--db", ref, "-q", "-f", "jsonl", "-j", "1").exit_code == 0
    reference = _claims_by_article(ref)
    db = tmpfs / "c.db"
    assert run("extract", tmp_path / "in" / "a00.txt", "--db", db, "-q", "-f", "jsonl").exit_code == 0
    Store(str(db)).close()
    free = os.statvfs(tmpfs).f_bavail * os.statvfs(tmpfs).f_frsize
    (tmpfs / "filler").write_bytes(b"\0" * max(free - 48 * 1024, 0))       # leave 48 kB
    res = subprocess.run([sys.executable, "-m", "claimcli.cli", "extract", str(tmp_path / "in"), "--db", str(db),
                          "-q", "-f", "jsonl", "-j", "1"], capture_output=True, text=True)
    assert "no space left on the device" in res.stderr
    (tmpfs / "filler").unlink()
    _full_disk_checks(res, db, reference, tmp_path / "in")


def test_a_store_on_a_read_only_mount_is_read_and_never_written(tmp_path, tmpfs):
    src = tmp_path / "quay.txt"
    src.write_text(NEWS, encoding="utf-8")
    db = tmpfs / "c.db"
    assert run("extract", src, "--db", db, "-q").exit_code == 0
    Store(str(db)).close()
    before = _sha(db)
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    rows = jsonl(run("query", "--db", db, "-f", "jsonl").stdout)
    assert [(r["speaker"], r["attribution"]) for r in rows] == [("Tove Almqvist", "reported"), ("Tove Almqvist", "direct")]
    assert run("report", "--db", db, "-o", tmp_path / "r.html").exit_code == 0
    res = run("extract", src, "--db", db)
    assert res.exit_code == 1
    _one_line_error(res, db, "read-only", "reading it still works")
    res = run("extract", src, "--db", tmpfs / "new.db")
    assert res.exit_code == 1
    _one_line_error(res, tmpfs / "new.db", f"folder {tmpfs} is read-only; the store cannot be created there")
    assert _sha(db) == before and sorted(p.name for p in tmpfs.iterdir()) == ["c.db"]


def test_an_output_in_a_missing_folder_or_over_an_input_is_a_usage_error(tmp_path):
    src = tmp_path / "quay.txt"
    src.write_text(NEWS, encoding="utf-8")
    db = tmp_path / "c.db"
    assert run("extract", src, "--db", db, "-q").exit_code == 0
    Store(str(db)).close()
    before = _sha(db)
    missing = tmp_path / "nowhere" / "out.html"
    for args in (["report"], ["export", "claims"], ["export", "reasons"], ["datasette-metadata"]):
        res = run(*args, "--db", db, "-o", missing)
        assert res.exit_code == 2, (args, res.output)
        _one_line_error(res, missing, f"folder {missing.parent} does not exist")
        os.chdir(tmp_path)
        for over in (db, "c.db", f"./{db.name}"):      # the store itself, however it is spelt
            res = run(*args, "--db", db, "-o", over)
            assert res.exit_code == 2, (args, over, res.output)
            _one_line_error(res, over, "is also an input", "writing there would destroy it")
            assert _sha(db) == before
    res = run("extract", src, "--db", tmp_path / "nowhere" / "c.db")
    assert res.exit_code == 2
    _one_line_error(res, tmp_path / "nowhere" / "c.db", f"folder {tmp_path / 'nowhere'} does not exist")
    assert [r["speaker"] for r in jsonl(run("query", "--db", db, "-f", "jsonl").stdout)] == ["Tove Almqvist"] * 2


def test_a_missing_model_says_how_to_make_one_or_do_without(tmp_path):
    from claimcli.errors import NoModel
    from claimcli.judging.profiles import load
    from claimcli.pipeline.extract import load_labeller

    with pytest.raises(NoModel) as info:
        load_labeller(load("russia-armenia"), str(tmp_path / "none.npz"))
    assert str(info.value) == f"{tmp_path / 'none.npz'}: no such model file (given)"
    (tmp_path / "a.txt").write_text("The council said the harbour would reopen.\n", encoding="utf-8")
    res = run("extract", tmp_path / "a.txt", "--labeller", tmp_path / "none.npz", "--db", tmp_path / "c.db")
    assert (res.exit_code, res.stderr) == (1, f"Error: {info.value}; train it with `claims train` (`make model` for "
                                              "the default profile), or label with the rules alone: --labeller rules\n")
