"""`qa indexes` and `qa index show`."""

from __future__ import annotations

from typing import Any, Optional

import typer

from qa.cli.render import console, fail, print_json, settings_from_cli
from qa.errors import IndexCorruptError, IndexMismatchError, QAError


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _value(value: Any) -> str:
    """A manifest value on one line: mappings as `key value, ...`, lists comma-separated."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    return "" if value is None else str(value)


def _store(manifest: dict[str, Any], milvus_lexical: str = "server") -> str:
    from qa.retrieval.lexical import describe_lexical

    store = manifest.get("vector_store") or {"backend": "faiss"}
    text = str(store.get("backend", "faiss"))
    if text == "milvus":
        text += (f" (collection {store.get('collection')}, alias {store.get('alias')}, "
                 f"{store.get('uri') or 'milvus-lite ' + str(store.get('lite_file'))})")
    elif manifest.get("index_type"):
        text += f" {manifest['index_type']}"
    return text + f"; lexical: {describe_lexical(store, milvus_lexical)}"


def show_text(root: str, generation: str, manifest: dict[str, Any], problems: list[str],
              milvus_lexical: str = "server") -> str:
    """`qa index show` for people: aligned `key: value` lines (the --json output is the manifest itself)."""
    embedder = manifest.get("embedder") or {}
    counts = manifest.get("counts") or {}
    files = manifest.get("files") or {}
    rows = [
        ("path", root),
        ("generation", generation),
        ("created", manifest.get("created_at")),
        ("updated", manifest.get("updated_at")),
        ("embedder", f"{embedder.get('name')} ({embedder.get('dimension')} dimensions)" if embedder else None),
        ("vectors", _store(manifest, milvus_lexical)),
        ("documents", counts.get("documents")),
        ("chunks", counts.get("chunks")),
        ("sentences", counts.get("sentences")),
        ("entities", counts.get("entities")),
        ("chunking", _value(manifest.get("chunking"))),
        ("format", manifest.get("format_version")),
        ("size", f"{_size(sum(int(f.get('bytes', 0)) for f in files.values()))} in {len(files)} files"
         if isinstance(files, dict) else None),
        ("checks", "ok" if not problems else "; ".join(problems)),
    ]
    shown = [(k, _value(v)) for k, v in rows if v not in (None, "")]
    width = max(len(k) for k, _ in shown) + 1
    return "\n".join(f"{k + ':':<{width}} {v}" for k, v in shown)


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
        name_or_path: Optional[str] = typer.Argument(None, metavar="NAME|PATH",
                                                     help="Index name or path (default: the default index)."),
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
                problems = integrity.verify_generation(root, gen_dir, manifest, settings.milvus_token)
            else:  # the checks every open makes: sizes and fast digests of every file
                problems = generations.verify_checksums(gen_dir, manifest)
        except QAError as exc:
            fail(exc)
        from qa.retrieval.lexical import describe_lexical

        lexical = describe_lexical(manifest.get("vector_store") or {}, settings.milvus_lexical)
        info = {"path": str(root), "generation": name, "problems": problems, **manifest, "lexical": lexical}
        if as_json:
            print_json(info)
        else:
            console().print(show_text(str(root), name, manifest, problems, settings.milvus_lexical),
                            highlight=False, markup=False)
        if problems:
            fail(integrity.damaged(root, name, problems))
