"""An MCP server (official `mcp` SDK 2.x) exposing qa as two tools, `search` and `ask`.

Results are structured content (with an output schema: the `qa search --json` and `qa ask --json`
objects) and the same object as JSON text, for hosts that read only text. A domain error comes back
as a tool error (`is_error`) whose text says what to do, so the calling model can correct itself.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

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
            service.reload_if_changed()
            return AnswerOut.model_validate(answer_json(service.ask(question, mode=mode)))
        except QAError as exc:
            raise ToolError(_message(exc)) from exc

    return server


def _message(exc: QAError) -> str:
    return f"{exc.message} (hint: {exc.hint})" if exc.hint else exc.message
