"""`qa mcp` over a real stdio pipe answers every line: one that is not a JSON-RPC message gets a JSON-RPC error.

The SDK's stdio transport drops such a line without a reply, so a client waited for ever.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from qa.integrations.mcp_server import invalid_message_reply

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_a_line_that_is_not_json_rpc_gets_a_parse_or_invalid_request_error(kursk_index_master, tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "QA_INDEXES_DIR": str(tmp_path / "indexes"), "QA_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli.main", "mcp", "--index", str(kursk_index_master)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            cwd=ROOT, env=env)

    def send(raw: bytes) -> None:
        proc.stdin.write(raw + b"\n")
        proc.stdin.flush()

    def receive() -> dict:
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        assert ready, "no answer from the MCP server"
        return json.loads(proc.stdout.readline())

    try:
        send(b'{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", '
             b'"capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}')
        assert receive()["id"] == 1
        send(b'{"jsonrpc": "2.0", "method": "notifications/initialized"}')
        send(b'{"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "se')  # cut short
        assert receive() == {"jsonrpc": "2.0", "id": None,
                             "error": {"code": -32700, "message": "Parse error: the line is not JSON"}}
        send(b"\xff\xfe not json at all")
        assert receive()["error"]["code"] == -32700
        send(b'{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": "x"}')  # JSON, not a valid envelope
        invalid = receive()
        assert invalid["id"] == 3 and invalid["error"]["code"] == -32600, invalid
        send(b'[1, 2]')
        assert receive()["error"] == {"code": -32600, "message": invalid["error"]["message"]}
        send(b"")  # a blank line is no message: nothing to answer, the next call is answered in turn
        send(b'{"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": '
             b'{"name": "search", "arguments": {"query": "Pentagon estimate", "k": 1}}}')
        good = receive()
        assert good["id"] == 4 and not good["result"].get("isError") and good["result"]["structuredContent"]
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0  # end of input ends the server cleanly


def test_valid_messages_are_passed_on():
    assert invalid_message_reply('{"jsonrpc": "2.0", "id": 7, "method": "tools/list"}') is None
    assert invalid_message_reply('{"jsonrpc": "2.0", "method": "notifications/initialized"}') is None
    assert invalid_message_reply('{"jsonrpc": "2.0", "id": true, "method": "x", "params": 1}')["id"] is None
