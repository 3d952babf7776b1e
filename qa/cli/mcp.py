"""`qa mcp`: an MCP server on stdio with the tools `search` and `ask`."""

from __future__ import annotations

from typing import Optional

import typer

from qa.cli import options


def register(app: typer.Typer) -> None:
    @app.command()
    def mcp(
        index: Optional[str] = options.index_option(),
        mode: Optional[str] = options.mode_option(),
    ) -> None:
        """Serve the index to MCP hosts (Claude Desktop, IDE agents) over stdio: tools `search` and `ask`.

        Example host configuration: {"command": "qa", "args": ["mcp", "--index", "news"]}.
        stdout carries only the protocol; messages go to stderr.
        """
        import logging

        from qa.cli.render import fail, settings_from_cli
        from qa.errors import QAError
        from qa.integrations.mcp_server import build_server, run_stdio
        from qa.service import QAService

        logging.basicConfig(level=logging.WARNING, format="qa mcp: %(message)s")  # stderr
        settings = settings_from_cli(mode=mode)
        try:
            service = QAService(settings, index)
            service.info()  # load now: a missing index fails here, with its hint, not on the first call
        except QAError as exc:
            fail(exc)
        run_stdio(build_server(service))
