"""Each loader on small real files: metadata filled, raw text kept, chrome left out."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pymupdf
import pytest

from qa.errors import LoadError
from qa.ingest.loaders import SUPPORTED_EXTENSIONS, load_file
from qa.ingest.loaders.html import fallback_text

MB = 1024 * 1024
CORPUS = Path("/work/shared/benchmarks/multihop_rag/corpus.jsonl")


def _one(path: Path, doc_id: str = "doc"):
    result = load_file(path, doc_id, 20 * MB)
    assert len(result.documents) == 1
    return result.documents[0], result.warnings


def test_supported_extensions():
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl"} <= SUPPORTED_EXTENSIONS


def test_txt_keeps_raw_text_and_takes_the_first_line_as_title(tmp_path):
    raw = "\n**Troops  arrive in Kursk**\nFirst paragraph.\n\nSecond   paragraph.\n"
    path = tmp_path / "a.txt"
    path.write_text(raw, encoding="utf-8")
    doc, warnings = _one(path, "a")
    assert doc.text == raw  # raw: cleaning is a separate step
    assert doc.title == "Troops arrive in Kursk"
    assert doc.doc_id == "a" and doc.path == str(path)
    assert doc.content_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert warnings == []


def test_sample_article_title(article):
    doc, _ = _one(article("004"))
    assert doc.title.startswith("As North Korean troops arrive in Russia’s Kursk region")


def test_markdown_front_matter(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(
        "---\n"
        "title: '**Troops** arrive'\n"
        "date: 2024-10-28\n"
        "source: Example News\n"
        "url: https://example.com/story\n"
        "author: [Jane Doe, John Roe]\n"
        "tags: [war]\n"
        "---\n"
        "# A heading in the body\n\n"
        "A paragraph wrapped\nat a short width\nacross three lines.\n\n"
        "- a list item\n- another item\n",
        encoding="utf-8",
    )
    doc, warnings = _one(path)
    assert warnings == []
    assert doc.title == "Troops arrive"
    assert doc.published_at == "2024-10-28"
    assert doc.source == "Example News"
    assert doc.url == "https://example.com/story"
    assert doc.author == "Jane Doe, John Roe"
    assert "title:" not in doc.text and "---" not in doc.text
    assert "A paragraph wrapped at a short width across three lines." in doc.text.splitlines()
    assert "- a list item" in doc.text.splitlines() and "- another item" in doc.text.splitlines()


def test_markdown_without_front_matter_takes_the_heading_as_title(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("\n## *North Korean* troops in **Kursk** ##\n\nBody text.\n", encoding="utf-8")
    doc, _ = _one(path)
    assert doc.title == "North Korean troops in Kursk"
    assert doc.published_at is None and doc.source is None


def test_markdown_published_at_wins_over_date_and_datetimes_are_iso(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("---\npublished_at: 2024-10-28T10:30:00Z\ndate: 2020-01-01\n---\nBody.\n", encoding="utf-8")
    doc, _ = _one(path)
    assert doc.published_at.startswith("2024-10-28T10:30:00")


def test_markdown_invalid_front_matter_is_a_warning(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: [unclosed\n---\nThe body survives.\n", encoding="utf-8")
    doc, warnings = _one(path)
    assert doc.text.strip() == "The body survives."
    assert len(warnings) == 1 and "front matter" in warnings[0].reason


HTML_PAGE = """<!DOCTYPE html>
<html><head>
<title>Troops arrive | Example News</title>
<meta property="og:title" content="North Korean troops arrive in Kursk">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-10-28T09:00:00Z">
<style>.nav { color: red } STYLE_MARKER</style>
<script>var SCRIPT_MARKER = 1;</script>
</head><body>
<header><a href="/">Home</a> HEADER_MARKER</header>
<nav><ul><li><a href="/world">World</a></li><li>NAV_MARKER</li></ul></nav>
<main><article>
<h1>North Korean troops arrive in Kursk</h1>
<p>North Korean soldiers have arrived in the Kursk region, according to officials in Kyiv who spoke on Monday.</p>
<p>The Pentagon said that about 10,000 troops had been sent to train in eastern Russia before moving west.</p>
<p>Analysts said the deployment could change the balance of forces along parts of the front in the coming weeks.</p>
</article></main>
<aside>ASIDE_MARKER related links</aside>
<footer>FOOTER_MARKER Copyright 2024 Example News</footer>
<script>SCRIPT_MARKER_2()</script>
</body></html>
"""


def test_html_main_text_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc, _ = _one(path)
    assert "North Korean soldiers have arrived in the Kursk region" in doc.text
    assert "Analysts said the deployment" in doc.text
    for marker in ("STYLE_MARKER", "SCRIPT_MARKER", "HEADER_MARKER", "NAV_MARKER", "FOOTER_MARKER", "color: red"):
        assert marker not in doc.text
    assert doc.title == "North Korean troops arrive in Kursk"
    assert doc.author == "Jane Doe"
    assert doc.published_at and doc.published_at.startswith("2024-10-28")
    assert doc.source == "Example News"


def test_html_fallback_drops_chrome():
    from lxml import html as lxml_html

    tree = lxml_html.document_fromstring(HTML_PAGE)
    text = fallback_text(tree)
    lines = text.splitlines()
    assert "North Korean troops arrive in Kursk" in lines
    assert any(line.startswith("The Pentagon said") for line in lines)
    for marker in ("STYLE_MARKER", "SCRIPT_MARKER", "HEADER_MARKER", "NAV_MARKER", "FOOTER_MARKER", "ASIDE_MARKER"):
        assert marker not in text


def test_html_tiny_page_still_loads(tmp_path):
    path = tmp_path / "tiny.htm"
    path.write_text("<html><head><title>Short</title><script>x()</script></head><body><nav>menu</nav><p>One line.</p></body></html>",
                    encoding="utf-8")
    doc, _ = _one(path)
    assert "One line." in doc.text and "menu" not in doc.text and "x()" not in doc.text
    assert doc.title == "Short"


def test_html_without_text_fails(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>only()</script></head><body><nav>menu</nav></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match="no text"):
        load_file(path, "e", MB)


def _make_pdf(path: Path, pages: list[str], title: str = "") -> None:
    pdf = pymupdf.open()
    for text in pages:
        page = pdf.new_page()
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 720), text, fontsize=11)
    if title:
        pdf.set_metadata({"title": title, "author": "Jane Doe", "creationDate": "D:20241028103000Z"})
    pdf.save(path)
    pdf.close()


def test_pdf_pages_joined_with_blank_lines(tmp_path):
    path = tmp_path / "report.pdf"
    long = "North Korean troops arrived in the Kursk region on Monday according to officials in Kyiv. " * 3
    _make_pdf(path, [long, "Page two says the Pentagon counted 10,000 soldiers."], title="Kursk report")
    doc, _ = _one(path)
    assert doc.title == "Kursk report"
    assert doc.author == "Jane Doe"
    assert doc.published_at == "2024-10-28"
    first, second = doc.text.split("\n\n")
    assert "Page two says the Pentagon counted 10,000 soldiers." in second
    # the wrapped lines of a text block come back as one paragraph
    assert len(first.splitlines()) == 1 and first.count("North Korean troops") == 3
    assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pdf_title_from_first_line_when_metadata_has_none(tmp_path):
    path = tmp_path / "untitled.pdf"
    _make_pdf(path, ["Kursk deployment\n\nBody of the report."])
    doc, _ = _one(path)
    assert doc.title == "Kursk deployment"


def test_pdf_without_text_layer_fails(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.draw_rect(pymupdf.Rect(100, 100, 200, 200), fill=(0, 0, 0))  # an "image", no text
    pdf.save(path)
    pdf.close()
    with pytest.raises(LoadError, match="no text layer"):
        load_file(path, "scan", MB)


def test_not_a_pdf_fails(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("just text pretending", encoding="utf-8")
    with pytest.raises(LoadError, match="not a PDF"):
        load_file(path, "fake", MB)


def test_jsonl_one_document_per_line_and_bad_lines_warn(tmp_path):
    good = {"id": "mhr-1", "title": "First", "source": "Wire", "published_at": "2023-11-27T08:45:59+00:00",
            "url": "https://example.com/1", "text": "First article body."}
    lines = [
        json.dumps(good),
        "{not json",
        "",
        json.dumps({"text": "Second article body."}),
        json.dumps({"id": "mhr-3", "title": "No text"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "mhr-1", "text": "Same id again."}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_file(path, "corpus", MB)
    docs = result.documents
    assert [d.doc_id for d in docs] == ["mhr-1", "corpus:4"]
    first = docs[0]
    assert (first.title, first.source, first.published_at, first.url) == (
        "First", "Wire", "2023-11-27T08:45:59+00:00", "https://example.com/1")
    assert first.text == "First article body." and first.path == str(path)
    canonical = json.dumps(good, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert first.content_hash == hashlib.sha256(canonical.encode()).hexdigest()
    assert docs[1].title == "Second article body."  # no title: the first line of the text
    reasons = [w.reason for w in result.warnings]
    assert [r.split(":")[0] for r in reasons] == ["line 2", 'line 5 (id "mhr-3")', "line 6", "line 7"]
    assert "not valid JSON" in reasons[0] and "duplicate id" in reasons[3]
    assert all(w.path == str(path) for w in result.warnings)


def test_jsonl_with_no_good_line_fails(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n[1]\n", encoding="utf-8")
    with pytest.raises(LoadError, match="no valid JSON lines"):
        load_file(path, "bad", MB)


def test_jsonl_keeps_line_separators_inside_strings(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "a\u2028b"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_file(path, "c", MB).documents[0].text == "a\u2028b"


@pytest.mark.skipif(not CORPUS.exists(), reason="benchmark corpus not available")
def test_multihop_corpus_loads_completely():
    result = load_file(CORPUS, "corpus", 20 * MB)
    assert len(result.documents) == 609 and result.warnings == []
    assert len({d.doc_id for d in result.documents}) == 609


def test_utf8_bom_and_utf16_are_decoded(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffCafé au lait.".encode("utf-8"))
    assert _one(tmp_path / "bom.txt")[0].text == "Café au lait."
    (tmp_path / "wide.txt").write_bytes("Café au lait.".encode("utf-16"))
    assert _one(tmp_path / "wide.txt")[0].text == "Café au lait."
