"""`qa serve`: the OpenAI-compatible HTTP API and the web chat page, on uvicorn."""

from __future__ import annotations

import errno
import socket
from typing import Optional

import typer

from qa.cli import options

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


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port), bound before anything slow loads; InputError when it is taken."""
    from qa.errors import InputError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise InputError(f"cannot serve on host {host!r}: {exc.strerror}",
                         hint="use --host 127.0.0.1 (or an address of this machine)") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a restart reuses the port
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise InputError(f"port {port} is in use", hint=f"stop what is serving on it, or pick another port "
                             f"with --port {port + 1}") from None
        if exc.errno == errno.EACCES:
            raise InputError(f"no permission to serve on port {port}",
                             hint="ports under 1024 need root: pick one above with --port") from None
        raise InputError(f"cannot serve on {host}:{port}: {exc.strerror}",
                         hint="check --host and --port") from None
    sock.set_inheritable(True)
    return sock


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        index: Optional[str] = options.index_option(),
        host: Optional[str] = typer.Option(None, "--host", metavar="ADDRESS", show_default=False,
                                           help="Address to bind." + options.setting_default("host")),
        port: Optional[int] = typer.Option(None, "--port", "-p", min=0, max=65535, metavar="PORT",
                                           show_default=False, help="Port." + options.setting_default("port")),
        mode: Optional[str] = options.mode_option(),
        workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, metavar="N", show_default=False,
                                              help="Worker processes, each loading the index (milvus-lite: 1)."
                                                   + options.setting_default("workers")),
        log_level: str = typer.Option("info", "--log-level", metavar="LEVEL", help="uvicorn log level."),
    ) -> None:
        """Serve the API (POST /v1/chat/completions, /v1/ask, /v1/search) and a chat page at /.

        Set QA_API_KEY to require 'Authorization: Bearer <key>'. A new `qa ingest` into the served
        index is picked up without a restart (by every worker).
        """
        _one_math_thread_per_request()
        import uvicorn

        from qa.api.app import create_app
        from qa.api.workers import check_workers, serve_workers
        from qa.cli.render import fail, settings_from_cli
        from qa.errors import QAError
        from qa.service import QAService

        settings = settings_from_cli(host=host, port=port, mode=mode, workers=workers)
        if not settings.llm_threads:  # concurrent requests: one llama.cpp thread (see Settings.llm_threads)
            settings = settings.replace(llm_threads=1)
        try:
            sock = bind(settings.host, settings.port)  # a busy port is the first thing to say
            service = QAService(settings, index)  # resolves the index path; loads nothing yet
            check_workers(settings, service.index_path)
        except QAError as exc:
            fail(exc)
        if settings.host not in LOOPBACK and not settings.api_key:
            typer.echo(f"warning: serving on {settings.host} without an API key; anyone who can reach this "
                       "address can query the index (set QA_API_KEY)", err=True)
        port = sock.getsockname()[1]
        workers_note = f", {settings.workers} workers" if settings.workers > 1 else ""
        typer.echo(f"qa: serving {service.index_path} on http://{settings.host}:{port} "
                   f"(chat page at /, API docs at /docs{workers_note})", err=True)
        if settings.workers > 1:  # each worker process builds its own service and app
            serve_workers(settings, service.index_path, sock, log_level)
            return
        config = uvicorn.Config(create_app(settings, service), log_level=log_level, timeout_graceful_shutdown=5)
        uvicorn.Server(config).run(sockets=[sock])
