"""The one entry point the CLI, the HTTP API, the MCP server, LangChain and eval call.

It owns the loaded index generation and models (loaded once, lazily) and picks up a newer
generation written by `qa ingest` without a restart.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from qa.errors import InputError
from qa.index.registry import resolve_index
from qa.settings import Settings
from qa.types import Answer, Hit


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)
    query: str = ""


def check_question(text: str, max_chars: int | None = None) -> str:
    from qa.input_text import check_text

    question = " ".join(check_text(text or "").split())
    if not question:
        raise InputError("the question is empty", hint="type a question, e.g. qa ask \"How many troops were reported?\"")
    if max_chars is not None and len(question) > max_chars:
        raise InputError(f"the question is {len(question)} characters long, over the {max_chars} limit",
                         hint="shorten the question")
    return question


class QAService:
    def __init__(self, settings: Settings, index: str | Path | None = None) -> None:
        self.settings = settings
        self.index_path = resolve_index(settings, index)
        self._lock = threading.RLock()
        self._reader: Any = None
        self._retriever: Any = None
        self._embedder: Any = None
        self._generators: dict[str, Any] = {}

    # --- loading
    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from qa.index.embedder import load_query_embedder

            self._embedder = load_query_embedder(self.settings.embedder, self.settings.query_embedder,
                                                 self.settings.embed_arithmetic)
        return self._embedder

    def _state(self) -> tuple[Any, Any]:
        """The reader and retriever of one generation, read together so a reload never mixes them."""
        with self._lock:
            if self._reader is None:
                self._load()
            return self._reader, self._retriever

    def _load(self) -> None:
        from qa.index.reader import open_index
        from qa.retrieval.hybrid import HybridRetriever
        from qa.retrieval.rerank import build_reranker

        reader = open_index(self.index_path, self.settings.embedder, self.embedder.dimension,
                            milvus_token=self.settings.milvus_token,
                            arithmetic=getattr(self.embedder, "arithmetic", None))
        retriever = HybridRetriever(reader, self.embedder, self.settings, build_reranker(self.settings))
        self._reader, self._retriever = reader, retriever

    def reload_if_changed(self) -> bool:
        """Switch to a newer generation if `qa ingest` committed one. Returns True when it switched."""
        from qa.index.generations import current_generation

        name = current_generation(self.index_path)
        with self._lock:
            if self._reader is not None and name is not None and name != self._reader.generation:
                self._load()
                return True
        return False

    @property
    def reader(self) -> Any:
        return self._state()[0]

    def info(self) -> dict[str, Any]:
        reader, retriever = self._state()
        return {**reader.info(), "lexical": retriever.lexical.name}  # the BM25 leg this process ranks with

    # --- queries
    def search(self, query: str, *, k: int | None = None, filters: Any = None) -> SearchResult:
        query = check_question(query, self.settings.max_question_chars)
        _, retriever = self._state()
        result = retriever.retrieve(query, k or self.settings.k, filters)
        return SearchResult(hits=result.hits, timings_ms=dict(result.timings_ms), query=query)

    def ask(
        self,
        question: str,
        *,
        mode: str | None = None,
        k: int | None = None,
        history: Sequence[tuple[str, str]] = (),
        filters: Any = None,
        on_token: Callable[[str], None] | None = None,
        deadline: Any = None,
        as_of: date | None = None,
    ) -> Answer:
        """`deadline` (a `qa.deadline.Deadline`): stop with `DeadlineExceeded` once it has passed,
        checked after each stage and on every generated token, so abandoned requests stop working.
        `as_of`: the day relative dates in the question ("last week") are counted from (default today)."""
        started = time.perf_counter()
        if deadline is not None:
            on_token = _checking(on_token, deadline)
        question = check_question(question, self.settings.max_question_chars)
        mode = mode or self.settings.mode
        if mode not in ("extractive", "llm"):
            raise InputError(f"unknown mode {mode!r}", hint="use --mode extractive or --mode llm")
        standalone = question
        if history:
            if mode == "llm":
                standalone = self._generator("llm").rewrite_followup(question, history)
            else:
                from qa.answer.condense import rewrite_followup

                standalone = rewrite_followup(question, history)
        if deadline is not None:
            deadline.check("retrieval")
        reader, retriever = self._state()
        k = k or self.settings.k
        from qa.answer.compose import compose_answer, reads_wide
        from qa.query import build_query

        # the question is understood once; retrieval and composition read the same Query
        info = build_query(standalone, sources=reader.sources, as_of=as_of,
                           default_year=getattr(retriever, "default_year", None), entity_types=reader.entity_types,
                           written_as=reader.name_written_as)
        # "Number only: ...", "Marcus in Leeds wants to know ...": the question proper is searched for and answered
        # without the asker's directive or relay (a model reads them itself and writes the answer in the form asked)
        asked = info.text if info.answer_format is not None or info.relayed_for else standalone
        composed = asked if mode == "extractive" else standalone
        # a typed answer is aggregated over more passages than are shown
        wanted = max(k, self.settings.figure_k) if reads_wide(info) else k
        result = _retrieve(retriever, asked, wanted, filters, info)
        if deadline is not None:
            deadline.check("composing the answer")
        composition = compose_answer(
            composed, result.hits, reader, self.embedder, self.settings, mode=mode,
            generator=self._generator(mode), on_token=on_token, query_vector=result.query_vector, shown=k,
            info=info,
        )
        timings = {
            "retrieve": sum(v for key, v in result.timings_ms.items() if key != "rerank"),
            "rerank": result.timings_ms.get("rerank", 0.0),
            "compose": composition.timings_ms.get("compose", sum(composition.timings_ms.values())),
        }
        timings["total"] = (time.perf_counter() - started) * 1000
        return Answer(
            question=question,
            answer=composition.answer,
            abstained=composition.abstained,
            mode=mode,
            citations=composition.citations,
            passages=result.hits[:k],
            timings_ms=timings,
            standalone_question=standalone if standalone != question else None,
            support=composition.support,
            short_answer=composition.short_answer,
            answer_type=composition.answer_type,
            candidates=composition.candidates,
            conflict=composition.conflict,
            answer_format=info.answer_format,
            features=composition.features,
        )

    def _generator(self, mode: str) -> Any:
        if mode != "llm":
            return None
        with self._lock:
            if "llm" not in self._generators:
                from qa.answer.llm import build_generator

                self._generators["llm"] = build_generator(self.settings)
            return self._generators["llm"]


def _checking(on_token: Callable[[str], None] | None, deadline: Any) -> Callable[[str], None]:
    """`on_token` that first checks `deadline`: a generator streaming past the time limit stops there."""

    def checked(token: str) -> None:
        deadline.check("the rest of the generated answer")
        if on_token is not None:
            on_token(token)

    return checked


def _retrieve(retriever: Any, text: str, k: int, filters: Any, query: Any) -> Any:
    """Retrieve with the Query's analysis when the retriever takes one (HybridRetriever does)."""
    import inspect

    if "analysis" in inspect.signature(retriever.retrieve).parameters:
        return retriever.retrieve(text, k, filters, analysis=query.analysis)
    return retriever.retrieve(text, k, filters)  # a retriever written to the plain Retriever protocol
