"""JSON Lines corpora: one article per line, in the shape of `benchmarks/*/corpus.jsonl`.

Each line is an object with `text` (required) and optionally `id`, `title`, `source`,
`published_at` (or `date`), `url`, `author`. The document id is the line's `id`, else
`<file doc id>:<line number>`. A bad line (not JSON, not an object, no text, a repeated id,
a lone surrogate escape such as `\ud800`, a number or nesting too large to decode) is skipped
with a warning naming its line number and record id; the file fails only when no line is good.
`content_hash` is the sha256 of the record's canonical JSON (sorted keys, compact), so
editing one article of a large file re-embeds only that article.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from qa.errors import LoadError
from qa.ingest.cleaning import clean_title, guess_title
from qa.ingest.loaders import LoadResult, describe_exception
from qa.types import Document, IngestWarning

# Warnings past this many are summarised in one, so a wrong file does not flood the output.
_MAX_LINE_WARNINGS = 20
# The record id read from the raw line, to name a record whose JSON cannot be decoded.
_RAW_ID = re.compile(r'"id"\s*:\s*("(?:[^"\\\n]|\\.){1,100}"|-?\d{1,30})')
# json.loads recurses once per nesting level; deeper records are refused before decoding
# (real articles nest two or three levels).
_MAX_NESTING = 100


def parse(data: bytes, text: str | None, *, doc_id: str, path: Path, content_hash: str) -> LoadResult:
    """One `Document` per good line, one warning per bad line."""
    if text is None:
        raise LoadError("not a text file")
    documents: list[Document] = []
    problems: list[str] = []
    first_line_of: dict[str, int] = {}
    # split on "\n" only: str.splitlines() would also cut at U+2028 and friends, which JSON
    # allows raw inside strings
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            doc = parse_record(line, number, file_doc_id=doc_id, path=path)
        except LoadError as exc:
            problems.append(f"{_where(line, number)}: {exc.message}")
            continue
        except Exception as exc:  # one hostile record must not lose the rest of the file
            problems.append(f"{_where(line, number)}: unreadable record ({describe_exception(exc)})")
            continue
        if doc.doc_id in first_line_of:
            problems.append(f"line {number}: duplicate id {doc.doc_id!r} (first on line {first_line_of[doc.doc_id]}), skipped")
            continue
        first_line_of[doc.doc_id] = number
        documents.append(doc)
    if not documents:
        detail = f" ({problems[0]})" if problems else ""
        raise LoadError(f"no valid JSON lines with a 'text' field{detail}")
    warnings = [IngestWarning(str(path), p) for p in problems[:_MAX_LINE_WARNINGS]]
    if len(problems) > _MAX_LINE_WARNINGS:
        warnings.append(IngestWarning(str(path), f"{len(problems) - _MAX_LINE_WARNINGS} more bad lines skipped"))
    return LoadResult(documents, warnings)


def parse_record(line: str, number: int, *, file_doc_id: str, path: Path) -> Document:
    """One line to a `Document`; raises `LoadError` with the reason the line is unusable."""
    if _nesting_depth(line) > _MAX_NESTING:
        raise LoadError(f"nested more than {_MAX_NESTING} levels deep")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LoadError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except ValueError as exc:  # Python refuses integers of more than 4,300 digits
        reason = "a number too long to convert" if "digits" in str(exc) else describe_exception(exc)
        raise LoadError(f"not decodable JSON ({reason})") from exc
    if not isinstance(obj, dict):
        raise LoadError(f"expected a JSON object, got {type(obj).__name__}")
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise LoadError("no 'text' field (or it is empty)")
    record_id = _str(obj.get("id"))
    canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    try:
        canonical_bytes = canonical.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LoadError(f"lone surrogate escape \\u{ord(canonical[exc.start]):04x} (not a character)") from exc
    title = clean_title(_str(obj.get("title")) or "") or guess_title(body)
    return Document(
        doc_id=record_id or f"{file_doc_id}:{number}",
        text=body,
        title=title,
        source=_str(obj.get("source")),
        published_at=_str(obj.get("published_at", obj.get("date"))),
        url=_str(obj.get("url")),
        author=_str(obj.get("author")),
        path=str(path),
        content_hash=hashlib.sha256(canonical_bytes).hexdigest(),
    )


def _where(line: str, number: int) -> str:
    """'line 7 (id "abc")' for a warning; the id is read from the raw text, so it names undecodable records too."""
    m = _RAW_ID.search(line[:10_000])
    return f"line {number} (id {m.group(1)})" if m else f"line {number}"


def _nesting_depth(line: str) -> int:
    """Deepest bracket nesting outside strings, counted without recursion."""
    if line.count("[") + line.count("{") <= _MAX_NESTING:
        return 0  # cannot be deeper: the usual case costs two counts
    depth = deepest = 0
    in_string = escaped = False
    for ch in line:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    s = str(value).strip()
    return s or None
