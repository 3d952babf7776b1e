"""Fuzz: a few hundred generated and mutated files in every format through the real loaders, cleaning,
duplicate detection and chunking (not the embedder, to stay fast).

Fixed seed, so a failure names a case that reproduces. For every case: no exception but a
one-line `LoadError` escapes, every stored string is writable as UTF-8, chunk offsets are
exact, and the case takes a bounded time. A case built to be bad (invalid UTF-8, a hostile
JSON line, hostile front matter, a broken PDF) must yield a warning or a `LoadError`.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

from qa.errors import QAError
from qa.ingest.chunking import NON_PROSE_CHUNK_CHARS, chunk_document
from qa.ingest.cleaning import clean_document
from qa.ingest.dedup import DuplicateDetector
from qa.ingest.loaders import load_file

SEED = 20_261_130
CASES_PER_FORMAT = 75
MAX_CASE_SECONDS = 3.0  # the largest case is ~300 kB; linear code takes well under a second
ARTICLES = Path(__file__).resolve().parents[3] / "eval" / "datasets" / "kursk" / "articles"
_PIECES = re.compile(r"\w+|[^\w\s]")


def count_tokens(text: str) -> int:
    """Words plus punctuation marks, as a word-piece tokenizer counts at least: a line of `=` is long."""
    return len(_PIECES.findall(text))


@dataclass(frozen=True)
class Case:
    name: str
    suffix: str
    data: bytes
    bad: bool  # built to be bad: must yield a warning or a LoadError


# --- hostile fragments, by the layer they attack
TEXT_FRAGMENTS = [
    "=" * 50_000, "_a " * 20_000, "*a " * 20_000, "**a " * 10_000, '"Hi." A "b." C ' * 3_000, "A. " * 20_000,
    "\u202e\u0301\u200b\u00ad\ufeff" * 2_000, "\t\x0b\x0c\r" * 1_000, "#" * 10_000, "> " * 10_000, "[a](" * 5_000,
    "\u3002" * 10_000, "Mr. " * 10_000, "\u2028" * 5_000, "ǅ" * 10_000, "\U0001f600" * 5_000, "\n" * 50_000,
    "https://example.com/" + "a" * 100_000, "-" * 3 + "\n" + "x\n" * 5_000,
]
JSON_LINES_BAD = [
    '{"id": "s1", "text": "troops \\ud800 x"}', '{"id": "s2", "text": "\\udfff"}',
    '{"id": "n1", "text": "x", "n": ' + "9" * 5_000 + "}",
    '{"id": "n2", "text": "x", "n": ' + "[" * 20_000 + "]" * 20_000 + "}",
    '{"id": "d1", "text": "x", "n": ' + "{\"a\":" * 5_000 + "1" + "}" * 5_000 + "}", '{"id": 5, "text": 7}',
    "[1, 2, 3]", "null", '"just a string"', '{"text": ""}', "{not json", '{"id": "x", "text": "a"' * 1_000,
]
# odd but loadable: Python's json reads these (as inf and nan)
JSON_LINES_ODD = ['{"id": "big", "text": "x", "f": 1e999999}', '{"id": "nan", "text": "y", "f": NaN}']
FRONT_MATTER_BAD = [
    "date: 2024-13-45", "date: 2024-10-28T10:00:00+25:00", "published_at: 2024-02-30", "date: 9999-99-99T99:99:99",
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    "title: [unclosed", "title: !!python/object:os.system echo", "x: " + "[" * 5_000 + "]" * 5_000,
    "title: \"\\uD800\"", "notes: '" + "y" * 70_000 + "'", ": : :", "date: !!timestamp 2024-99-01",
    "author: {a: {b: {c: {d: 1}}}}", "title: !!binary aGVsbG8=",
]
HTML_FRAGMENTS = [
    "<div>" * 5_000 + "deep" + "</div>" * 5_000, "&#xD800;&#0;&#x110000;" * 500, "<script>" + "x" * 10_000,
    "<!--" + "c" * 10_000, "<![CDATA[" + "z" * 5_000, "<p>" * 10_000, "<table>" + "<tr><td>1" * 3_000,
    '<meta property="og:title" content="' + "t" * 50_000 + '">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": ' + "[" * 3_000 + "}</script>",
    "<svg><foreignObject><p>in svg</p></foreignObject></svg>", "<?xml version='1.0' encoding='latin-1'?>",
    "<html><body></body></html>", "\x00\x01\x02", "<title>" + "_a " * 5_000 + "</title>",
]


def _article_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]


def _html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    return (f"<!DOCTYPE html><html><head><title>{title} | Example News</title>"
            f'<meta property="og:title" content="{title}"><meta name="author" content="Jane Doe">'
            f'<meta property="article:published_time" content="2024-10-28T09:00:00Z"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Copyright 2024</footer></body></html>")


def _pdf(text: str) -> bytes:
    pdf = pymupdf.open()
    for part in (text[:1_500], text[1_500:3_000]):
        pdf.new_page().insert_textbox(pymupdf.Rect(50, 50, 550, 800), part or "empty page", fontsize=9)
    pdf.set_metadata({"title": "Sample", "creationDate": "D:20241028103000Z"})
    return pdf.tobytes(garbage=0, deflate=False, no_new_id=True)


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        op = rng.random()
        pos = rng.randrange(len(out) + 1)
        if op < 0.4 and out:
            out[min(pos, len(out) - 1)] = rng.randrange(256)
        elif op < 0.6:
            out[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op < 0.8:
            del out[pos:pos + rng.randint(1, 200)]
        else:
            out = out[:pos] or out
    return bytes(out)


def _insert(rng: random.Random, text: str, fragment: str) -> str:
    pos = rng.randrange(len(text) + 1)
    return text[:pos] + fragment + text[pos:]


def generate_cases() -> list[Case]:
    rng = random.Random(SEED)
    texts = _article_texts()
    cases: list[Case] = []
    for i in range(CASES_PER_FORMAT):
        text = rng.choice(texts)
        kind = i % 3
        if kind == 0:  # hostile text spliced into a real article
            data = _insert(rng, text, rng.choice(TEXT_FRAGMENTS)).encode("utf-8", "surrogatepass")
            cases.append(Case(f"txt-splice-{i}", ".txt", data, bad=False))
        elif kind == 1:  # random byte damage
            data = _mutate_bytes(rng, text.encode("utf-8"))
            cases.append(Case(f"txt-bytes-{i}", ".txt", data, bad=False))
        else:  # invalid UTF-8 for sure
            data = text.encode("utf-8")[:200] + b"\xff\xfe\xc3" + text.encode("utf-8")[200:]
            cases.append(Case(f"txt-latin-{i}", ".txt", data, bad=True))

        body = rng.choice(texts)
        if kind == 0:
            front = rng.choice(FRONT_MATTER_BAD)
            md = f"---\ntitle: Story {i}\n{front}\n---\n{body}"
            cases.append(Case(f"md-front-{i}", ".md", md.encode("utf-8"), bad=True))
        elif kind == 1:
            md = f"---\ntitle: Story {i}\ndate: 2024-10-28\n---\n# Heading\n\n" + _insert(rng, body, rng.choice(TEXT_FRAGMENTS))
            cases.append(Case(f"md-body-{i}", ".md", md.encode("utf-8"), bad=False))
        else:
            md = f"---\ntitle: Story {i}\n---\n{body}"
            cases.append(Case(f"md-bytes-{i}", ".md", _mutate_bytes(rng, md.encode("utf-8")), bad=False))

        page = _html(f"Story {i}", rng.choice(texts))
        if kind == 2:
            cases.append(Case(f"html-bytes-{i}", ".html", _mutate_bytes(rng, page.encode("utf-8")), bad=False))
        else:
            spliced = _insert(rng, page, rng.choice(HTML_FRAGMENTS))
            cases.append(Case(f"html-splice-{i}", ".html", spliced.encode("utf-8", "surrogatepass"), bad=False))

        good = [json.dumps({"id": f"r{i}-{n}", "title": f"T{n}", "text": t[:2_000]}) for n, t in enumerate(rng.sample(texts, 3))]
        if kind == 1:
            lines = good[:1] + [rng.choice(JSON_LINES_BAD)] + good[1:]
            cases.append(Case(f"jsonl-bad-{i}", ".jsonl", "\n".join(lines).encode("utf-8"), bad=True))
            lines = good[:1] + [rng.choice(JSON_LINES_ODD)] + good[1:]
            cases.append(Case(f"jsonl-odd-{i}", ".jsonl", "\n".join(lines).encode("utf-8"), bad=False))
        else:
            data = _mutate_bytes(rng, "\n".join(good).encode("utf-8"))
            cases.append(Case(f"jsonl-bytes-{i}", ".jsonl", data, bad=False))

    pdf = _pdf(texts[0])
    for i in range(CASES_PER_FORMAT // 2):
        cases.append(Case(f"pdf-bytes-{i}", ".pdf", _mutate_bytes(rng, pdf), bad=False))
    cyclic = re.sub(rb"(/Kids\[\d+ 0 R )\d+ 0 R", lambda m: m.group(1) + b"2 0 R", pdf, count=1)
    cases.append(Case("pdf-cycle", ".pdf", cyclic, bad=True))
    cases.append(Case("pdf-truncated", ".pdf", pdf[: len(pdf) // 2], bad=True))
    return cases


CASES = generate_cases()


def run_case(case: Case, folder: Path, check: Callable[[Case, list[str]], None]) -> None:
    path = folder / f"{case.name}{case.suffix}"
    path.write_bytes(case.data)
    problems: list[str] = []
    try:
        result = load_file(path, case.name, 20 * 1024 * 1024)
    except QAError as exc:
        problems.append(exc.message)
        check(case, problems)
        return
    problems.extend(w.reason for w in result.warnings)
    detector = DuplicateDetector()
    for raw in result.documents:
        try:
            doc = clean_document(raw)
        except QAError as exc:
            problems.append(exc.message)
            continue
        for value in (doc.doc_id, doc.text, doc.title, doc.source, doc.published_at, doc.url, doc.author):
            if value is not None:
                value.encode("utf-8")  # raises on a lone surrogate: nothing unwritable may be stored
        detector.add(doc.doc_id, doc.text)
        for chunk in chunk_document(doc, count_tokens, chunk_tokens=200, overlap_tokens=40):
            assert doc.text[chunk.start:chunk.end] == chunk.text
            # within the budget, or a word alone over it, or a run of non-prose cut by characters (which may
            # end in the prose its last paragraph group held: qa/ingest/chunking.py)
            assert count_tokens(chunk.text) <= 200 or " " not in chunk.text or len(chunk.text) <= NON_PROSE_CHUNK_CHARS
    check(case, problems)


def _check(case: Case, problems: list[str]) -> None:
    for problem in problems:
        assert "\n" not in problem and len(problem) < 300, f"{case.name}: warning not one short line: {problem!r}"
    if case.bad:
        assert problems, f"{case.name}: built to be bad but loaded without a warning"


def test_the_fuzz_set_covers_every_format():
    suffixes = {c.suffix for c in CASES}
    assert suffixes == {".txt", ".md", ".html", ".jsonl", ".pdf"}
    assert 250 <= len(CASES) <= 400 and sum(c.bad for c in CASES) >= 70


@pytest.mark.parametrize("chunk_of_cases", range(5), ids=lambda n: f"part{n}")
def test_no_file_crashes_or_stalls_ingest(chunk_of_cases, tmp_path):
    slow: list[str] = []
    for case in CASES[chunk_of_cases::5]:
        started = time.perf_counter()
        run_case(case, tmp_path, _check)
        seconds = time.perf_counter() - started
        if seconds > MAX_CASE_SECONDS:
            slow.append(f"{case.name} took {seconds:.1f} s")
    assert not slow, slow
