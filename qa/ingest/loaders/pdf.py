"""PDF files through pymupdf: text blocks become paragraphs, pages are separated by blank lines.

pymupdf returns a PDF's text in layout blocks whose lines are wrapped at the column width.
Each block is joined into one line (a hyphen at a line end is kept, since "well-known" is as
common as a split word), because the rest of the pipeline reads one paragraph per line and
ends sentences at line breaks. A PDF with no text layer (a scan) fails: there is nothing to
index without OCR. A page that MuPDF cannot load or read (a malformed page tree: a cycle, a
kid that is not a page) is skipped with a warning naming it; the readable pages still load.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from qa.errors import DependencyMissingError, LoadError
from qa.ingest.cleaning import clean_title, guess_title
from qa.ingest.loaders import LoadResult, describe_exception
from qa.types import Document, IngestWarning

_WS = re.compile(r"\s+")
# PDF dates look like D:20241028103000+01'00'
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_TEXT_BLOCK = 0  # pymupdf block type 0 is text, 1 is an image


def parse(data: bytes, text: str | None, *, doc_id: str, path: Path, content_hash: str) -> LoadResult:
    """One `Document` with all pages' text; title/author/date from the PDF metadata when set."""
    try:
        import pymupdf
    except ImportError as exc:  # pragma: no cover - pymupdf is a core dependency
        raise DependencyMissingError("PDF ingest needs pymupdf", hint="pip install pymupdf") from exc
    # MuPDF prints damaged-file messages to stderr by default; the library must not print,
    # and a broken file already becomes a LoadError below
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise LoadError("not a PDF file (no %PDF header)")
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises its own FileDataError and friends
        raise LoadError(f"not a readable PDF ({_first_line(exc)})") from exc
    with pdf:
        if pdf.needs_pass:
            raise LoadError("PDF is encrypted (password protected)")
        pages, bad_pages = read_pages(pdf)
        repaired = bool(getattr(pdf, "is_repaired", False))
        try:
            meta: dict[str, Any] = pdf.metadata or {}
        except Exception:  # damaged Info dictionary: the text is still worth having
            meta = {}
    body = "\n\n".join(p for p in pages if p)
    if not body.strip():
        if bad_pages:
            raise LoadError(f"no readable page ({bad_pages[0]})")
        raise LoadError("PDF has no text layer (scanned pages need OCR first)")
    warnings = []
    if repaired:
        warnings.append(IngestWarning(str(path), "damaged PDF (repaired on reading; some text may be missing)"))
    if bad_pages:
        more = f" and {len(bad_pages) - 1} more" if len(bad_pages) > 1 else ""
        warnings.append(IngestWarning(str(path), f"unreadable PDF pages skipped: {bad_pages[0]}{more}"))
    title = clean_title(str(meta.get("title") or "")) or guess_title(body)
    doc = Document(
        doc_id=doc_id,
        text=body,
        title=title,
        published_at=pdf_date(str(meta.get("creationDate") or "")),
        author=_WS.sub(" ", str(meta.get("author") or "")).strip() or None,
        path=str(path),
        content_hash=content_hash,
    )
    return LoadResult([doc], warnings)


def read_pages(pdf: Any) -> tuple[list[str], list[str]]:
    """(text of each readable page, 'page N (reason)' for each page MuPDF failed on)."""
    texts: list[str] = []
    bad: list[str] = []
    try:
        count = pdf.page_count
    except Exception as exc:  # MuPDF raises its own error types on damaged trees
        return [], [f"page tree ({describe_exception(exc)})"]
    for number in range(count):
        try:
            texts.append(page_text(pdf.load_page(number)))
        except Exception as exc:  # one damaged page must not lose the others
            bad.append(f"page {number + 1} ({describe_exception(exc)})")
    return texts, bad


def page_text(page: Any) -> str:
    """A page's text blocks in reading order, each joined into one line."""
    paragraphs = []
    for block in page.get_text("blocks", sort=True):
        if block[6] != _TEXT_BLOCK:
            continue
        lines = [line.strip() for line in block[4].splitlines() if line.strip()]
        joined = ""
        for line in lines:
            joined = joined + line if joined.endswith("-") or not joined else joined + " " + line
        if joined:
            paragraphs.append(_WS.sub(" ", joined))
    return "\n".join(paragraphs)


def pdf_date(value: str) -> str | None:
    """'D:20241028103000Z' -> '2024-10-28' (the date part only: PDF time zones are unreliable)."""
    m = _PDF_DATE.match(value.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    return "-".join(p for p in (year, month, day) if p)


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]
