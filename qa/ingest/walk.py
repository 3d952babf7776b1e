"""Find the files to ingest: walk folders deterministically, filter with globs, never crash.

`walk` yields one `WalkItem` per file to load, or per problem met on the way (a missing
path, a symlink loop, an unreadable folder, an unsupported file type). Problems carry a
warning and no loader runs for them; the walk goes on.

Document ids are the file path relative to the folder given on the command line, in POSIX
form and without the extension (`sub/story` for `ROOT/sub/story.md`); a file given
explicitly gets its stem. Ids stay stable when the corpus moves to another machine.
When two files of one walk would get the same id (`story.md` and `story.txt`), the later
one in sorted order keeps its extension (`story.txt`) so no document silently replaces
another.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from qa.errors import InputError
from qa.ingest.loaders import SUPPORTED_EXTENSIONS
from qa.types import IngestWarning


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class WalkItem:
    """A file to load (`warning` is None) or a path that could not be taken, with the reason."""

    path: Path
    doc_id: str
    warning: IngestWarning | None = None


def require_paths(paths: Sequence[Path]) -> None:
    """Raise `InputError` (exit 2) naming the first path given that does not exist at all.

    Checked before an index is opened: a mistyped folder must not create an empty index, nor
    (with `--prune`) commit one without the documents that were there. A broken symbolic
    link does exist; the walk reports it as a warning.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise InputError(f"no such file or folder: {path}", hint="check the path; nothing was ingested")


def walk(paths: Sequence[Path], include: Sequence[str], exclude: Sequence[str]) -> Iterator[WalkItem]:
    """Yield the files under `paths` in a deterministic order.

    Folders are walked recursively in sorted order, following symbolic links but detecting
    loops. Inside folders a file is taken when its name or its path relative to the root
    matches one of `include` and none of `exclude` (fnmatch globs); folders matching
    `exclude` are not entered. A file named explicitly is always taken (globs do not apply)
    but still needs a supported extension.
    """
    seen_ids: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for item in _walk_root(path, include, exclude):
                yield _printable(_unique(item, seen_ids))
        elif path.is_file():
            yield _printable(_unique(_file_item(path, path.stem), seen_ids))
        else:
            yield _printable(WalkItem(path, path.stem, IngestWarning(str(path), _missing_reason(path))))


def _printable(item: WalkItem) -> WalkItem:
    """A warning's path with undecodable name bytes shown as U+FFFD, so every output can print it."""
    if item.warning is None or not _SURROGATE.search(item.warning.path):
        return item
    warning = IngestWarning(_SURROGATE.sub("\ufffd", item.warning.path), item.warning.reason)
    return WalkItem(item.path, item.doc_id, warning)


def _walk_root(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[WalkItem]:
    # Loops are told apart from folders reached twice by two links: only a link back to an
    # ancestor is a loop; a folder already walked through another link is skipped with a
    # warning so its files are not ingested twice under two ids.
    walked: dict[tuple[int, int], Path] = {}

    def visit(folder: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[WalkItem]:
        rel_folder = _relative(folder, root)
        try:
            st = folder.stat()
        except OSError as exc:
            yield WalkItem(folder, rel_folder, IngestWarning(str(folder), _os_reason(exc)))
            return
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            yield WalkItem(folder, rel_folder, IngestWarning(str(folder), "symbolic link loop (points to a parent folder), skipped"))
            return
        if key in walked:
            yield WalkItem(folder, rel_folder, IngestWarning(str(folder), f"same folder as {walked[key]}, skipped"))
            return
        walked[key] = folder
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield WalkItem(folder, rel_folder, IngestWarning(str(folder), f"cannot read folder: {_os_reason(exc)}"))
            return
        inner = ancestors | {key}
        for entry in entries:
            child = folder / entry.name
            rel = _relative(child, root, keep_suffix=True)
            try:
                is_dir = entry.is_dir()  # follows links
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                yield WalkItem(child, _strip_suffix(rel), IngestWarning(str(child), _os_reason(exc)))
                continue
            if is_dir:
                if not _matches(entry.name, rel, exclude):
                    yield from visit(child, inner)
            elif is_file:
                if _matches(entry.name, rel, include) and not _matches(entry.name, rel, exclude):
                    yield _file_item(child, _strip_suffix(rel))
            elif entry.is_symlink() and not _matches(entry.name, rel, exclude):
                yield WalkItem(child, _strip_suffix(rel), IngestWarning(str(child), _missing_reason(child)))
            # sockets, fifos and devices are not documents: ignored without a warning

    yield from visit(root, frozenset())


def _file_item(path: Path, doc_id: str) -> WalkItem:
    if _SURROGATE.search(str(path)):
        # Python keeps undecodable name bytes as lone surrogates, which no UTF-8 writer (the
        # docstore, the JSON output) accepts
        return WalkItem(path, doc_id, IngestWarning(str(path), "file name is not valid UTF-8, skipped (rename the file)"))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        shown = suffix or "(no extension)"
        return WalkItem(path, doc_id, IngestWarning(str(path), f"unsupported file type {shown}"))
    return WalkItem(path, doc_id)


def _unique(item: WalkItem, seen: set[str]) -> WalkItem:
    """Give a colliding id its extension, then a counter, so every loaded file has its own id."""
    if item.warning is not None:
        return item
    doc_id = item.doc_id
    if doc_id in seen:
        doc_id = doc_id + item.path.suffix
        n = 2
        base = doc_id
        while doc_id in seen:
            doc_id = f"{base}~{n}"
            n += 1
    seen.add(doc_id)
    return item if doc_id == item.doc_id else WalkItem(item.path, doc_id)


def _matches(name: str, rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def _relative(path: Path, root: Path, keep_suffix: bool = False) -> str:
    rel = PurePosixPath(*path.relative_to(root).parts).as_posix() if path != root else path.name
    return rel if keep_suffix else _strip_suffix(rel)


def _strip_suffix(rel: str) -> str:
    p = PurePosixPath(rel)
    return p.with_suffix("").as_posix() if p.suffix else rel


def _missing_reason(path: Path) -> str:
    if path.is_symlink():
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            return "broken symbolic link"
        return "not a regular file"
    if path.exists():
        return "not a regular file"
    return "no such file or folder"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)
