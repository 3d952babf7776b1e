"""HTML pages: keep the article's main text, never navigation, scripts, styles or footers.

Page chrome is removed from the tree first (script, style, nav, aside, form, footer, and a
header that is not part of the article), because trafilatura falls back to a whole-page
baseline on short pages and would then keep the menu. trafilatura then finds the main
content (comments excluded, `favor_precision` off so short articles are not cut). When it
finds nothing, a plain lxml pass takes the remaining visible text, one line per block
element.

Metadata: title from `og:title`, else `<title>`, else trafilatura's guess, else the first
line of the text; date, author, site name and canonical URL from trafilatura's metadata
(or the matching `<meta>` tags) when the page states them.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from qa.errors import DependencyMissingError, LoadError
from qa.ingest.cleaning import clean_title, guess_title
from qa.ingest.loaders import LoadResult
from qa.types import Document

# lxml refuses str input that still carries an XML encoding declaration; it is moot once decoded.
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"\s+")
_DROP_XPATH = ("//script|//style|//nav|//footer|//aside|//noscript|//form|//template|//svg|//iframe|//head|"
               "//button|//select|//header[not(ancestor::article or ancestor::main)]")
_BLOCKS = frozenset(
    "address article blockquote body dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main "
    "ol p pre section summary table tbody td tfoot th thead tr ul".split()
)


def parse(data: bytes, text: str | None, *, doc_id: str, path: Path, content_hash: str) -> LoadResult:
    """One `Document` with the page's main text and whatever metadata the page declares."""
    if text is None:
        raise LoadError("not a text file")
    try:
        import trafilatura
        from lxml import html as lxml_html
    except ImportError as exc:  # pragma: no cover - both are core dependencies
        raise DependencyMissingError("HTML ingest needs trafilatura and lxml", hint="pip install trafilatura lxml") from exc
    markup = _XML_DECL.sub("", text)
    try:
        tree = lxml_html.document_fromstring(markup)
    except Exception as exc:  # lxml raises ParserError/ValueError on pages with no elements
        raise LoadError(f"not parseable HTML ({type(exc).__name__})") from exc

    meta = _metadata(trafilatura, markup)
    title = clean_title(_meta_tag(tree, "og:title") or _title_tag(tree) or meta.get("title") or "")
    source = meta.get("sitename") or _meta_tag(tree, "og:site_name")
    published_at = meta.get("date") or _meta_tag(tree, "article:published_time")
    url = meta.get("url") or _meta_tag(tree, "og:url")
    author = meta.get("author") or _meta_tag(tree, "author")
    body_tree = strip_chrome(copy.deepcopy(tree))  # trafilatura edits the tree it is given
    body = trafilatura.extract(
        body_tree,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        favor_precision=False,
        with_metadata=False,
        deduplicate=False,
    )
    if not body or not body.strip():
        body = fallback_text(body_tree)
    if not body.strip():
        raise LoadError("no text found in the HTML page")

    doc = Document(
        doc_id=doc_id,
        text=body,
        title=title or guess_title(body),
        source=source,
        published_at=published_at,
        url=url,
        author=author,
        path=str(path),
        content_hash=content_hash,
    )
    return LoadResult([doc])


def strip_chrome(tree: Any) -> Any:
    """Remove scripts, styles, navigation, asides, forms and page headers/footers, in place."""
    for el in tree.xpath(_DROP_XPATH):
        el.drop_tree()  # keeps the element's tail text, which belongs to the parent
    return tree


def fallback_text(tree: Any) -> str:
    """Visible text of a parsed page without chrome, one line per block element (edits `tree`)."""
    from lxml import etree

    strip_chrome(tree)
    parts: list[str] = []
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        is_element = isinstance(el.tag, str)  # comments and processing instructions are not
        tag = el.tag.lower() if is_element else ""
        if event == "start":
            if tag in _BLOCKS or tag == "br":
                parts.append("\n")
            if is_element and el.text:
                parts.append(_WS.sub(" ", el.text))
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if el.tail and el is not tree:
                parts.append(_WS.sub(" ", el.tail))
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _metadata(trafilatura: Any, markup: str) -> dict[str, str]:
    """trafilatura's metadata as plain strings; a page it cannot read has none."""
    try:
        meta = trafilatura.extract_metadata(markup)
    except Exception:  # metadata is optional: a parse failure must not lose the article
        return {}
    if meta is None:
        return {}
    out: dict[str, str] = {}
    for key in ("title", "author", "date", "sitename", "url"):
        value = getattr(meta, key, None)
        if value:
            out[key] = _WS.sub(" ", str(value)).strip()
    return out


def _meta_tag(tree: Any, name: str) -> str | None:
    for el in tree.xpath("//meta[@property=$n or @name=$n]", n=name):
        content = (el.get("content") or "").strip()
        if content:
            return _WS.sub(" ", content)
    return None


def _title_tag(tree: Any) -> str | None:
    title = tree.findtext(".//title")
    return _WS.sub(" ", title).strip() if title and title.strip() else None
