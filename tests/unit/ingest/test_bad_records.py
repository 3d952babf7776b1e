"""Hostile records: each becomes one warning naming the file (and the line and record id), the rest loads."""

from __future__ import annotations

import json
import re
import resource
import time
from pathlib import Path

import pymupdf
import pytest

from qa.errors import LoadError
from qa.ingest.cleaning import clean_document
from qa.ingest.loaders import load_file

MB = 1024 * 1024
GOOD = json.dumps({"id": "good-1", "title": "Good", "text": "A good article about troops."})


def _jsonl(tmp_path: Path, bad_line: str) -> tuple[list[str], list[str]]:
    path = tmp_path / "corpus.jsonl"
    path.write_text(bad_line + "\n" + GOOD + "\n", encoding="utf-8")
    result = load_file(path, "corpus", 20 * MB)
    for doc in result.documents:
        doc.text.encode("utf-8")  # every stored string must be writable as UTF-8
        clean_document(doc)
    assert all(w.path == str(path) for w in result.warnings)
    return [d.doc_id for d in result.documents], [w.reason for w in result.warnings]


def test_jsonl_lone_surrogate_escape_skips_only_that_record(tmp_path):
    ids, reasons = _jsonl(tmp_path, '{"id": "bad-1", "text": "troops \\ud800 arrive"}')
    assert ids == ["good-1"]
    assert reasons == ['line 1 (id "bad-1"): lone surrogate escape \\ud800 (not a character)']


def test_jsonl_surrogate_in_a_metadata_field_is_caught_too(tmp_path):
    ids, reasons = _jsonl(tmp_path, '{"id": "bad-1", "title": "\\udfff", "text": "fine"}')
    assert ids == ["good-1"] and len(reasons) == 1 and reasons[0].startswith('line 1 (id "bad-1"): lone surrogate')


def test_jsonl_five_thousand_digit_number(tmp_path):
    ids, reasons = _jsonl(tmp_path, '{"id": "bad-2", "text": "x", "n": ' + "9" * 5000 + "}")
    assert ids == ["good-1"]
    assert reasons == ['line 1 (id "bad-2"): not decodable JSON (a number too long to convert)']


def test_jsonl_hundred_thousand_nested_brackets(tmp_path):
    ids, reasons = _jsonl(tmp_path, '{"id": "bad-3", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert ids == ["good-1"]
    assert reasons == ['line 1 (id "bad-3"): nested more than 100 levels deep']


def test_jsonl_brackets_inside_strings_are_not_nesting(tmp_path):
    ids, reasons = _jsonl(tmp_path, json.dumps({"id": "ok-2", "text": "[" * 500 + " brackets in prose"}))
    assert ids == ["ok-2", "good-1"] and reasons == []


def _markdown(tmp_path: Path, text: str):
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")
    result = load_file(path, "story", 20 * MB)
    assert len(result.documents) == 1
    assert all(w.path == str(path) for w in result.warnings)
    return result.documents[0], [w.reason for w in result.warnings]


def test_markdown_impossible_date_is_dropped_with_a_warning(tmp_path):
    doc, reasons = _markdown(tmp_path, "---\ntitle: Troops\ndate: 2024-13-45\n---\nBody text.\n")
    assert doc.published_at is None and doc.title == "Troops" and doc.text.strip() == "Body text."
    assert reasons == ["front matter date '2024-13-45' is not a valid date, ignored"]


def test_markdown_impossible_offset_keeps_the_day(tmp_path):
    doc, reasons = _markdown(tmp_path, "---\ntitle: Troops\npublished_at: 2024-10-28T10:00:00+25:00\n---\nBody.\n")
    assert doc.published_at == "2024-10-28"
    assert reasons == ["front matter date '2024-10-28T10:00:00+25:00' has an invalid time; kept the day 2024-10-28"]


def test_markdown_valid_and_free_form_dates_are_kept(tmp_path):
    doc, reasons = _markdown(tmp_path, "---\ndate: 2024-10-28T10:00:00+01:00\n---\nBody.\n")
    assert doc.published_at == "2024-10-28T10:00:00+01:00" and reasons == []
    doc, reasons = _markdown(tmp_path, "---\ndate: October 28, 2024\n---\nBody.\n")
    assert doc.published_at == "October 28, 2024" and reasons == []


BILLION_LAUGHS = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    + "title: *i\n---\nThe body survives.\n"
)


def test_markdown_yaml_aliases_are_refused_cheaply(tmp_path):
    assert len(BILLION_LAUGHS.encode()) < 600
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    doc, reasons = _markdown(tmp_path, BILLION_LAUGHS)
    assert time.perf_counter() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # kB: under 100 MB more
    assert doc.text.strip() == "The body survives." and doc.title == "The body survives."
    assert len(reasons) == 1 and "aliases" in reasons[0] and reasons[0].startswith("invalid YAML front matter ignored")


def test_markdown_oversized_front_matter_is_ignored(tmp_path):
    doc, reasons = _markdown(tmp_path, "---\ntitle: Big\nnotes: '" + "x" * 70_000 + "'\n---\nBody.\n")
    assert doc.title == "Body." and reasons == ["front matter over 64 kB ignored"]


def test_markdown_surrogate_escape_in_yaml_is_replaced(tmp_path):
    doc, reasons = _markdown(tmp_path, '---\ntitle: "Troops \\uD800 arrive"\n---\nBody.\n')
    assert doc.title == "Troops \ufffd arrive"
    assert reasons == ["story: lone surrogate characters in title replaced by U+FFFD"]


def _three_page_pdf() -> bytes:
    pdf = pymupdf.open()
    for number in range(3):
        pdf.new_page().insert_text((72, 72), f"Page {number + 1} says the troops arrived.")
    return pdf.tobytes(garbage=0, deflate=False, no_new_id=True)


def test_pdf_cycle_in_the_page_tree_keeps_the_readable_pages(tmp_path):
    data = _three_page_pdf()
    pages_ref = re.search(rb"(\d+ 0) obj\s*<</Type/Pages", data).group(1) + b" R"
    # the second kid of the page tree points back at the tree itself
    cyclic = re.sub(rb"(/Kids\[\d+ 0 R )\d+ 0 R", lambda m: m.group(1) + pages_ref, data, count=1)
    assert cyclic != data
    path = tmp_path / "cycle.pdf"
    path.write_bytes(cyclic)
    result = load_file(path, "cycle", 20 * MB)
    assert [d.text for d in result.documents] == ["Page 1 says the troops arrived."]
    assert len(result.warnings) == 1
    assert result.warnings[0].reason.startswith("unreadable PDF pages skipped: page 2 (")


def test_any_parser_failure_is_a_load_error(tmp_path, monkeypatch):
    from qa.ingest.loaders import txt

    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded\nwith a second line")

    monkeypatch.setattr(txt, "parse", explode)
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_file(path, "a", MB)
    assert info.value.message == "could not be parsed (RecursionError: maximum recursion depth exceeded)"


def test_a_cleaning_failure_is_a_load_error(monkeypatch):
    from qa.ingest import cleaning
    from qa.types import Document

    def explode(text):
        raise IndexError("list index out of range")

    monkeypatch.setattr(cleaning, "_clean", explode)
    with pytest.raises(LoadError) as info:
        clean_document(Document(doc_id="d", text="Some text.", title=""))
    assert info.value.message == "could not be cleaned (IndexError)"
