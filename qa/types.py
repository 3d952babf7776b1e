"""Our own data model. Frameworks (LangChain, FastAPI, FAISS) convert to and from these at the edges."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One cleaned article. `text` is the cleaned text; every offset in the project refers to it."""

    doc_id: str
    text: str
    title: str
    source: str | None = None
    published_at: str | None = None  # ISO 8601 date or datetime, as given
    url: str | None = None
    author: str | None = None
    path: str | None = None  # where it was loaded from, for warnings and `qa index show`
    content_hash: str = ""  # sha256 of the raw loaded content (before cleaning)
    duplicate_of: str | None = None  # near-duplicate (syndicated reprint) of this doc id


@dataclass(frozen=True)
class Chunk:
    """A span of a document's cleaned text: `document.text[start:end] == text`."""

    chunk_id: str
    doc_id: str
    start: int
    end: int
    text: str
    ordinal: int = 0  # position of the chunk inside its document


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its scores from each retrieval stage."""

    chunk: Chunk
    title: str
    score: float
    source: str | None = None
    published_at: str | None = None
    url: str | None = None
    scores: dict[str, float] = field(default_factory=dict)  # e.g. {"dense": .., "bm25": .., "rrf": .., "rerank": ..}

    @property
    def chunk_id(self) -> str:
        return self.chunk.chunk_id

    @property
    def doc_id(self) -> str:
        return self.chunk.doc_id


@dataclass(frozen=True)
class Citation:
    """What an `[n]` marker in an answer points to: an exact span of stored cleaned text."""

    n: int
    doc_id: str
    title: str
    chunk_id: str
    start: int
    end: int
    quote: str  # == document.text[start:end]
    verified: bool
    score: float
    source: str | None = None
    published_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "published_at": self.published_at,
            "chunk_id": self.chunk_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "verified": self.verified,
            "score": round(float(self.score), 6),
        }


@dataclass(frozen=True)
class CandidateAnswer:
    """A value proposed as the answer (a name, a place, a figure), its support and the citations stating it."""

    value: str
    support: float
    citations: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "support": self.support, "citations": list(self.citations)}


@dataclass(frozen=True)
class Answer:
    """The result of `ask`; `to_json()` is the stable `qa ask --json` schema shared by eval and the API."""

    question: str
    answer: str
    abstained: bool
    mode: str
    citations: list[Citation]
    passages: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)
    standalone_question: str | None = None  # set when a follow-up was rewritten
    support: float | None = None  # the abstention support score (qa/answer/abstain.py); not in to_json()
    short_answer: str | None = None  # the value alone ("Sam Bankman-Fried"), when the answer is one
    answer_type: str | None = None  # what the question asks for (qa/query.py ANSWER_TYPES)
    candidates: list[CandidateAnswer] = field(default_factory=list)
    conflict: bool = False  # the articles disagree; each side is stated and cited
    # the form the question asked the answer in ("Number only: ..."; qa/answer_format.py): "number", "name", "date",
    # "age", "place", "percent", "yesno" or "short"; None when it asked none
    answer_format: str | None = None
    features: dict[str, float] = field(default_factory=dict)  # the abstention model's inputs; not in to_json()

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "mode": self.mode,
            "citations": [c.to_json() for c in self.citations],
            "passages": [
                {
                    "rank": i + 1,
                    "chunk_id": h.chunk_id,
                    "doc_id": h.doc_id,
                    "title": h.title,
                    "source": h.source,
                    "published_at": h.published_at,
                    "start": h.chunk.start,
                    "end": h.chunk.end,
                    "text": h.chunk.text,
                    "score": round(float(h.score), 6),
                }
                for i, h in enumerate(self.passages)
            ],
            "timings_ms": {k: round(float(v), 3) for k, v in self.timings_ms.items()},
            "short_answer": self.short_answer,
            "answer_type": self.answer_type,
            "candidates": [c.to_json() for c in self.candidates],
            "conflict": self.conflict,
            "answer_format": self.answer_format,
        }


@dataclass(frozen=True)
class IngestWarning:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class IngestSummary:
    """What `qa ingest --json` prints."""

    documents_added: int = 0
    documents_updated: int = 0
    documents_unchanged: int = 0
    documents_removed: int = 0
    chunks_embedded: int = 0
    chunks_total: int = 0
    documents_total: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    generation: str = ""
    index_path: str = ""
    seconds: float = 0.0
    warnings: list[IngestWarning] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["warnings"] = [str(w) for w in self.warnings]
        return d
