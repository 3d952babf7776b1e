"""A real `qa mcp` server on stdio for tests: start it, send raw lines, read its replies."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INITIALIZE = (b'{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", '
              b'"capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}')


class McpStdio:
    """`qa mcp --index INDEX` in a subprocess; `send` writes one line, `receive` reads one reply (120 s)."""

    def __init__(self, index: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "qa.cli.main", "mcp", "--index", str(index)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     cwd=ROOT, env=env)

    def send(self, raw: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(raw + b"\n")
        self.proc.stdin.flush()

    def receive(self) -> dict:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], 120)
        assert ready, "no answer from the MCP server"
        return json.loads(self.proc.stdout.readline())

    def initialize(self) -> None:
        self.send(INITIALIZE)
        assert self.receive()["id"] == 1
        self.send(b'{"jsonrpc": "2.0", "method": "notifications/initialized"}')
