"""The claim record of ``claims-jsonl.md`` and the article it comes from."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

# Field order of the JSONL contract; extra fields follow these.
RECORD_FIELDS = (
    "article", "id", "text", "start", "end", "speaker", "speaker_role",
    "attribution", "cue", "stance", "reasons", "duplicate_of",
)
# Ours, after the contract's (docs/claims-jsonl.md), then ``evidence``.
EXTRA_FIELDS = ("cluster", "background", "article_key", "speaker_canonical", "speakers", "stance_why",
                "stance_confidence", "reason_confidence", "article_title", "outlet", "author", "published", "url",
                "corrected")
# What an article carries besides its text, in the store and in every record
# of its claims (``title`` is ``Article.title``).
ARTICLE_META = ("outlet", "author", "published", "url")
# A claim as one CSV row: the record without its nested evidence.
CSV_FIELDS = RECORD_FIELDS + EXTRA_FIELDS


@dataclass
class Article:
    name: str            # what records call it: the basename, unless another input shares it
    path: str            # as given by the user ("-" for standard input)
    text: str            # decoded, newlines normalised to "\n"
    encoding: str = "utf-8"
    sha256: str = ""
    key: str = ""        # identity: the absolute path, a URL, or "stdin:NAME"; default: path
    # what the page or the user's --meta file says of it (text/formats.py): the
    # headline, the outlet, the author(s), the date it appeared (ISO), its address
    headline: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""
    url: str = ""

    def __post_init__(self):
        if not self.sha256:
            # surrogatepass: a str from Python (extract_text) may hold a lone surrogate
            self.sha256 = hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()
        if not self.key:
            self.key = self.path

    @property
    def title(self) -> str:
        """The headline the page or the metadata gives, else the first line
        of text (reading skips a banner or a byline before it)."""
        if self.headline:
            return self.headline[:200]
        for line in self.text.split("\n"):
            if line.strip():
                return line.strip()[:200]
        return ""

    @property
    def meta(self) -> dict[str, str]:
        """The article's metadata as records and stores carry it."""
        return {k: getattr(self, k) for k in ARTICLE_META}

    def claim_fields(self) -> dict[str, str]:
        """What each claim of the article carries of it: its name, its
        identity and bytes (which the claim's id hashes, so two files with
        one name, or one text, never share claim ids), its headline and
        metadata. ``Claim(**article.claim_fields(), ...)`` is a claim with
        its final id."""
        return {"article": self.name, "article_key": self.key, "article_sha256": self.sha256,
                "article_title": self.title, **self.meta}


@dataclass(frozen=True)
class Labelling:
    """What labelled an article's claims: the profile (its id and a hash of
    its content) and the pipeline. Claims stored under another labelling are
    stale: re-extracting the article labels it again."""
    profile: str
    profile_sha256: str
    pipeline: str
    profile_path: str = ""


@dataclass
class Evidence:
    reason: str          # a reason id, or "stance:ID" for a stance cue
    text: str
    start: int
    end: int
    role: str | None = None   # for a stance cue: whom it judges and how ("conduct of Russia, negated")


@dataclass
class Claim:
    article: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_role: str | None = None
    attribution: str = "author"
    cue: str | None = None
    stance: str = "neutral"
    reasons: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    duplicate_of: str | None = None
    cluster: str | None = None
    article_sha256: str = ""
    norm: str = ""       # normalised text (``dedup.Links``), as the store wrote it; not printed
    id: str = ""         # final when built: a hash of the article's identity and bytes and the span
    # Context, not content: the analysis sets it for sentences that neither
    # concern the target, nor have a source, nor cite a reason. Kept in the
    # store and the exports; readers leave it out unless asked.
    background: bool = False
    article_key: str = ""   # the article's identity (Article.key); ids hash it
    speaker_canonical: str | None = None   # the store's one name for the speaker across articles
    # each person the claim belongs to, in order: "Alen Simonyan and Armen
    # Grigoryan said" is both's (``speaker`` keeps the joint form); one
    # speaker is a list of one, the author's voice an empty list
    speakers: list[str] = field(default_factory=list)
    # the trained labeller's probability of the stance, and of each reason it gives
    stance_confidence: float | None = None
    reason_confidence: dict[str, float] = field(default_factory=dict)
    # the article's headline and metadata (``Article.meta``), so each record
    # says where and when it appeared
    article_title: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    corrected: list[str] = field(default_factory=list)   # the fields a user's correction set

    def __post_init__(self):
        # the one place an id is computed: built with its article's fields
        # (``Article.claim_fields``), a claim has its final id from the start
        if not self.speaker:
            self.speakers = []
        elif not self.speakers:
            self.speakers = people_of(self.speaker)
        if not self.id:
            self.id = claim_id(f"{self.article_key or self.article}:{self.article_sha256}", self.start, self.end)

    @property
    def stance_why(self) -> str | None:
        """The words behind the stance and whom they judge, as a person reads
        them: "stood idly by (conduct of Kremlin); blamed (object of Russia)"."""
        cues = [f"{e.text} ({e.role})" if e.role else e.text
                for e in self.evidence if e.reason == f"stance:{self.stance}"]
        return "; ".join(cues) or None

    def record(self) -> dict:
        """The JSONL record: the contract's fields first, then ours."""
        out = {k: getattr(self, k) for k in RECORD_FIELDS}
        out["reasons"] = list(self.reasons)
        out.update({k: getattr(self, k) for k in EXTRA_FIELDS})
        out["speakers"] = list(self.speakers)
        out["evidence"] = [asdict(e) for e in self.evidence]
        return out


def people_of(name: str) -> list[str]:
    """The people of a joint name as attribution writes it ("Alen Simonyan
    and Armen Grigoryan" -> both), when each part is a capitalised name of
    two words or more; anything else ("Marks and Spencer", "the Armenian and
    Azerbaijani ministers") is one source."""
    parts = name.split(" and ")
    if len(parts) > 1 and all(len(p.split()) >= 2 and all(w[:1].isupper() for w in p.split()) for p in parts):
        return parts
    return [name]


def claim_id(article_key: str, start: int, end: int) -> str:
    """Stable across runs over the same bytes: a hash of content and span."""
    h = hashlib.sha1(f"{article_key}:{start}:{end}".encode()).hexdigest()
    return "c" + h[:15]
