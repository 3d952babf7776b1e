"""Named indexes: a name lives under `settings.indexes_dir`; anything with a '/' is a path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qa.errors import InputError
from qa.index import generations
from qa.settings import Settings


def resolve_index(settings: Settings, name_or_path: str | Path | None = None) -> Path:
    value = str(name_or_path) if name_or_path is not None else settings.index
    if not value.strip():
        raise InputError("empty index name", hint="pass --index NAME or --index PATH")
    if "/" in value or value in (".", ".."):
        return Path(value).expanduser().resolve()
    if value.startswith(".") or "\\" in value:
        raise InputError(f"invalid index name {value!r}", hint="use letters, digits, '-' and '_', or a path with '/'")
    return (settings.indexes_dir / value).resolve()


def list_indexes(settings: Settings) -> list[dict[str, Any]]:
    """Every index under indexes_dir with its counts, from the manifests (nothing heavy is loaded)."""
    rows = []
    if not settings.indexes_dir.exists():
        return rows
    for root in sorted(p for p in settings.indexes_dir.iterdir() if p.is_dir()):
        name = generations.current_generation(root)
        if name is None:
            continue
        manifest = generations.read_manifest(generations.generation_path(root, name))
        rows.append(
            {
                "name": root.name,
                "path": str(root),
                "generation": name,
                "documents": manifest["counts"]["documents"],
                "chunks": manifest["counts"]["chunks"],
                "model": manifest["embedder"]["name"],
                "size_bytes": sum(f["bytes"] for f in manifest.get("files", {}).values()),
                "updated_at": manifest.get("created_at"),
            }
        )
    return rows
