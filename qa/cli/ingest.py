"""`qa ingest`, `qa remove`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from qa.cli.options import index_option, json_option
from qa.cli.render import err_console, fail, interactive, print_json, settings_from_cli
from qa.errors import QAError


# Stage of the library's progress callback -> (label, unit counted).
_STAGES = {
    "load": ("loading and cleaning files", "files"),
    "chunk": ("chunking documents", "docs"),
    "entities": ("recognising entities", "documents"),
    "embed": ("embedding chunks", "chunks"),
    "write": ("writing index", ""),
    "store": ("storing vectors", "vectors"),
}


def _progress_bar(quiet: bool) -> tuple[Any, Any]:
    """A rich progress bar on a terminal; nothing when quiet or not a TTY.

    One line per stage, updated whenever the library reports (embedding: after every batch), with the
    measured rate (chunks/s while embedding) and the time left at that rate."""
    if quiet or not interactive():
        return None, None
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            unit = task.fields.get("unit")
            if not unit or not task.speed or task.finished:
                return Text("")
            return Text(f"{task.speed:,.1f} {unit}/s")

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                   TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                   console=err_console(), transient=True)
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            label, unit = _STAGES.get(stage, (stage, ""))
            tasks[stage] = bar.add_task(label, total=total, unit=unit)
        bar.update(tasks[stage], completed=done, total=total)

    return bar, update


def _render_summary(summary: Any, as_json: bool) -> None:
    if as_json:
        print_json(summary.to_json())
        return
    con = err_console()
    for warning in summary.warnings:
        con.print(f"[yellow]warning[/yellow] {warning}", highlight=False, markup=True)
    con.print(
        f"{summary.index_path}: {summary.documents_added} added, {summary.documents_updated} updated, "
        f"{summary.documents_unchanged} unchanged, {summary.documents_removed} removed; "
        f"{summary.chunks_embedded} chunks embedded; {summary.documents_total} documents / "
        f"{summary.chunks_total} chunks in generation {summary.generation or '-'} "
        f"({summary.seconds:.1f} s, {len(summary.warnings)} warnings)",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        paths: list[Path] = typer.Argument(..., metavar="PATH", show_default=False,
                                          help="Files or folders of articles (.txt .md .html .pdf .jsonl)."),
        index: Optional[str] = index_option(),
        include: Optional[list[str]] = typer.Option(None, "--include", metavar="GLOB", show_default=False,
                                                     help="Glob of files to take (repeatable)."),
        exclude: Optional[list[str]] = typer.Option(None, "--exclude", metavar="GLOB", show_default=False,
                                                     help="Glob of files to skip (repeatable)."),
        prune: bool = typer.Option(False, "--prune", help="Remove indexed documents not found under PATHS."),
        allow_empty: bool = typer.Option(False, "--allow-empty",
                                         help="Let --prune remove every document (refused otherwise)."),
        rebuild: bool = typer.Option(False, "--rebuild", help="Ignore the existing index and build afresh."),
        as_json: bool = json_option("Print a JSON summary on stdout."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    ) -> None:
        """Add, update (and with --prune remove) articles in an index. Unchanged files embed nothing."""
        from qa.index.registry import resolve_index
        from qa.ingest.pipeline import ingest as run_ingest

        settings = settings_from_cli(
            include=tuple(include) if include else None, exclude=tuple(exclude) if exclude else None
        )
        bar, update = _progress_bar(quiet or as_json)
        try:
            root = resolve_index(settings, index)
            if bar is not None:
                with bar:
                    summary = run_ingest(paths, root, settings, prune=prune, rebuild=rebuild,
                                         allow_empty=allow_empty, progress=update)
            else:
                summary = run_ingest(paths, root, settings, prune=prune, rebuild=rebuild, allow_empty=allow_empty)
        except QAError as exc:
            fail(exc)
        _render_summary(summary, as_json)

    @app.command()
    def remove(
        targets: list[str] = typer.Argument(..., metavar="DOC_ID|PATH", show_default=False,
                                            help="Document ids, or paths whose documents to remove."),
        index: Optional[str] = index_option(),
        as_json: bool = json_option("Print a JSON summary on stdout."),
    ) -> None:
        """Remove documents from an index (a new generation without them)."""
        from qa.index.registry import resolve_index
        from qa.ingest.pipeline import remove_documents

        settings = settings_from_cli()
        try:
            summary = remove_documents(resolve_index(settings, index), settings, targets)
        except QAError as exc:
            fail(exc)
        if summary.documents_removed == 0 and not as_json:
            err_console().print("nothing matched: no document removed", highlight=False)
        _render_summary(summary, as_json)
