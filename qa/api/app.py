"""The HTTP API: OpenAI-compatible chat completions with cited answers, qa's own endpoints, a chat page.

One `QAService` per process owns the index and models; the blocking calls run on worker threads so
requests are served concurrently. Before a request the app checks (at most once a second) whether
`qa ingest` committed a newer index generation and switches to it without a restart; the index
layer switches generations atomically, so a half-written one is never read.

Routes
    POST /v1/chat/completions   OpenAI chat schema; model qa-extractive | qa-llm; stream true/false.
                                The reply is the answer with [n] markers plus a Sources list; the
                                extra field `qa` (on the final chunk when streaming) is the
                                `qa ask --json` object: citations, passages, abstained, ...
    GET  /v1/models             the two model ids
    POST /v1/ask                {question, mode?, k?, history?, filters?} -> the `qa ask --json` object
    POST /v1/search             {query, k?, filters?} -> {query, passages, timings_ms}
    GET  /healthz  /readyz      process alive / index loaded (503 with the reason otherwise)
    GET  /                      the chat page;  GET /docs  the OpenAPI docs
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, AsyncIterator, Callable, TypeVar

import anyio
from fastapi import APIRouter, Depends, FastAPI, Header
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse

from qa.api import chat, schemas, security
from qa.api.security import APIError, error_response
from qa.deadline import Deadline
from qa.errors import QAError
from qa.input_text import check_text
from qa.settings import Settings

log = logging.getLogger("qa.api")
T = TypeVar("T")

FRESHNESS_INTERVAL_S = 1.0
# The page may talk to this server only: no external scripts, styles, fonts or requests.
PAGE_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": schemas.ErrorResponse, "description": text}
    for status, text in {
        400: "Bad input (empty or too long question, too many messages)", 401: "Missing or wrong API key",
        404: "Unknown model", 413: "Body too large", 422: "Malformed request", 503: "Index not loaded",
        504: "Over the time limit",
    }.items()
}


class IndexState:
    """Loads the index once per process and keeps it on the newest committed generation."""

    def __init__(self, service: Any, interval_s: float = FRESHNESS_INTERVAL_S) -> None:
        self.service = service
        self.interval_s = interval_s
        self.ready = False
        self.reason: str | None = "loading the index"
        self.info: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._next_check = 0.0

    def load(self) -> None:
        """Load (or retry loading) the index and models; records why when it cannot."""
        with self._lock:
            self._load()

    def _load(self) -> None:
        try:
            self.info = self.service.info()
        except QAError as exc:
            self.ready, self.reason = False, security.qa_error_message(exc)
            log.warning("index not ready: %s", self.reason)
        except Exception as exc:  # noqa: BLE001  (reported by /readyz; the process stays up)
            self.ready, self.reason = False, f"loading the index failed: {exc}"
            log.exception("loading the index failed")
        else:
            self.ready, self.reason = True, None
        self._next_check = time.monotonic() + self.interval_s

    def due(self) -> bool:
        return time.monotonic() >= self._next_check

    def refresh(self) -> None:
        """At most once per interval: switch to a newer generation, or retry a failed load.

        A request that finds another thread refreshing goes on at once (it then waits, if at all,
        only for the service's own lock while the new generation loads).
        """
        if not self.due() or not self._lock.acquire(blocking=False):
            return
        try:
            if not self.due():
                return
            self._next_check = time.monotonic() + self.interval_s
            if not self.ready:
                self._load()
            elif self.service.reload_if_changed():
                self.info = self.service.info()
                log.info("switched to index generation %s", self.info.get("generation"))
        except QAError as exc:  # the new generation is unusable: keep serving the old one
            log.warning("could not switch index generation: %s", security.qa_error_message(exc))
        finally:
            self._lock.release()


def create_app(settings: Settings, service: Any = None) -> FastAPI:
    """The FastAPI app over `service` (default: a `QAService` on `settings.index`, built once here)."""
    if service is None:
        from qa.service import QAService

        service = QAService(settings)
    state = IndexState(service)
    created = int(time.time())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Load in the background: /healthz answers at once and /readyz says when the index is in.
        threading.Thread(target=state.load, name="qa-index-load", daemon=True).start()
        yield

    app = FastAPI(
        title="qa", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
        description=(
            "Cited answers from your news articles. `POST /v1/chat/completions` speaks the OpenAI chat "
            "schema; the reply content carries `[n]` markers and a `Sources:` list, and the extra field "
            "`qa` (on the final chunk when streaming) holds the structured answer: the `qa ask --json` "
            "object with `citations` (n, doc_id, title, source, chunk_id, start, end, quote, verified, "
            "score), `passages` and `abstained`. Errors are OpenAI-style `{\"error\": {...}}` objects."
        ),
    )
    security.install(app, settings)
    app.state.qa = state
    _install_offline_docs(app)

    async def authorized(authorization: str | None = Header(default=None, include_in_schema=False)) -> None:
        security.check_api_key(settings, authorization)

    async def fresh() -> None:
        if state.due():
            await anyio.to_thread.run_sync(state.refresh)

    async def blocking(fn: Callable[[], T]) -> T:
        """Run a blocking service call on a worker thread, under the request time limit."""
        try:
            with anyio.fail_after(settings.request_timeout_s):
                return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
        except TimeoutError:
            raise APIError(504, f"no answer within {settings.request_timeout_s:g} s", "timeout") from None

    v1 = APIRouter(prefix="/v1", dependencies=[Depends(authorized)], responses=ERRORS)

    @v1.get("/models", response_model=schemas.ModelList, summary="The model ids: one per answer mode")
    async def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": m, "object": "model", "created": created, "owned_by": "qa"}
                                           for m in schemas.MODEL_IDS]}

    @v1.post(
        "/chat/completions", dependencies=[Depends(fresh)], response_model=schemas.ChatCompletion,
        summary="OpenAI chat completion with cited answers",
        responses={200: {"content": {"text/event-stream": {"description": "chat.completion.chunk events "
                                                                          "(schema ChatCompletionChunk), then "
                                                                          "`data: [DONE]`"}}}},
    )
    async def chat_completions(request: schemas.ChatCompletionRequest) -> Any:
        if request.model == "qa":
            mode = settings.mode
        elif request.model in schemas.MODEL_IDS:
            mode = schemas.MODEL_IDS[request.model]
        else:
            raise APIError(404, f"model {request.model!r} does not exist; use one of "
                                f"{', '.join(schemas.MODEL_IDS)}", "model_not_found", "model")
        question, history = chat.split_messages(request.messages, settings.max_messages)
        cid = chat.completion_id()
        deadline = Deadline.after(settings.request_timeout_s)

        def ask(on_token: Callable[[str], None] | None = None) -> Any:
            return service.ask(question, mode=mode, k=request.k, history=history, on_token=on_token,
                               deadline=deadline)

        if not request.stream:
            answer = await blocking(ask)
            return JSONResponse(chat.completion(cid, request.model, schemas.answer_json(answer)))
        events = chat.AnswerStream(ask, stream_tokens=mode == "llm", deadline=deadline.at)
        first = await events.next()
        if first[0] == "error":  # nothing sent yet: a real status code instead of an error event
            raise first[1]
        return StreamingResponse(chat.stream_events(cid, request.model, first, events),
                                 media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @v1.post("/ask", dependencies=[Depends(fresh)], response_model=schemas.AnswerOut,
             response_model_exclude_none=True, summary="One question, a cited answer (the `qa ask --json` object)")
    async def ask(request: schemas.AskRequest) -> Any:
        if 2 * len(request.history) + 1 > settings.max_messages:
            raise APIError(400, f"history of {len(request.history)} turns is over the limit of "
                                f"{settings.max_messages} messages", "too_many_messages", "history")
        filters = _filters(request.filters)
        history = [(check_text(q, f"history turn {i + 1}"), check_text(a, f"history turn {i + 1}"))
                   for i, (q, a) in enumerate(request.history)]
        deadline = Deadline.after(settings.request_timeout_s)
        answer = await blocking(lambda: service.ask(request.question, mode=request.mode, k=request.k,
                                                    history=history, filters=filters, deadline=deadline,
                                                    as_of=request.as_of))
        return JSONResponse(schemas.answer_json(answer))

    @v1.post("/search", dependencies=[Depends(fresh)], response_model=schemas.SearchOut,
             summary="Ranked passages (hybrid retrieval and reranking), no answer")
    async def search(request: schemas.SearchRequest) -> Any:
        filters = _filters(request.filters)
        result = await blocking(lambda: service.search(request.query, k=request.k, filters=filters))
        return JSONResponse(schemas.search_json(result))

    app.include_router(v1)

    @app.get("/healthz", response_model=schemas.Health, summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    # /readyz tells what the index holds (documents, generation): behind the key when one is set.
    # /healthz says only that the process is up, so a load balancer needs no key for it.
    @app.get("/readyz", dependencies=[Depends(authorized), Depends(fresh)], response_model=schemas.Ready,
             responses={401: ERRORS[401], 503: ERRORS[503]},
             summary="The index is loaded and queries can be answered (needs the API key when one is set)")
    async def readyz() -> Any:
        if not state.ready:
            return error_response(503, state.reason or "not ready", "not_ready")
        info = state.info
        return {"status": "ready", **{k: info.get(k) for k in ("generation", "documents", "chunks", "model")}}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index_page() -> HTMLResponse:
        return HTMLResponse(_page(auth=bool(settings.api_key)),
                            headers={"Cache-Control": "no-cache", "Content-Security-Policy": PAGE_CSP})

    return app


def _filters(filters: schemas.Filters | None) -> Any:
    if filters is None or not (filters.sources or filters.since or filters.until):
        return None
    from qa.retrieval.filters import SearchFilters

    return SearchFilters(sources=tuple(check_text(s, "a source filter") for s in filters.sources),
                         date_from=filters.since, date_to=filters.until)


_PAGE: str | None = None


AUTH_MARK = '<body data-auth="off">'
"""In the page's <body>: 'on' when the server wants an API key, so the page shows its key field."""


def _page(auth: bool = False) -> str:
    """The chat page, a packaged file (no path from the request is ever used)."""
    global _PAGE
    if _PAGE is None:
        _PAGE = resources.files("qa.api").joinpath("static/index.html").read_text(encoding="utf-8")
    return _PAGE.replace(AUTH_MARK, '<body data-auth="on">', 1) if auth else _PAGE


def _install_offline_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc with their scripts served from the fastapi-offline package.

    FastAPI's own pages load them from a CDN, which an offline machine cannot reach: the page
    would stay blank.
    """
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles
    from fastapi_offline import core as offline

    static = Path(offline.__file__).parent / "static"
    app.mount("/docs-static", StaticFiles(directory=static), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> Any:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="qa API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js", swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> Any:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json", title="qa API",
            redoc_js_url="/docs-static/redoc.standalone.js", redoc_favicon_url="/docs-static/favicon.png",
            with_google_fonts=False,
        )
