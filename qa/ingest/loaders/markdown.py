"""Markdown articles with optional YAML front matter.

Front matter (a `---` block at the very top, parsed with a YAML safe loader) may give
`title`, `published_at` (or `date`), `source`, `url` and `author`; unknown keys are
ignored. Invalid front matter is a warning, not a failure: the block is dropped and the body
still loads. Front matter is bounded: over 64 kB, or using YAML aliases (`*name`, whose
nested repeats expand a few hundred bytes into gigabytes: "billion laughs"), it is refused
with a warning. A date that looks like ISO 8601 but is not a real one (`2024-13-45`, an
offset of `+25:00`) is dropped with a warning instead of failing the file.

The body stays markdown, with one change: the soft line breaks of a hard-wrapped paragraph
are joined with spaces. Markdown renders them as one paragraph, and the rest of the
pipeline treats each line as a paragraph and ends a sentence at every line break, so a
paragraph wrapped at 80 columns would otherwise be cut into sentence fragments. Lists,
headings, quotes, tables and code blocks keep their lines.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from qa.errors import LoadError
from qa.ingest.cleaning import clean_title, guess_title
from qa.ingest.loaders import LoadResult
from qa.types import Document, IngestWarning

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# A line that starts its own block element: it is never glued to the line before it.
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,3}[.)]\s|#{1,6}\s|>|\||```|~~~|(?:[-*_]\s*){3,}$)")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
# A line that is all bold/italic is a headline in news markdown, not the start of a paragraph.
_WHOLE_EMPHASIS = re.compile(r"^\s*(\*\*|__|\*|_)\S.*\S\1\s*$")
# Real front matter is a few hundred bytes; this bound keeps a hostile block cheap to parse.
MAX_FRONT_MATTER_BYTES = 64 * 1024
_ISO_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[T ]|$)")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# PyYAML is pure Python and recursive: 5,000 nested `[` cost seconds. Front matter nests a level or two.
MAX_FRONT_MATTER_NESTING = 50


class _FrontMatterLoader(yaml.SafeLoader):
    """yaml's safe loader without aliases, and with impossible timestamps kept as plain strings."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "YAML aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):  # 2024-13-45, +25:00: left for `_date` to refuse
            return self.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)


def parse(data: bytes, text: str | None, *, doc_id: str, path: Path, content_hash: str) -> LoadResult:
    """One `Document`: front matter fields, body text with wrapped paragraphs joined."""
    if text is None:
        raise LoadError("not a text file")
    meta, body, warnings = split_front_matter(text, path)
    body = unwrap_paragraphs(body)
    for key in ("title", "source", "url", "published_at", "date", "author", "authors"):
        value = meta.get(key)
        if isinstance(value, (bytes, dict, set)) or (isinstance(value, list) and not key.startswith("author")):
            warnings.append(IngestWarning(str(path), f"front matter {key} is not text, ignored"))
            meta.pop(key)
    title = clean_title(_str(meta.get("title")) or "") or guess_title(body)
    published, problem = checked_date(_date(meta.get("published_at", meta.get("date"))))
    if problem:
        warnings.append(IngestWarning(str(path), problem))
    doc = Document(
        doc_id=doc_id,
        text=body,
        title=title,
        source=_str(meta.get("source")),
        published_at=published,
        url=_str(meta.get("url")),
        author=_author(meta.get("author", meta.get("authors"))),
        path=str(path),
        content_hash=content_hash,
    )
    return LoadResult([doc], warnings)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, list[IngestWarning]]:
    """Return (front matter as a dict, body, warnings); no front matter gives an empty dict."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, []
    body = text[m.end():]
    block = m.group(1)
    if len(block) > MAX_FRONT_MATTER_BYTES:  # characters >= bytes / 4: a cheap, safe bound first
        return {}, body, [IngestWarning(str(path), f"front matter over {MAX_FRONT_MATTER_BYTES // 1024} kB ignored")]
    if _bracket_depth(block) > MAX_FRONT_MATTER_NESTING:
        return {}, body, [IngestWarning(str(path), f"front matter nested over {MAX_FRONT_MATTER_NESTING} levels ignored")]
    try:
        meta = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a safe loader, see the class
    except yaml.YAMLError as exc:
        reason = _yaml_reason(exc)
        return {}, body, [IngestWarning(str(path), f"invalid YAML front matter ignored ({reason})")]
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # constructors refusing a value
        return {}, body, [IngestWarning(str(path), f"invalid YAML front matter ignored ({type(exc).__name__})")]
    if meta is None:
        return {}, body, []
    if not isinstance(meta, dict):
        return {}, body, [IngestWarning(str(path), "front matter is not a mapping, ignored")]
    return {str(k).lower(): v for k, v in meta.items()}, body, []


def unwrap_paragraphs(body: str) -> str:
    """Join the soft-wrapped lines of each paragraph; keep block structure and code verbatim.

    Linear in the body: the open paragraph is kept as a list of lines, and the tests that look
    at it (block start, whole-line emphasis, hard break) read only its head and its last line.
    Re-joining and re-matching the growing paragraph at every line was quadratic: 300 kB of
    one-word lines starting with `*` took 264 s.
    """
    out: list[str] = []
    para: _OpenParagraph | None = None
    in_code = False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            joinable = False
        else:
            joinable = (
                not in_code
                and para is not None
                and para.has_text()
                and bool(line.strip())
                and not _BLOCK_START.match(line)
                and not para.is_block_start()
                and not _WHOLE_EMPHASIS.match(line)
                and not para.is_whole_emphasis()
                and not para.ends_with_hard_break()
            )
        if joinable and para is not None:
            para.join(line.strip())
        else:
            if para is not None:
                out.append(para.text())
            para = _OpenParagraph(line)
    if para is not None:
        out.append(para.text())
    return "\n".join(out)


class _OpenParagraph:
    """The paragraph being joined: its first line as given, then the stripped lines joined to it.

    Its tests give what the regexes give on the joined text but read only its ends: the
    block-start and whole-emphasis patterns are anchored and decided within a few characters
    of either end (the middle is one line, which `.*` always matches).
    """

    _HEAD = 256  # characters of the joined text a block start is decided in
    _EDGE = 4  # longer than an emphasis mark and the character next to it

    def __init__(self, first_line: str) -> None:
        self.parts = [first_line]
        self.length = len(first_line)
        self.head = first_line[: self._HEAD]
        self.start_edge = first_line.lstrip()[: self._EDGE]
        self.end_edge = first_line.rstrip()[-self._EDGE:]
        self._block_start: bool | None = None

    def has_text(self) -> bool:
        return len(self.parts) > 1 or bool(self.start_edge)

    def join(self, stripped_line: str) -> None:
        if len(self.parts) == 1:
            self.parts[0] = self.parts[0].rstrip()
            self.head = self.parts[0][: self._HEAD]
            self.start_edge = self.parts[0].lstrip()[: self._EDGE]
            self.length = len(self.parts[0])
        self.parts.append(stripped_line)
        self.length += 1 + len(stripped_line)
        self.end_edge = (self.end_edge + " " + stripped_line)[-self._EDGE:]
        if len(self.start_edge) < self._EDGE:
            self.start_edge = (self.start_edge + " " + stripped_line)[: self._EDGE]
        if len(self.head) < self._HEAD:
            self.head = (self.head + " " + stripped_line)[: self._HEAD]
        self._block_start = None

    def text(self) -> str:
        return self.parts[0] if len(self.parts) == 1 else " ".join(self.parts)

    def is_block_start(self) -> bool:
        if self._block_start is None:
            # a joined paragraph by its head: a thematic break longer than that cannot have been
            # joined, since three marks already match
            subject = self.parts[0] if len(self.parts) == 1 else self.head
            self._block_start = bool(_BLOCK_START.match(subject))
        return self._block_start

    def is_whole_emphasis(self) -> bool:
        if len(self.parts) == 1 or self.length <= 4 * self._EDGE:
            return bool(_WHOLE_EMPHASIS.match(self.text()))
        return bool(_WHOLE_EMPHASIS.match(self.start_edge + self.end_edge))

    def ends_with_hard_break(self) -> bool:
        return self.parts[-1].endswith(("  ", "\\"))  # markdown hard line breaks


def _str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _bracket_depth(block: str) -> int:
    """Deepest nesting of flow brackets, quotes ignored (a cheap bound, not a parse)."""
    if block.count("[") + block.count("{") <= MAX_FRONT_MATTER_NESTING:
        return 0
    depth = deepest = 0
    for ch in block:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def _yaml_reason(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem:
        return f"{problem}, line {mark.line + 1}" if mark is not None else str(problem)
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def checked_date(value: str | None) -> tuple[str | None, str | None]:
    """(date to store, warning or None). Text shaped like an ISO date must name a real one.

    `2024-13-45` is dropped; `2024-10-28T10:00:00+25:00` keeps its valid day `2024-10-28`;
    "October 28, 2024" and other free forms are kept as given.
    """
    if value is None or not _ISO_DATE_LIKE.match(value):
        return value, None
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value, None
    except ValueError:
        pass
    shown = value if len(value) <= 40 else value[:37] + "..."
    day = _ISO_DAY.match(value)
    try:
        if day is not None:
            dt.date.fromisoformat(day.group())
            return day.group(), f"front matter date {shown!r} has an invalid time; kept the day {day.group()}"
    except ValueError:
        pass
    return None, f"front matter date {shown!r} is not a valid date, ignored"


def _date(value: Any) -> str | None:
    # YAML turns `2024-10-28` into a date and `2024-10-28T10:00:00Z` into a datetime
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return _str(value)


def _author(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        names = [s for s in (_str(v) for v in value) if s]
        return ", ".join(names) or None
    return _str(value)
