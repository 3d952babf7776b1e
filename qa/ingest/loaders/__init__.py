"""Load one file into `Document`s: pick the loader by extension, read safely, fail with a short reason.

`load_file` returns a `LoadResult` (documents plus per-record warnings) for every format,
not a bare list: a `.jsonl` file holds many articles and one bad line must become a warning
while the other lines load, and a single return type keeps callers format-agnostic.

Documents come back with RAW text (cleaning is a separate step, `qa.ingest.cleaning`) and
with title / source / published_at / url / author filled where the format says them.
`content_hash` is the sha256 of the file's bytes (for `.jsonl`, of the record's canonical
JSON), so an unchanged file is recognised before any cleaning or embedding.

A file that cannot be used at all raises `LoadError` with a reason short enough for a
one-line warning: empty, binary, not valid UTF-8, too large, unreadable, no text layer.
Any other exception a format parser raises on a hostile file (a PDF library error, a
recursion limit, a value no constructor accepts) also becomes a `LoadError` here, so one
bad file is a warning and never aborts an ingest. Lone UTF-16 surrogates (which JSON and
YAML escapes can produce, and which no UTF-8 writer accepts) are replaced by U+FFFD with a
warning.
Format modules are imported on first use so that `qa search` never pays for trafilatura
or pymupdf.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import LoadError, QAError
from qa.types import Document, IngestWarning

# extension -> module under qa.ingest.loaders; each module has
# `parse(data: bytes, text: str | None, *, doc_id, path, content_hash) -> LoadResult`
_MODULES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
}
SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(_MODULES)
_BINARY_FORMATS = frozenset({".pdf"})

# How much of the head of a file is inspected for NUL and control bytes.
_SNIFF_BYTES = 8192
# Text with more than this share of control characters is a binary file that happens to
# decode (e.g. a UTF-8-valid blob), not an article.
_MAX_CONTROL_SHARE = 0.1
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("text", "title", "source", "published_at", "url", "author")


@dataclass(frozen=True)
class LoadResult:
    """The documents of one file, and warnings about records of it that were skipped."""

    documents: list[Document]
    warnings: list[IngestWarning] = field(default_factory=list)


def load_file(path: Path, doc_id: str, max_bytes: int) -> LoadResult:
    """Load `path` with the loader for its extension.

    Raises `LoadError` when the whole file is unusable (the caller turns it into a warning).
    """
    suffix = path.suffix.lower()
    module_name = _MODULES.get(suffix)
    if module_name is None:
        raise LoadError(f"unsupported file type {suffix or '(no extension)'}")
    data = read_bytes(path, max_bytes)
    text = None if suffix in _BINARY_FORMATS else decode_text(data)
    module = importlib.import_module(f"{__name__}.{module_name}")
    try:
        result: LoadResult = module.parse(data, text, doc_id=doc_id, path=path, content_hash=sha256_hex(data))
    except QAError:
        raise
    except Exception as exc:  # a parser bug or library error on one hostile file must not abort the ingest
        raise LoadError(f"could not be parsed ({describe_exception(exc)})") from exc
    return _without_surrogates(result, path)


def describe_exception(exc: BaseException) -> str:
    """`TypeName: first line of the message`, short enough for a one-line warning."""
    first = (str(exc).splitlines() or [""])[0].strip()
    first = _SURROGATE.sub("\ufffd", first)
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return text if len(text) <= 100 else text[:97] + "..."


def _without_surrogates(result: LoadResult, path: Path) -> LoadResult:
    documents = []
    warnings = list(result.warnings)
    for doc in result.documents:
        changes = {name: _SURROGATE.sub("\ufffd", value) for name in _TEXT_FIELDS
                   if isinstance(value := getattr(doc, name), str) and _SURROGATE.search(value)}
        if changes:
            warnings.append(IngestWarning(str(path), f"{doc.doc_id}: lone surrogate characters in {', '.join(changes)} "
                                                     "replaced by U+FFFD"))
            doc = dataclasses.replace(doc, **changes)  # type: ignore[arg-type]
        documents.append(doc)
    return LoadResult(documents, warnings)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing empty, oversized and unreadable files with a short reason."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(f"file is {_size(size, exact=False)}, over the {_size(max_bytes, exact=True)} limit")
        with path.open("rb") as fh:
            # read one byte past the limit: the file may have grown since stat()
            data = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise LoadError("permission denied (cannot read the file)") from exc
    except IsADirectoryError as exc:
        raise LoadError("is a folder, not a file") from exc
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise LoadError(f"file is over the {_size(max_bytes, exact=True)} limit")
    if not data:
        raise LoadError("empty file")
    return data


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; never guess a legacy encoding.

    Guessing latin-1 would silently store mojibake that no one notices until an answer
    quotes it, so anything else fails with the first offending byte.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = _decode(data, "utf-8-sig")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError("not valid UTF-16 despite its byte order mark") from exc
    elif b"\x00" in data[:_SNIFF_BYTES]:
        raise LoadError("binary file (contains NUL bytes), not text")
    else:
        text = _decode(data, "utf-8")
    head = text[:_SNIFF_BYTES]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if head and controls / len(head) > _MAX_CONTROL_SHARE:
        raise LoadError("binary file (control characters), not text")
    if not text.strip():
        raise LoadError("empty file (only whitespace)")
    return text


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise LoadError(f"not valid UTF-8 (byte 0x{bad:02x} at offset {exc.start})",
                        hint="convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8") from exc


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _size(n: int, exact: bool) -> str:
    """'50.0 MB' for a file size, '20 MB' for a limit (the limit reads as the user set it)."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if n >= scale:
            value = n / scale
            return f"{value:g} {unit}" if exact else f"{value:.1f} {unit}"
    return f"{n} B"


__all__ = ["SUPPORTED_EXTENSIONS", "LoadResult", "decode_text", "describe_exception", "load_file", "read_bytes",
           "sha256_hex"]
