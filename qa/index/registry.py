"""Named indexes: a name lives under `settings.indexes_dir`; anything with a '/' is a path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qa.errors import IndexCorruptError, IndexMismatchError, InputError
from qa.index import generations, integrity
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
    """Every index under indexes_dir with its counts, from the manifests (nothing heavy is loaded).

    An index that is damaged or of another format is a row with `error`, `hint` and `exit_code`."""
    rows = []
    if not settings.indexes_dir.exists():
        return rows
    for root in sorted(p for p in settings.indexes_dir.iterdir() if p.is_dir()):
        try:
            name = generations.current_generation(root)
            if name is None:
                continue
            gen_dir = generations.generation_path(root, name)
            manifest = generations.read_manifest(gen_dir)
            problems = generations.verify_checksums(gen_dir, manifest)
            if problems:
                raise integrity.damaged(root, name, problems)
        except (IndexCorruptError, IndexMismatchError) as exc:
            # One unusable index is listed as such; it does not hide the others.
            rows.append({"name": root.name, "path": str(root), "error": exc.message, "hint": exc.hint,
                         "exit_code": exc.exit_code})
            continue
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
