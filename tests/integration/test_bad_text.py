"""Lone surrogates and bytes that are not UTF-8, through every front end: exit 2, HTTP 400, an MCP tool error."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from mcp_stdio import McpStdio

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def cli_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "QA_INDEXES_DIR": str(tmp_path / "indexes"),
            "QA_CACHE_DIR": str(tmp_path / "cache"),
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_cli_ask_with_a_byte_that_is_not_utf8_exits_2(kursk_index_master, tmp_path):
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"qa.cli.main", b"ask", b"troops\xff?", b"--index",
         str(kursk_index_master).encode()],
        capture_output=True, timeout=120, cwd=ROOT, env=cli_env(tmp_path), stdin=subprocess.DEVNULL,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, stderr
    assert stderr.startswith("error: the question is not valid text") and "Traceback" not in stderr


def http_exchange(sock: socket.socket, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
    """One HTTP/1.1 request on an open keep-alive connection; (status, body)."""
    sock.sendall(f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(rest) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        rest += chunk
    return int(head.split(b" ")[1]), rest[:length]


def test_api_answers_400_and_keeps_the_connection(kursk_service):
    from test_api import serve

    from qa.api.app import create_app

    bad = [
        ("/v1/ask", b'{"question": "troops \\ud800?"}'),
        ("/v1/ask", b'{"question": "troops?", "history": [["how many \\udc80", "many"]]}'),
        ("/v1/ask", b'{"question": "troops?", "filters": {"sources": ["Reuters \\ud800"]}}'),
        ("/v1/search", b'{"query": "troops \\ud800"}'),
        ("/v1/chat/completions", b'{"model": "qa-extractive", "messages": [{"role": "user", "content": "x \\ud800"}]}'),
        ("/v1/chat/completions",
         b'{"model": "qa-extractive", "stream": true, "messages": [{"role": "user", "content": "x \\udfff"}]}'),
    ]
    with serve(create_app(kursk_service.settings, kursk_service)) as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=60) as sock:
            for path, body in bad:
                status, reply = http_exchange(sock, "POST", path, body)
                assert status == 400, (path, reply)
                assert "not valid text" in json.loads(reply)["error"]["message"]
            status, reply = http_exchange(sock, "GET", "/healthz")  # the same connection still serves
            assert status == 200 and json.loads(reply) == {"status": "ok"}


def test_mcp_tools_answer_a_tool_error(kursk_index_master, tmp_path):
    server = McpStdio(kursk_index_master, cli_env(tmp_path))
    proc, send, receive = server.proc, server.send, server.receive
    try:
        server.initialize()
        calls = [b'{"name": "search", "arguments": {"query": "troops \\ud800"}}',
                 b'{"name": "ask", "arguments": {"question": "troops \\udc80?"}}',
                 b'{"name": "search", "arguments": {"query": "troops \xff\xfe"}}']  # raw bytes, not UTF-8
        for i, call in enumerate(calls, 2):
            send(b'{"jsonrpc": "2.0", "id": %d, "method": "tools/call", "params": %s}' % (i, call))
            reply = receive()
            assert reply["id"] == i and reply["result"]["isError"] is True, reply
            assert "not valid text" in reply["result"]["content"][0]["text"]
        send(b'{"jsonrpc": "2.0", "id": 9, "method": "tools/call", "params": '
             b'{"name": "search", "arguments": {"query": "Pentagon estimate", "k": 1}}}')
        good = receive()
        assert good["id"] == 9 and not good["result"].get("isError")
    finally:
        proc.kill()
        proc.wait(timeout=30)
