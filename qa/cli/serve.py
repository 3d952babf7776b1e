"""`qa serve`: the OpenAI-compatible HTTP API and the web chat page, on uvicorn."""

from __future__ import annotations

from typing import Optional

import typer

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MATH_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_math_thread_per_request() -> None:
    """Requests already run in parallel on worker threads; OpenBLAS/OpenMP threads inside each of them
    oversubscribe the cores (measured on 2 cores: 16 concurrent asks took 6.6 s with the default
    BLAS threads, 1.0 s with one). Set before numpy loads; an explicit value in the environment wins."""
    import os
    import sys

    for name in MATH_THREAD_VARS:
        os.environ.setdefault(name, "1")
    if "numpy" in sys.modules:  # too late for the variables: limit the loaded pools directly
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            return
        threadpool_limits(1)


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        index: Optional[str] = typer.Option(None, "--index", "-i", help="Index name or path."),
        host: Optional[str] = typer.Option(None, "--host", help="Address to bind (default 127.0.0.1; QA_HOST)."),
        port: Optional[int] = typer.Option(None, "--port", "-p", min=0, max=65535, help="Port (default 8000; QA_PORT)."),
        mode: Optional[str] = typer.Option(None, "--mode", "-m", help="Default answer mode: extractive or llm."),
        log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
    ) -> None:
        """Serve the API (POST /v1/chat/completions, /v1/ask, /v1/search) and a chat page at /.

        Set QA_API_KEY to require 'Authorization: Bearer <key>'. A new `qa ingest` into the served
        index is picked up without a restart.
        """
        _one_math_thread_per_request()
        import uvicorn

        from qa.api.app import create_app
        from qa.cli.render import fail, settings_from_cli
        from qa.errors import QAError
        from qa.service import QAService

        settings = settings_from_cli(host=host, port=port, mode=mode)
        if not settings.llm_threads:  # concurrent requests: one llama.cpp thread (see Settings.llm_threads)
            settings = settings.replace(llm_threads=1)
        try:
            service = QAService(settings, index)
        except QAError as exc:
            fail(exc)
        if settings.host not in LOOPBACK and not settings.api_key:
            typer.echo(f"warning: serving on {settings.host} without an API key; anyone who can reach this "
                       "address can query the index (set QA_API_KEY)", err=True)
        typer.echo(f"qa: serving {service.index_path} on http://{settings.host}:{settings.port} "
                   f"(chat page at /, API docs at /docs)", err=True)
        uvicorn.run(create_app(settings, service), host=settings.host, port=settings.port, log_level=log_level,
                    timeout_graceful_shutdown=5)
