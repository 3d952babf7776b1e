"""`qa mcp` over a real stdio pipe answers every line: one that is not a JSON-RPC message gets a JSON-RPC error.

The SDK's stdio transport drops such a line without a reply, so a client waited for ever.
"""

from __future__ import annotations

import os

import pytest

from mcp_stdio import McpStdio
from qa.integrations.mcp_server import invalid_message_reply

pytestmark = pytest.mark.integration


def test_a_line_that_is_not_json_rpc_gets_a_parse_or_invalid_request_error(kursk_index_master, tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "QA_INDEXES_DIR": str(tmp_path / "indexes"), "QA_CACHE_DIR": str(tmp_path / "cache")}
    server = McpStdio(kursk_index_master, env)
    proc, send, receive = server.proc, server.send, server.receive
    try:
        server.initialize()
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
