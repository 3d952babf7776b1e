"""`qa indexes` and `qa index show`."""

from __future__ import annotations

from typing import Optional

import typer

from qa.cli.render import console, fail, print_json, settings_from_cli
from qa.errors import IndexCorruptError, IndexMismatchError, QAError


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def register(app: typer.Typer) -> None:
    @app.command("indexes")
    def list_cmd(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """List the named indexes: documents, chunks, model, size."""
        from qa.index.registry import list_indexes

        settings = settings_from_cli()
        try:
            rows = list_indexes(settings)
        except QAError as exc:
            fail(exc)
        broken = [r for r in rows if "error" in r]
        if as_json:
            print_json(rows)
        elif not rows:
            console().print(f"no indexes under {settings.indexes_dir}; create one with `qa ingest PATH`")
        else:
            from rich.table import Table

            table = Table("name", "documents", "chunks", "model", "size", "updated")
            for r in rows:
                if "error" in r:
                    table.add_row(r["name"], "-", "-", "unusable (see below)", "-", "")
                else:
                    table.add_row(r["name"], str(r["documents"]), str(r["chunks"]), r["model"], _size(r["size_bytes"]),
                                  r["updated_at"] or "")
            console().print(table)
        if broken:
            # Every unusable index named, then the exit code of the first (5 damaged, 4 other format).
            for r in broken[1:]:
                typer.echo(f"error: {r['error']}\nhint: {r['hint']}", err=True)
            first = broken[0]
            kind = IndexMismatchError if first["exit_code"] == IndexMismatchError.exit_code else IndexCorruptError
            fail(kind(first["error"], hint=first["hint"]))

    index_app = typer.Typer(help="Inspect one index.", no_args_is_help=True)
    app.add_typer(index_app, name="index")

    @index_app.command("show")
    def show(
        name_or_path: Optional[str] = typer.Argument(None, help="Index name or path (default: the default index)."),
        verify: bool = typer.Option(False, "--verify", help="Also check every file's sha256, the docstore and the counts."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Show an index's manifest: model, chunking, counts, files."""
        from qa.index import generations, integrity
        from qa.index.registry import resolve_index

        settings = settings_from_cli()
        try:
            root = resolve_index(settings, name_or_path)
            name, gen_dir = generations.require_current(root)
            manifest = generations.read_manifest(gen_dir)
            if verify:
                problems = integrity.verify_generation(root, gen_dir, manifest)
            else:  # the checks every open makes: sizes and fast digests of every file
                problems = generations.verify_checksums(gen_dir, manifest)
        except QAError as exc:
            fail(exc)
        info = {"path": str(root), "generation": name, "problems": problems, **manifest}
        if as_json:
            print_json(info)
        else:
            con = console()
            con.print(f"[bold]{root}[/bold] generation {name} ({manifest.get('created_at')})")
            con.print(f"model: {manifest['embedder']['name']} ({manifest['embedder']['dimension']} dims), "
                      f"index: {manifest.get('index_type')}")
            con.print(f"chunking: {manifest['chunking']}")
            con.print(f"counts: {manifest['counts']}")
            con.print(f"size: {_size(sum(f['bytes'] for f in manifest.get('files', {}).values()))}")
            con.print("checks: " + ("ok" if not problems else "; ".join(problems)))
        if problems:
            fail(integrity.damaged(root, name, problems))
