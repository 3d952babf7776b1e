"""`qa mcp` over stdio, driven by the official SDK's own client (`stdio_client` + `ClientSession`)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import anyio
import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "How many North Korean troops were reported in Kursk?"


def test_mcp_stdio_search_and_ask(kursk_index_master, tmp_path):
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "qa.cli.main", "mcp", "--index", str(kursk_index_master)],
        env={"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
             "QA_INDEXES_DIR": str(tmp_path / "indexes"), "QA_CACHE_DIR": str(tmp_path / "cache"),
             "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")},
        cwd=str(ROOT),
    )

    async def session_run():
        with anyio.fail_after(180), open(tmp_path / "mcp-stderr.log", "w") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write):
                async with ClientSession(read, write) as session:
                    init = await session.initialize()
                    tools = await session.list_tools()
                    found = await session.call_tool("search", {"query": "Pentagon estimate of troops", "k": 3})
                    answer = await session.call_tool("ask", {"question": QUESTION})
                    empty = await session.call_tool("ask", {"question": "   "})
                    return init, tools, found, answer, empty

    init, tools, found, answer, empty = anyio.run(session_run)

    assert init.server_info.name == "qa"
    by_name = {t.name: t for t in tools.tools}
    assert set(by_name) == {"search", "ask"}
    assert by_name["ask"].output_schema["properties"]["citations"]
    assert not found.is_error
    passages = found.structured_content["passages"]
    assert len(passages) == 3 and all(p["text"] for p in passages)
    assert json.loads(found.content[0].text) == found.structured_content  # the same object as JSON text
    assert not answer.is_error
    result = answer.structured_content
    assert result["abstained"] is False and result["citations"]
    for c in result["citations"]:
        assert f"[{c['n']}]" in result["answer"] and c["quote"]
    assert empty.is_error and "empty" in empty.content[0].text


def test_mcp_missing_index_fails_with_a_hint(tmp_path):
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-m", "qa.cli.main", "mcp", "--index", str(tmp_path / "nothing-here")],
        capture_output=True, text=True, timeout=120, cwd=ROOT, stdin=subprocess.DEVNULL,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "QA_INDEXES_DIR": str(tmp_path / "indexes")},
    )
    assert proc.returncode == 3, proc.stderr
    assert "qa ingest" in proc.stderr
    assert proc.stdout == ""  # stdout is reserved for the protocol
