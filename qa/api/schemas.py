"""Request and response models of the HTTP API (and the MCP tools' structured output).

The answer objects mirror `Answer.to_json()` (the `qa ask --json` schema) field for field, so the
CLI, `/v1/ask`, the `qa` extension of chat completions and the MCP `ask` tool return one shape.
Request models ignore unknown fields: OpenAI clients send many options (temperature, n, ...) that
have no meaning for a cited-answer engine.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from qa.types import Answer

MODEL_IDS = {"qa-extractive": "extractive", "qa-llm": "llm"}
"""Chat model ids and the answer mode each selects. `qa` alone means the server's default mode."""


# --- the `qa ask --json` objects


class CitationOut(BaseModel):
    """What an `[n]` marker points to: `quote == document.text[start:end]` of the stored cleaned text."""

    n: int
    doc_id: str
    title: str
    source: str | None = None
    published_at: str | None = None
    chunk_id: str
    start: int
    end: int
    quote: str
    verified: bool
    score: float
    url: str | None = Field(default=None, description="The article's URL, when it has one (API only).")


class PassageOut(BaseModel):
    """A retrieved chunk, best first."""

    rank: int
    chunk_id: str
    doc_id: str
    title: str
    source: str | None = None
    published_at: str | None = None
    start: int
    end: int
    text: str
    score: float
    scores: dict[str, float] | None = Field(default=None, description="Per-stage scores (search only).")
    url: str | None = Field(default=None, description="The article's URL, when it has one (API only).")


class CandidateOut(BaseModel):
    value: str
    support: float = Field(description="Support of the sentences stating it (relevance, independent articles).")
    citations: list[int] = Field(default_factory=list, description="The [n] of the citations stating it.")


class AnswerOut(BaseModel):
    """`Answer.to_json()`: the `qa ask --json` object."""

    question: str
    answer: str = Field(description="The answer with [n] markers.")
    abstained: bool = Field(description="True when the articles do not answer the question.")
    mode: str
    citations: list[CitationOut]
    passages: list[PassageOut]
    timings_ms: dict[str, float] = Field(default_factory=dict)
    standalone_question: str | None = Field(
        default=None, description="The follow-up rewritten with the conversation, when history changed it."
    )
    standalone_readable: bool = Field(
        default=False, description="The rewritten follow-up reads as a question a person would type (worth showing)."
    )
    short_answer: str | None = Field(default=None, description="The value alone (a name, a place, a figure), "
                                                               "when the answer is one.")
    answer_type: str | None = Field(default=None, description="What the question asks for: person, organisation, "
                                                              "place, date, count, percent, money, age, duration, "
                                                              "distance, yesno, reason, description, list, summary.")
    candidates: list[CandidateOut] = Field(default_factory=list, description="Values proposed, best supported first.")
    conflict: bool = Field(default=False, description="The articles disagree; each side is stated and cited.")
    answer_format: str | None = Field(default=None, description="The form the question asked the answer in "
                                                                "('Number only: ...'): number, name, date, age, place, "
                                                                "percent, yesno or short; the value alone answers.")


class SearchOut(BaseModel):
    query: str
    passages: list[PassageOut]
    timings_ms: dict[str, float] = Field(default_factory=dict)


def answer_json(answer: Answer) -> dict[str, Any]:
    """`Answer.to_json()` (the `qa ask --json` object), plus the rewritten follow-up when there is one,
    and each passage's and citation's article URL when the article has one (so the chat page can link)."""
    out = answer.to_json()
    if answer.standalone_question:
        from qa.answer.condense import reads_well

        out.setdefault("standalone_question", answer.standalone_question)
        out["standalone_readable"] = reads_well(answer.standalone_question, answer.question)
    urls = {h.doc_id: h.url for h in answer.passages if h.url}
    for item in (*out["citations"], *out["passages"]):
        if urls.get(item["doc_id"]):
            item.setdefault("url", urls[item["doc_id"]])
    return out


def search_json(result: Any) -> dict[str, Any]:
    """`SearchResult` as the `qa search --json` object."""
    return {
        "query": result.query,
        "passages": [
            {"rank": i + 1, "chunk_id": h.chunk_id, "doc_id": h.doc_id, "title": h.title, "source": h.source,
             "published_at": h.published_at, "start": h.chunk.start, "end": h.chunk.end, "text": h.chunk.text,
             "score": round(float(h.score), 6), "scores": {k: round(float(v), 6) for k, v in h.scores.items()}}
            for i, h in enumerate(result.hits)
        ],
        "timings_ms": {k: round(float(v), 3) for k, v in result.timings_ms.items()},
    }


# --- qa's own endpoints


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[str] = Field(default_factory=list, max_length=50, description="Only these outlets.")
    since: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}", description="Published on/after (ISO date).")
    until: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}", description="Published on/before (ISO date).")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="The question.")
    mode: Literal["extractive", "llm"] | None = Field(default=None, description="Default: the server's mode.")
    k: int | None = Field(default=None, ge=1, le=50, description="Passages used for the answer.")
    history: list[tuple[str, str]] = Field(
        default_factory=list, description="Earlier (question, answer) turns, oldest first, for follow-ups."
    )
    filters: Filters | None = None
    as_of: date | None = Field(default=None, description="Relative dates in the question (\"last week\") count "
                                                         "from this day, YYYY-MM-DD. Default: today.")


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str
    k: int | None = Field(default=None, ge=1, le=200)
    filters: Filters | None = None


# --- OpenAI chat completions


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        """The message's text; only text parts of multi-part content count."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "\n".join(p.text or "" for p in self.content if p.type == "text")


class ChatCompletionRequest(BaseModel):
    """The OpenAI chat completion request. Options other than these are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(description="qa-extractive or qa-llm (see GET /v1/models) picks the answer mode; "
                                   "'qa' uses the server's default mode.")
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    k: int | None = Field(default=None, ge=1, le=50, description="qa extension: passages used for the answer.")


class QAExtension(AnswerOut):
    """The `qa` field added to chat completions (and to the final chunk when streaming): the full
    `qa ask --json` object, so a client gets the structured citations, passages and abstained flag."""


class ChatCompletionMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatCompletionMessage
    finish_reason: Literal["stop"] = "stop"


class ChatCompletion(BaseModel):
    """An OpenAI `chat.completion`; `choices[0].message.content` is the answer with [n] markers,
    then a `Sources:` list; `qa` holds the structured answer."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    qa: QAExtension


class ChatCompletionChunk(BaseModel):
    """One SSE `data:` event when `stream` is true. Only the last chunk (finish_reason "stop") has `qa`."""

    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    choices: list[dict[str, Any]]
    qa: QAExtension | None = None


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "qa"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


# --- errors and probes


class ErrorDetail(BaseModel):
    message: str
    type: str
    code: str | None = None
    param: str | None = None


class ErrorResponse(BaseModel):
    """OpenAI-style error object, used for every error status."""

    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Ready(BaseModel):
    status: Literal["ready"] = "ready"
    generation: str | None = None
    documents: int | None = None
    chunks: int | None = None
    model: str | None = None
