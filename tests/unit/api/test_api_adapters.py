"""The MCP server (in-memory client) and the LangChain adapter over the fake service."""

from __future__ import annotations

import anyio
from langchain_core.runnables import RunnableLambda

from qa.integrations.langchain import QARetriever, qa_runnable
from qa.integrations.mcp_server import build_server


def test_mcp_tools_return_structured_and_text_results(fake_cls):
    from mcp.client.client import Client

    async def main():
        async with Client(build_server(fake_cls())) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            found = await client.call_tool("search", {"query": "troops", "k": 1})
            answer = await client.call_tool("ask", {"question": "How many troops?"})
            empty = await client.call_tool("ask", {"question": "  "})
            return names, found, answer, empty

    names, found, answer, empty = anyio.run(main)
    assert names == {"search", "ask"}
    assert found.structured_content["passages"][0]["title"].startswith("North Korean troops")
    assert '"chunk_id": "g000001:c0"' in found.content[0].text
    assert answer.structured_content["citations"][0]["n"] == 1
    assert answer.is_error is False
    assert empty.is_error is True and "question is empty" in empty.content[0].text


def test_langchain_retriever_and_runnable(fake_cls):
    service = fake_cls()
    docs = QARetriever(service=service, k=1).invoke("troops")
    assert docs[0].page_content.startswith("Estimates suggest")
    assert {"chunk_id", "doc_id", "title", "source", "published_at", "start", "end", "score", "scores"} <= set(
        docs[0].metadata)
    chain = qa_runnable(service) | RunnableLambda(lambda a: (a.answer, [c.title for c in a.citations]))
    text, titles = chain.invoke("How many troops?")
    assert "[1]" in text and titles == ["North Korean troops come under fire in Kursk"]
    qa_runnable(service).invoke({"question": "and then?", "history": [("q", "a")]})
    assert service.calls[-1]["history"] == [("q", "a")]
