"""Generated data for the benchmarks: claims with the shapes of real news
sentences, with planted near-duplicates and hard negatives, and a large
claim store written through the store's own writer.

Sentences come from the bundled sample articles (or any folder of .txt
files); every word of four letters or more is replaced at random from the
corpus's own vocabulary, so lengths, punctuation and word shapes stay those
of news text while the claims themselves are new.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
_SENT = re.compile(r"[^.!?\n]+[.!?]?[”\"’]?")
_WORD = re.compile(r"[A-Za-z][A-Za-z’']{3,}")
_AUX = re.compile(r"\b(is|are|was|were|will|would|can|could|should|has|have|had|did|does|do)\b")


def sentences(folder: Path = SAMPLES, min_words: int = 6) -> list[str]:
    out = []
    for p in sorted(folder.rglob("*.txt")):
        for m in _SENT.finditer(p.read_text(encoding="utf-8")):
            s = m.group().strip()
            if len(s.split()) >= min_words:
                out.append(s)
    return out


def vocabulary(sents: list[str]) -> list[str]:
    return sorted({w.lower() for s in sents for w in _WORD.findall(s)})


def reshape(sentence: str, vocab: list[str], rng: random.Random, p: float = 0.8) -> str:
    """The sentence with most long words (at least three) swapped for other
    corpus words, so no two generated claims are near-identical by chance."""
    while True:
        swapped = 0

        def swap(m):
            nonlocal swapped
            if rng.random() > p:
                return m.group()
            swapped += 1
            w = rng.choice(vocab)
            return w.capitalize() if m.group()[0].isupper() else w
        out = _WORD.sub(swap, sentence)
        if swapped >= 3:
            return out


# ---- edits that keep the meaning (a near-duplicate) ---------------------

def _quotes(s, rng):
    return s.replace("“", '"').replace("”", '"').replace("’", "'") if "“" in s or "’" in s else f"“{s}”"


def _case(s, rng):
    return s.lower() if rng.random() < 0.5 else s.upper()


def _punct(s, rng):
    return s.rstrip(".!?") if s[-1:] in ".!?" else s + "."


def _small_word(s, rng):
    words = s.split()
    small = [i for i, w in enumerate(words) if w.lower() in ("the", "a", "an", "that", "this", "its", "their")]
    if not small:
        return s + " today"
    i = rng.choice(small)
    words[i] = {"the": "a", "a": "the", "an": "the", "that": "which", "this": "that"}.get(words[i].lower(), "the")
    return " ".join(words)


def _typo(s, rng):
    words = s.split()
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return s + ","
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def _drop_word(s, rng):
    words = s.split()
    cand = [i for i, w in enumerate(words) if 3 <= len(w) <= 5 and w.isalpha() and w.lower() not in ("not", "never")]
    if len(words) < 8 or not cand:
        return s + "."
    del words[rng.choice(cand)]
    return " ".join(words)


NEAR_EDITS = (_quotes, _case, _punct, _small_word, _typo, _drop_word)


def near_duplicate(s: str, rng: random.Random) -> str:
    for edit in rng.sample(NEAR_EDITS, rng.choice((1, 1, 2))):
        s = edit(s, rng)
    return s


# ---- edits that change the meaning (must stay apart) --------------------

def negated(s: str) -> str | None:
    m = _AUX.search(s)
    return s[:m.end()] + " not" + s[m.end():] if m else None


def renumbered(s: str, rng: random.Random) -> str:
    m = re.search(r"\d+", s)
    if m:
        return s[:m.start()] + str(int(m.group()) + rng.randint(1, 9)) + s[m.end():]
    words = s.split()
    i = rng.randrange(len(words))
    return " ".join(words[:i] + [str(rng.randint(2, 99))] + words[i:])


@dataclass
class Planted:
    texts: list[str]
    near: dict[int, int]        # index of a planted near-duplicate -> index of its original
    apart: dict[int, int]       # index of a negated / renumbered copy -> its original


def planted_claims(n: int, *, near_rate: float = 0.1, apart_rate: float = 0.05, seed: int = 7,
                   folder: Path = SAMPLES) -> Planted:
    rng = random.Random(seed)
    sents = [s for s in sentences(folder) if len(_WORD.findall(s)) >= 4]
    vocab = vocabulary(sents)
    texts: list[str] = []
    near: dict[int, int] = {}
    apart: dict[int, int] = {}
    seen: set[str] = set()
    changed: set[int] = set()     # originals that already have a changed copy
    while len(texts) < n:
        r = rng.random()
        if texts and r < near_rate:
            orig = near.get(rng.randrange(len(texts)), None)
            orig = rng.randrange(len(texts)) if orig is None else orig
            if orig in apart or orig in near:
                continue
            near[len(texts)] = orig
            texts.append(near_duplicate(texts[orig], rng))
            continue
        if texts and r < near_rate + apart_rate:
            orig = rng.randrange(len(texts))
            if orig in near or orig in apart or orig in changed:
                continue
            changed.add(orig)
            t = negated(texts[orig]) if rng.random() < 0.5 else None
            apart[len(texts)] = orig
            texts.append(t or renumbered(texts[orig], rng))
            continue
        t = reshape(rng.choice(sents), vocab, rng)
        key = t.lower()
        if key in seen:
            continue
        seen.add(key)
        texts.append(t)
    return Planted(texts, near, apart)


# ---- a large store ---------------------------------------------------------

FIRST = "Anna Boris Chen Dana Emil Farah Goran Hana Ivan Jana Karim Lena Marek Nadia Omar Petra Rafael Sara Tomas Vera".split()
STANCES = ("critical", "neutral", "supportive")


def big_store(path: str, n: int, *, per_article: int = 100, n_speakers: int = 20_000, seed: int = 11) -> str:
    """A store of ``n`` claims with the shapes extraction gives: most claims
    in the author's voice, speakers with a long tail, a few reasons per
    claim, some near-duplicate clusters. Written through the store's own
    ``write_article`` (no extraction, no linking: each claim's cluster is
    set here), so speakers, aliases, cell counts and every column of the
    current schema are what a real store holds. Returns the full name of a
    speaker with claims, for querying."""
    from claimcli.models import Article, Claim
    from claimcli.stores.sqlite import Store

    rng = random.Random(seed)
    sents = sentences()
    surnames = [f"{w.capitalize()}{s}" for s in ("ov", "ian", "son", "er", "ski") for w in vocabulary(sents)[:4000]]
    names = list(dict.fromkeys(f"{rng.choice(FIRST)} {rng.choice(surnames)}" for _ in range(n_speakers)))
    reasons = [f"reason_{i:02}" for i in range(15)]
    roots: list[str] = []          # each claim's cluster root, by claim number
    with Store(path) as store:
        # a generated store nobody needs to survive a crash: no fsync, a big cache
        store.db.execute("PRAGMA synchronous = OFF")
        store.db.execute("PRAGMA cache_size = -262144")
        for a in range((n + per_article - 1) // per_article):
            art = Article(name=f"article_{a:06}.txt", path=f"/bench/article_{a:06}.txt", text="", sha256=f"{a:064x}")
            claims = []
            for i in range(a * per_article, min(n, (a + 1) * per_article)):
                sid = min(int(rng.paretovariate(1.2)), len(names)) if rng.random() < 0.4 else None
                cid = f"c{i:015x}"
                root = roots[rng.randrange(i)] if i and rng.random() < 0.05 else cid
                roots.append(root)
                text = rng.choice(sents)
                rs = rng.sample(reasons, rng.choice((0, 0, 1, 1, 2)))
                speaker = names[sid - 1] if sid else None
                claims.append(Claim(
                    article=art.name, article_key=art.key, article_sha256=art.sha256, id=cid, text=text, start=0,
                    end=len(text), speaker=speaker, speaker_role="analyst" if sid else None,
                    attribution="direct" if sid else "author", cue="said" if sid else None,
                    stance=rng.choice(STANCES), reasons=rs, duplicate_of=None if root == cid else root, cluster=root))
            store.write_article(art, claims)
        store.db.execute("ANALYZE")
    return names[4]


# ---- Parquet stores (claims[scale]) -----------------------------------------

def parquet_from_store(db: str, folder: str) -> None:
    """The Parquet store holding what the SQLite store ``db`` holds, its
    ``tables/`` written by ``claims link``'s own writer, so both answer the
    same queries. Every column of each SQLite table is carried over as it
    is (ids as text, as ``claims link`` writes them), so a column the schema
    gains reaches the Parquet store without a change here; what only the
    Parquet tables hold is added: each claim's speakers and evidence (JSON),
    each article's word count."""
    import sqlite3

    import duckdb
    import pyarrow as pa

    from claimcli.stores import linking as link, parquet

    root = parquet.create(folder)
    src = sqlite3.connect(db)
    types = {"INTEGER": pa.int64(), "TEXT": pa.string(), "REAL": pa.float64()}

    def table(name: str, as_text: tuple[str, ...] = (), extra: tuple[tuple[str, str, pa.DataType], ...] = ()) -> pa.Table:
        """All of a SQLite table's columns, typed as declared (``as_text``:
        the integer ids the Parquet tables hold as text), and ``extra``
        (name, SQL, type) columns."""
        cols = [(r[1], pa.string() if r[1] in as_text else types[r[2]]) for r in src.execute(f"PRAGMA table_info({name})")]
        sql = [f'"{c}"' for c, _ in cols] + [x[1] for x in extra]
        cols += [(x[0], x[2]) for x in extra]
        data = list(zip(*src.execute(f"SELECT {', '.join(sql)} FROM {name}"))) or [()] * len(cols)
        return pa.table({c: pa.array([None if v is None else str(v) for v in vs] if t == pa.string() else vs, t)
                         for (c, t), vs in zip(cols, data)})

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.register("c0", table("claims", ("speaker_id",), (("speakers", "(SELECT json_group_array(name) FROM (SELECT "
                             "name FROM claim_speakers WHERE claim_id = claims.id ORDER BY ord))", pa.string()),)))
    con.register("cr", table("claim_reasons", (), (("rowid", "rowid", pa.int64()),)))
    con.execute("CREATE TABLE cc AS SELECT c0.*, COALESCE(e.evidence, '[]') AS evidence "
                "FROM c0 LEFT JOIN (SELECT claim_id, to_json(list({'reason': reason, 'text': evidence, 'start': ev_start, "
                "'end': ev_end, 'role': role} ORDER BY rowid)) AS evidence FROM cr WHERE evidence IS NOT NULL GROUP BY claim_id) e "
                "ON e.claim_id = c0.id")
    con.register("art", table("articles", (), (("words", "0", pa.int64()),)))
    con.register("spk", table("speakers", ("id",)))
    con.register("als", table("speaker_aliases", ("speaker_id",)))
    con.register("csp", table("claim_speakers", ("speaker_id",)))
    link.write_tables(con, root)
    meta = parquet.read_meta(root)
    meta["linked"] = True
    parquet.write_meta(root, meta)
    con.close()
    src.close()


def planted_parts(folder: str, n: int, per_article: int = 40) -> int:
    """A Parquet store of ``n`` planted claims (see ``planted_claims``) in
    articles of ``per_article``, as extraction parts: for timing ``claims link``."""
    from claimcli.models import Claim
    from claimcli.stores import parquet

    root = parquet.create(folder)
    texts = planted_claims(n).texts
    for part_at in range(0, len(texts), 100 * per_article):
        rows = {k: [] for k in parquet.KINDS}
        for a in range(part_at // per_article, min(len(texts), part_at + 100 * per_article) // per_article + 1):
            chunk = texts[a * per_article:(a + 1) * per_article]
            if not chunk:
                continue
            rows["articles"].append({"article_id": a + 1, "name": f"a{a}.txt", "path": f"/bench/a{a}.txt",
                                     "sha256": f"{a:064x}", "title": "", "encoding": "utf-8",
                                     "extracted_at": "2026-01-01T00:00:00", "words": 0})
            for seq, t in enumerate(chunk):
                c = Claim(article=f"a{a}.txt", text=t, start=seq, end=seq + len(t), article_sha256=str(a))
                rows["claims"].append(parquet.claim_row(c, a + 1, seq))
        for kind in parquet.KINDS:
            parquet.write_part(str(root), kind, f"bench-{part_at:09d}", rows[kind])
    return len(texts)


def huge_article(path: Path, mb: float, seed: int = 5) -> int:
    """One article of ``mb`` megabytes (a scraper's dump): paragraphs of two
    to five reshaped sample sentences, written as they are made. Returns the
    words written. Sentences with fewer than five long words are left out
    (``reshape`` needs three to swap)."""
    sents = [s for s in sentences() if len(_WORD.findall(s)) >= 5]
    vocab = vocabulary(sents)
    rng = random.Random(seed)
    target, size, words = int(mb * 1e6), 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while size < target:
            par = " ".join(reshape(rng.choice(sents), vocab, rng) for _ in range(rng.randint(2, 5)))
            out.write(par + "\n\n")
            size += len(par.encode("utf-8")) + 2
            words += len(par.split())
    return words

