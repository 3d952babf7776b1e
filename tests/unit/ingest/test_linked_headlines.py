"""A page's declared article text (JSON-LD `articleBody`) without the headlines of the linked articles
that the site put between its paragraphs; the article's own sentences all kept."""

from __future__ import annotations

import json
from pathlib import Path

from qa.ingest.cleaning import clean_document
from qa.ingest.loaders import load_file
from qa.ingest.loaders.html import drop_linked_headlines, page_strings

PARAGRAPHS = [
    "The council voted on Tuesday to close the old harbour bridge to lorries after engineers found cracks.",
    "Residents had asked for the closure since the spring, the mayor said at a news conference.",
    "Shipping firms warned that the detour would add an hour to every delivery along the coast.",
    "Harbour Master Jane Okafor said the ferries would run every twenty minutes during the works.",
]
RELATED = "Engineers say the old bridge cannot carry heavy traffic for long"  # a linked article's headline
SHORT_LINK = "Harbour Master"  # a link at the start of a sentence: part of the prose


def _page(tmp_path: Path, state_links: str) -> Path:
    body = " ".join([*PARAGRAPHS[:2], RELATED, *PARAGRAPHS[2:]])
    ld = json.dumps({"@type": "NewsArticle", "headline": "Bridge closed", "articleBody": body * 3})
    page = (f'<!DOCTYPE html><html><head><script type="application/ld+json">{ld}</script><title>Bridge</title>'
            f"</head><body><article><figure><figcaption>The bridge at dusk, seen from the pier.</figcaption>"
            f"</figure></article>{state_links}</body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    return path


def _text(path: Path) -> str:
    return clean_document(load_file(path, "page", 1 << 24).documents[0]).text


def test_a_linked_headline_in_the_html_is_dropped_from_the_declared_body(tmp_path):
    text = _text(_page(tmp_path, f'<aside><h3><a href="/news/123/engineers-say">{RELATED}</a></h3>'
                                 f'<p><a href="/people/okafor">{SHORT_LINK}</a></p></aside>'))
    assert RELATED not in text
    assert all(p in text for p in PARAGRAPHS)  # every sentence of the article stays, the short link's too


def test_a_linked_headline_kept_in_a_script_json_state_is_dropped_too(tmp_path):
    # news sites often keep the article's structure (links and their labels) in a script's JSON
    state = json.dumps({"type": "h3", "children": [{"type": "a", "attribs": {"href": "/news/123"},
                                                    "children": [{"type": "text", "data": RELATED}]}]},
                       ensure_ascii=True)
    text = _text(_page(tmp_path, f"<script>window.__STATE__ = {state};</script>"))
    assert RELATED not in text and all(p in text for p in PARAGRAPHS)


def test_without_a_link_of_that_text_the_body_is_unchanged(tmp_path):
    text = _text(_page(tmp_path, ""))
    assert RELATED in text


def test_prose_is_never_cut():
    body = " ".join(PARAGRAPHS)
    # whole sentences, and a sentence's first words, are texts of the page: still prose, kept
    strings = page_strings("".join(f"<p>{p}</p><a>{p[:40]}</a>" for p in PARAGRAPHS))
    assert drop_linked_headlines(body, strings) == body
    assert drop_linked_headlines(body, frozenset()) == body


def test_every_headline_of_a_long_body_is_dropped_and_the_sentences_kept():
    body = " ".join([PARAGRAPHS[0], RELATED, PARAGRAPHS[1]] * 2000)
    strings = page_strings(f"<a href='/x'>{RELATED}</a>")
    assert drop_linked_headlines(body, strings) == " ".join([PARAGRAPHS[0], PARAGRAPHS[1]] * 2000)
