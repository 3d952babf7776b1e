"""An MCP server (official `mcp` SDK 2.x) exposing qa as two tools, `search` and `ask`.

Results are structured content (with an output schema: the `qa search --json` and `qa ask --json`
objects) and the same object as JSON text, for hosts that read only text. A domain error comes back
as a tool error (`is_error`) whose text says what to do, so the calling model can correct itself.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated, Any, AsyncIterator, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from qa.api.schemas import AnswerOut, SearchOut, answer_json, search_json
from qa.errors import QAError

INSTRUCTIONS = (
    "qa answers questions from a collection of news articles, citing exact passages. Use `ask` for a "
    "short answer whose [n] markers point to `citations` (article title, source, quote); say that the "
    "articles do not answer when `abstained` is true. Use `search` to read the ranked passages yourself."
)


def build_server(service: Any, name: str = "qa") -> MCPServer:
    """An MCPServer whose tools call `service` (a QAService or anything with its search/ask methods)."""
    server = MCPServer(name, instructions=INSTRUCTIONS, version="0.1.0")

    @server.tool(title="Search the articles")
    def search(
        query: Annotated[str, Field(description="What to look for.")],
        k: Annotated[int, Field(ge=1, le=50, description="How many passages to return.")] = 8,
    ) -> SearchOut:
        """Ranked passages from the indexed news articles for `query` (hybrid keyword + semantic search)."""
        try:
            _check_wire_text(query, "the query")
            service.reload_if_changed()
            return SearchOut.model_validate(search_json(service.search(query, k=k)))
        except QAError as exc:
            raise ToolError(_message(exc)) from exc

    @server.tool(title="Answer from the articles")
    def ask(
        question: Annotated[str, Field(description="The question, standalone (name the people and places).")],
        mode: Annotated[Literal["extractive", "llm"] | None, Field(
            description="'extractive' quotes the articles (the server's default); 'llm' lets a local model "
                        "write the answer.")] = None,
    ) -> AnswerOut:
        """A short answer to `question` from the indexed news articles; every claim cites a passage."""
        try:
            _check_wire_text(question, "the question")
            service.reload_if_changed()
            return AnswerOut.model_validate(answer_json(service.ask(question, mode=mode)))
        except QAError as exc:
            raise ToolError(_message(exc)) from exc

    return server


def _message(exc: QAError) -> str:
    return f"{exc.message} (hint: {exc.hint})" if exc.hint else exc.message


# --- stdio, robust to text that is not UTF-8
#
# The SDK reads stdin as UTF-8 with errors="replace" (bytes that are not UTF-8 become U+FFFD) and
# parses each line with pydantic-core, which rejects a JSON "\ud800" escape (a lone surrogate):
# the request was dropped and never answered. Lines holding such an escape are re-encoded with the
# surrogate replaced by U+FFFD, and a tool refuses text holding U+FFFD, so the caller gets a tool
# error that says what is wrong.

INVALID_TEXT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]", re.IGNORECASE)


def _check_wire_text(text: str, what: str) -> None:
    if INVALID_TEXT in text:
        raise ToolError(f"{what} is not valid text: it holds bytes that are not UTF-8 or a lone surrogate "
                        "escape (hint: send UTF-8 text)")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(INVALID_TEXT, value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


def clean_json_line(line: str) -> str:
    """A JSON-RPC line with every lone surrogate (from a `\\udXXX` escape) replaced by U+FFFD.

    Lines without a surrogate escape, and lines that are not JSON, are returned unchanged (the SDK
    answers those itself). A correct surrogate pair decodes to one character and stays as it is.
    """
    if not _SURROGATE_ESCAPE.search(line):
        return line
    try:
        message = json.loads(line)
    except ValueError:
        return line
    cleaned = _without_surrogates(message)
    return line if cleaned == message else json.dumps(cleaned, ensure_ascii=False) + "\n"


def invalid_message_reply(line: str) -> dict[str, Any] | None:
    """The JSON-RPC error answering `line` when it is not a JSON-RPC message, else None.

    The SDK's stdio transport drops such a line without a word, so the client would wait for ever.
    A line that is not JSON gets -32700 (parse error); JSON that is no valid JSON-RPC request,
    notification or response gets -32600 (invalid request), with the line's id when it has one.
    """
    import mcp_types
    from pydantic import ValidationError

    try:
        mcp_types.jsonrpc_message_adapter.validate_json(line, by_name=False)
        return None
    except ValidationError:
        pass
    try:
        message = json.loads(line)
    except ValueError:
        return {"jsonrpc": "2.0", "id": None,
                "error": {"code": mcp_types.PARSE_ERROR, "message": "Parse error: the line is not JSON"}}
    request_id = message.get("id") if isinstance(message, dict) else None
    if isinstance(request_id, bool) or not isinstance(request_id, (int, str)):
        request_id = None
    return {"jsonrpc": "2.0", "id": request_id,
            "error": {"code": mcp_types.INVALID_REQUEST,
                      "message": "Invalid Request: not a JSON-RPC 2.0 request, notification or response"}}


class _CleanLines:
    """An async line iterator over `inner`: each line through `clean_json_line`; a line that is not a
    JSON-RPC message is held back and its error reply sent to `replies` instead (blank lines skipped)."""

    def __init__(self, inner: Any, replies: Any) -> None:
        self._inner = inner
        self._replies = replies

    def __aiter__(self) -> AsyncIterator[str]:
        return self._lines()

    async def _lines(self) -> AsyncIterator[str]:
        async with self._replies:
            async for line in self._inner:
                if not line.strip():
                    continue
                line = clean_json_line(line)
                reply = invalid_message_reply(line)
                if reply is not None:
                    await self._replies.send(reply)
                    continue
                yield line


def run_stdio(server: MCPServer) -> None:
    """Serve `server` on stdin/stdout (what `server.run("stdio")` does, with cleaned input lines and an
    error reply to every line that is not a JSON-RPC message)."""
    import io
    import math

    import anyio
    import mcp_types
    from mcp.server.stdio import stdio_server
    from mcp.shared.message import SessionMessage

    async def main() -> None:
        raw = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        replies_in, replies_out = anyio.create_memory_object_stream[dict[str, Any]](math.inf)
        lines = _CleanLines(anyio.wrap_file(raw), replies_in)
        async with stdio_server(stdin=lines) as (read_stream, write_stream):  # type: ignore[arg-type]

            async def answer_invalid_lines() -> None:
                async with replies_out:
                    async for reply in replies_out:
                        error = mcp_types.JSONRPCError.model_validate(reply)
                        await write_stream.send(SessionMessage(error))

            async with anyio.create_task_group() as tasks:
                tasks.start_soon(answer_invalid_lines)
                lowlevel = server._lowlevel_server  # what MCPServer.run_stdio_async runs; no public hook for stdin
                await lowlevel.run(read_stream, write_stream, lowlevel.create_initialization_options())

    anyio.run(main)
