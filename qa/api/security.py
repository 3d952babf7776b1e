"""The API's guard rails: bearer key, body size limit, CORS, and OpenAI-style error objects.

Every error leaves the server as `{"error": {"message", "type", "code", "param"}}` with a status
that says whose fault it is: 400 bad input, 401 missing/wrong key, 404 unknown model or route,
413 body too large, 422 malformed request, 503 index not ready, 504 over the time limit,
500 anything unexpected (logged; the client sees no traceback).
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qa.errors import (
    DependencyMissingError,
    GenerationError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotFoundError,
    InputError,
    QAError,
)
from qa.deadline import DeadlineExceeded
from qa.settings import Settings

log = logging.getLogger("qa.api")

_STATUS_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    404: "not_found_error",
    405: "invalid_request_error",
    413: "invalid_request_error",
    422: "invalid_request_error",
    500: "server_error",
    503: "service_unavailable",
    504: "timeout",
}


class APIError(Exception):
    """An error the API reports as it is: status plus the OpenAI error fields."""

    def __init__(self, status: int, message: str, code: str | None = None, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.param = param


def error_body(status: int, message: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": _STATUS_TYPES.get(status, "server_error"), "code": code,
                      "param": param}}


def error_response(status: int, message: str, code: str | None = None, param: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, param), status_code=status, headers=headers)


def qa_error_status(exc: QAError) -> tuple[int, str]:
    """HTTP status and error code for a domain error: the client's fault (400) or the index's (503)."""
    if isinstance(exc, InputError):
        return 400, "invalid_input"
    if isinstance(exc, DeadlineExceeded):
        return 504, "timeout"
    if isinstance(exc, IndexNotFoundError):
        return 503, "index_not_found"
    if isinstance(exc, (IndexMismatchError, IndexCorruptError)):
        return 503, "index_unusable"
    if isinstance(exc, DependencyMissingError):
        return 503, "dependency_missing"
    if isinstance(exc, GenerationError):
        return 503, "llm_unavailable"
    if type(exc).__name__ == "IndexLockedError":
        return 503, "index_locked"
    return 500, "qa_error"


def qa_error_message(exc: QAError) -> str:
    return f"{exc.message} (hint: {exc.hint})" if exc.hint else exc.message


def check_api_key(settings: Settings, authorization: str | None) -> None:
    """Raise 401 unless the request carries `Authorization: Bearer <settings.api_key>` (when one is set)."""
    if not settings.api_key:
        return
    scheme, _, token = (authorization or "").partition(" ")
    # compare_digest: the time taken must not tell how much of a guessed key was right
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.api_key.encode()):
        raise APIError(401, "missing or wrong API key: send 'Authorization: Bearer <key>'", "invalid_api_key")


# A declared body over the limit but at most this many times it is read and dropped before the 413 is sent: a client
# still sending when the server closes gets a connection reset instead of the error (seen under load in the API tests);
# a larger one is refused at once, unread
DRAIN_FACTOR = 4


async def _drain(receive: Receive) -> None:
    """Read the request body to its end (or until the client goes away), keeping nothing."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


class BodyLimitMiddleware:
    """Refuse bodies over `max_bytes` with 413 before anything parses them.

    A declared Content-Length over the limit is refused without parsing (a body of up to DRAIN_FACTOR times the limit
    is read and dropped first, so that the client, done sending, reads the refusal); a body without one (chunked) is
    read here up to the limit, then handed on whole.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                await error_response(400, "invalid Content-Length header", "invalid_content_length")(scope, receive, send)
                return
            if too_big:
                if int(declared) <= DRAIN_FACTOR * self.max_bytes:
                    await _drain(receive)
                await self._refuse(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, f"request body over the {self.max_bytes}-byte limit", "request_too_large",
                                  headers={"Connection": "close"})
        await response(scope, receive, send)


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware and exception handlers to `app`."""
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    # added last = outermost: the size check runs before CORS, routing and parsing
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)

    @app.exception_handler(APIError)
    async def _api_error(request: Request, exc: APIError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(exc.status, exc.message, exc.code, exc.param, headers)

    @app.exception_handler(QAError)
    async def _qa_error(request: Request, exc: QAError) -> JSONResponse:
        status, code = qa_error_status(exc)
        if status >= 500:
            log.error("request failed: %s", exc)
        return error_response(status, qa_error_message(exc), code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{where}: {first.get('msg', 'invalid request')}" if where else first.get("msg", "invalid request")
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more problems)"
        return error_response(422, message, "invalid_request", where or None)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code)
        return error_response(exc.status_code, str(exc.detail), code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal error; see the server log", "internal_error")
