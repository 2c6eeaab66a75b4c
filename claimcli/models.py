"""The claim record of ``claims-jsonl.md`` and the article it comes from."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

# Field order of the JSONL contract; extra fields follow these.
RECORD_FIELDS = (
    "article", "id", "text", "start", "end", "speaker", "speaker_role",
    "attribution", "cue", "stance", "reasons", "duplicate_of",
)


@dataclass
class Article:
    name: str            # basename, or "-" for standard input
    path: str            # as given by the user
    text: str            # decoded, newlines normalised to "\n"
    encoding: str = "utf-8"
    sha256: str = ""

    def __post_init__(self):
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def title(self) -> str:
        for line in self.text.split("\n"):
            if line.strip():
                return line.strip()[:200]
        return ""


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
    norm: str = ""       # normalised text, set by dedup; stored, not printed
    id: str = ""
    background: bool = False   # neither about the target, nor sourced, nor a reason

    def __post_init__(self):
        if not self.id:
            self.id = claim_id(f"{self.article}:{self.article_sha256}", self.start, self.end)

    def record(self) -> dict:
        """The JSONL record: the contract's fields first, then ours."""
        out = {k: getattr(self, k) for k in RECORD_FIELDS}
        out["reasons"] = list(self.reasons)
        out["evidence"] = [asdict(e) for e in self.evidence]
        out["cluster"] = self.cluster
        out["background"] = self.background
        return out


def claim_id(article_key: str, start: int, end: int) -> str:
    """Stable across runs over the same bytes: a hash of content and span."""
    h = hashlib.sha1(f"{article_key}:{start}:{end}".encode()).hexdigest()
    return "c" + h[:15]
