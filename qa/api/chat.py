"""OpenAI chat-completions compatibility: messages in, cited answers out (whole or as SSE chunks).

The pure half (messages -> question and history, answer -> reply text, chunk objects) is separate
from the one stateful piece, `AnswerStream`, which runs the blocking `service.ask` on a worker
thread and hands its tokens and result to the event loop.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from typing import Any, AsyncIterator, Callable, Sequence

from qa.api.schemas import ChatMessage, answer_json
from qa.answer.instructions import StreamFilter
from qa.api.security import APIError, error_body, qa_error_message, qa_error_status
from qa.errors import QAError
from qa.input_text import check_text
from qa.types import Answer

SOURCES_HEADING = "\n\nSources:\n"
CHECKED_HEADING = "\n\n---\nChecked answer: "
_WORD = re.compile(r"\s*\S+")


def split_messages(messages: Sequence[ChatMessage], max_messages: int) -> tuple[str, list[tuple[str, str]]]:
    """The question (the last message, which must be the user's) and the earlier (user, assistant) turns.

    System, developer and tool messages carry no question and are skipped; a user message with no
    assistant reply after it (a retry) is dropped from the history. Our own earlier replies lose
    their Sources list, so the follow-up rewriter sees only the answer.
    """
    if len(messages) > max_messages:
        raise APIError(400, f"{len(messages)} messages, over the limit of {max_messages}; "
                       "start a new conversation or drop old turns", "too_many_messages", "messages")
    if messages[-1].role != "user":
        raise APIError(400, "the last message must be the user's question", "invalid_messages", "messages")
    question = messages[-1].text()
    history: list[tuple[str, str]] = []
    pending: str | None = None
    for i, message in enumerate(messages[:-1]):
        if message.role == "user":
            pending = check_text(message.text(), f"message {i + 1}")
        elif message.role == "assistant" and pending is not None:
            history.append((pending, strip_sources(check_text(message.text(), f"message {i + 1}"))))
            pending = None
    return question, history


def strip_sources(reply: str) -> str:
    """A reply without its Sources list (and without the draft, when a checked answer follows it)."""
    text = reply.split(SOURCES_HEADING, 1)[0]
    if CHECKED_HEADING in text:
        text = text.split(CHECKED_HEADING, 1)[1]
    return text.strip()


def sources_text(answer: dict[str, Any]) -> str:
    """`\\n\\nSources:\\n[1] Title (Source)` lines for the cited passages, one per marker; '' when none."""
    lines, seen = [], set()
    for c in answer["citations"]:
        if c["n"] in seen:
            continue
        seen.add(c["n"])
        where = ", ".join(x for x in (c.get("source"), (c.get("published_at") or "")[:10]) if x)
        lines.append(f"[{c['n']}] {c['title']}" + (f" ({where})" if where else ""))
    return SOURCES_HEADING + "\n".join(lines) if lines else ""


def reply_text(answer: dict[str, Any]) -> str:
    """The chat reply: the answer with its [n] markers, then the Sources list."""
    return answer["answer"] + sources_text(answer)


def word_chunks(text: str) -> list[str]:
    """Pieces of `text` that concatenate back to it exactly, one word (with its leading space) each."""
    pieces = _WORD.findall(text)
    tail = text[sum(map(len, pieces)):]
    if tail:
        pieces.append(tail)
    return pieces


def completion_id() -> str:
    return "chatcmpl-" + uuid.uuid4().hex[:24]


def completion(cid: str, model: str, answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": cid, "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply_text(answer)},
                     "finish_reason": "stop"}],
        "qa": answer,
    }


def chunk(cid: str, model: str, delta: dict[str, Any], finish: str | None = None,
          qa: dict[str, Any] | None = None) -> str:
    """One SSE event holding a `chat.completion.chunk`."""
    body: dict[str, Any] = {
        "id": cid, "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if qa is not None:
        body["qa"] = qa
    return sse(body)


def sse(obj: Any) -> str:
    return "data: " + (obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)) + "\n\n"


def error_event(exc: BaseException) -> str:
    """An error after the 200 headers went out: OpenAI clients raise on a `data: {"error": ...}` event."""
    if isinstance(exc, APIError):
        return sse(error_body(exc.status, exc.message, exc.code))
    if isinstance(exc, QAError):
        status, code = qa_error_status(exc)
        return sse(error_body(status, qa_error_message(exc), code))
    return sse(error_body(500, "internal error; see the server log", "internal_error"))


class AnswerStream:
    """Runs `ask(on_token)` on a worker thread; the event loop reads ("token", str) items, then one
    ("done", Answer) or ("error", exception). The thread is not killed on timeout or disconnect
    (Python threads cannot be), but its late results are dropped."""

    def __init__(self, ask: Callable[[Callable[[str], None] | None], Answer], stream_tokens: bool,
                 deadline: float) -> None:
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self._deadline = deadline
        self._ask = ask
        self._stream_tokens = stream_tokens
        self._loop.run_in_executor(None, self._work)

    def _put(self, item: tuple[str, Any]) -> None:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)
        except RuntimeError:  # the loop closed (server shutting down): nobody is listening any more
            pass

    def _work(self) -> None:
        shown = StreamFilter()  # an obeyed planted instruction in the draft is never streamed

        def on_token(token: str) -> None:
            text = shown.feed(token)
            if text:
                self._put(("token", text))

        try:
            answer = self._ask(on_token if self._stream_tokens else None)
            rest = shown.flush()
            if rest:
                self._put(("token", rest))
        except BaseException as exc:  # noqa: BLE001  (handed to the loop, which renders it)
            self._put(("error", exc))
        else:
            self._put(("done", answer))

    async def next(self) -> tuple[str, Any]:
        remaining = self._deadline - time.monotonic()
        try:
            return await asyncio.wait_for(self._queue.get(), timeout=max(remaining, 0.0))
        except (TimeoutError, asyncio.TimeoutError):
            return "error", APIError(504, "the answer took longer than the server's time limit", "timeout")


async def stream_events(cid: str, model: str, first: tuple[str, Any], events: AnswerStream) -> AsyncIterator[str]:
    """The SSE body: a role chunk, content chunks, a final chunk with `qa`, then `data: [DONE]`."""
    yield chunk(cid, model, {"role": "assistant", "content": ""})
    streamed: list[str] = []
    item = first
    while True:
        kind, value = item
        if kind == "token":
            if value:
                streamed.append(value)
                yield chunk(cid, model, {"content": value})
        elif kind == "done":
            answer = answer_json(value)
            for piece in word_chunks(_rest_of_reply("".join(streamed), answer)):
                yield chunk(cid, model, {"content": piece})
            yield chunk(cid, model, {}, finish="stop", qa=answer)
            break
        else:
            yield error_event(value)
            break
        item = await events.next()
    yield sse("[DONE]")


def _rest_of_reply(streamed: str, answer: dict[str, Any]) -> str:
    """What still has to be sent after the streamed tokens so the whole content is the reply.

    The LLM's draft is streamed as it is generated; the checked answer (invented citation markers
    removed, or an abstention) may differ from it, and then follows the draft under a heading.
    """
    if not streamed:
        return reply_text(answer)
    if answer["answer"].startswith(streamed):
        return answer["answer"][len(streamed):] + sources_text(answer)
    return CHECKED_HEADING + reply_text(answer)
