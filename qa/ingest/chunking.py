"""Cut a cleaned document into sentence-aware, overlapping chunks with exact character offsets.

Rules:

* A chunk is a run of whole sentences (`qa.ingest.sentences`) of at most `chunk_tokens`
  tokens, as counted by the injected `count_tokens` (the embedder's word-piece count).
* The next chunk starts with the trailing sentences of the previous one worth at most
  `overlap_tokens`, so a fact spread over a chunk border is whole in one of them.
* Chunks never cross a paragraph (line) border, except that a paragraph shorter than a
  quarter of the budget is merged with the next one (a lone subheading or a one-line
  paragraph makes a poor chunk on its own); a short last paragraph joins the one before.
* A single sentence longer than the budget is cut at word boundaries (a word longer than
  the budget, such as a huge URL, at character boundaries).
* Non-prose paragraphs (`qa.ingest.sentences.prose_paragraphs`: runs of digits or symbols,
  one-token lines) are cut into runs of at most `NON_PROSE_CHUNK_CHARS` characters at white
  space, without overlap; the prose around them is chunked as above.

Offsets: `doc.text[chunk.start:chunk.end] == chunk.text` always; chunks are spans of the
stored text, never re-joined strings, so citations point at exact characters.

Ids: `chunk_id` is the first 16 hex characters of
sha256(f"{doc_id}\\0{n}\\0{text}"), where n counts earlier chunks of the document with the
same text. Ids are derived from content only: the same document chunked with the same
settings gives the same ids in every run, and a repeated passage still gets its own id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from qa.errors import InputError
from qa.ingest.sentences import prose_paragraphs, split_sentences
from qa.types import Chunk, Document

_NON_SPACE = re.compile(r"\S+")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class _Unit:
    """A piece that is never cut further: a sentence, or a slice of an overlong one."""

    start: int
    end: int
    tokens: int


def chunk_document(
    doc: Document,
    count_tokens: Callable[[str], int],
    chunk_tokens: int = 200,
    overlap_tokens: int = 40,
    across_paragraphs: bool = False,
) -> list[Chunk]:
    """Chunks of `doc.text` in document order (see the module docstring for the rules).

    With `across_paragraphs`, sentences are packed up to the budget regardless of paragraph borders:
    corpora whose paragraphs are single short lines otherwise give chunks too small to hold a fact's context.
    """
    if chunk_tokens < 1:
        raise InputError(f"chunk_tokens must be at least 1, got {chunk_tokens}")
    if not 0 <= overlap_tokens < chunk_tokens:
        raise InputError(f"overlap_tokens must be >= 0 and smaller than chunk_tokens ({chunk_tokens}), got {overlap_tokens}")
    text = doc.text
    spans: list[tuple[int, int]] = []
    groups = _paragraph_groups(text, count_tokens, chunk_tokens)
    flags = iter(prose_paragraphs([text[s:e] for group in groups for s, e in group]))
    # Runs of paragraphs: prose ones as grouped (all of them across paragraphs), non-prose ones together.
    runs: list[tuple[bool, int, list[tuple[int, int]]]] = []  # (prose, group number, paragraph spans)
    for number, group in enumerate(groups):
        for paragraph in group:
            prose = next(flags)
            if runs and runs[-1][0] == prose and (not prose or across_paragraphs or runs[-1][1] == number):
                runs[-1][2].append(paragraph)
            else:
                runs.append((prose, number, [paragraph]))
    for prose, _, group in runs:
        if not prose:  # cut by characters: no sentences to keep whole, nothing worth a chunk per 200 tokens
            spans.extend(_character_runs(text, group[0][0], group[-1][1], NON_PROSE_CHUNK_CHARS))
            continue
        units = [u for start, end in group for u in _units(text, start, end, count_tokens, chunk_tokens)]
        spans.extend(_pack(units, chunk_tokens, overlap_tokens))
    return _make_chunks(doc.doc_id, text, spans)


# Characters per chunk of non-prose (`qa.ingest.sentences.is_prose`): 1 MB of it is 125 chunks.
NON_PROSE_CHUNK_CHARS = 8000


def _character_runs(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Spans of at most `limit` characters covering the words of `text[start:end]`, cut at white space where
    there is some, without overlap."""
    spans = []
    while start < end:
        stop = min(end, start + limit)
        if stop < end:
            cut = max(text.rfind(" ", start + 1, stop), text.rfind("\n", start + 1, stop))
            stop = cut if cut > start else stop
        s, e = _strip(text, start, stop)
        if s < e:
            spans.append((s, e))
        start = stop
    return spans


def embedding_prefix(doc: Document) -> str:
    """The context put before every chunk of `doc` when it is embedded.

    Format: the headline on the first line, then (when known) "source · YYYY-MM-DD" on the
    second, each line ending in "\\n"; empty parts are left out. The prefix is constant per
    document, so `len(embedding_prefix(doc))` maps offsets in the embedded string back to
    the chunk.
    """
    lines = []
    if doc.title.strip():
        lines.append(" ".join(doc.title.split()))
    meta = " · ".join(p for p in ((doc.source or "").strip(), (doc.published_at or "").strip()[:10]) if p)
    if meta:
        lines.append(meta)
    return "".join(line + "\n" for line in lines)


def embedding_text(doc: Document, chunk: Chunk) -> str:
    """What is embedded for `chunk`: `embedding_prefix(doc) + chunk.text`."""
    return embedding_prefix(doc) + chunk.text


def chunk_id(doc_id: str, ordinal_of_identical_text: int, text: str) -> str:
    """First 16 hex chars of sha256(doc_id NUL n NUL text): stable and content-derived."""
    raw = f"{doc_id}\x00{ordinal_of_identical_text}\x00{text}".encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:16]


def _paragraph_groups(
    text: str, count_tokens: Callable[[str], int], budget: int
) -> list[list[tuple[int, int]]]:
    """Paragraph spans (stripped lines), with tiny ones merged into their neighbour."""
    tiny = budget / 4
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    current_tokens = 0
    for m in _PARAGRAPH.finditer(text):
        start, end = _strip(text, m.start(), m.end())
        if start == end:
            continue
        current.append((start, end))
        current_tokens += _count_upto(text, start, end, count_tokens, budget)
        if current_tokens >= tiny:
            groups.append(current)
            current, current_tokens = [], 0
    if current:
        if groups:
            groups[-1].extend(current)  # a short closing paragraph joins the one before
        else:
            groups.append(current)
    return groups


def _units(text: str, start: int, end: int, count_tokens: Callable[[str], int], budget: int) -> list[_Unit]:
    units = []
    for s, e in split_sentences(text[start:end]):
        s, e = start + s, start + e
        n = _count_upto(text, s, e, count_tokens, budget)
        if n <= budget:
            units.append(_Unit(s, e, n))
        else:
            units.extend(_split_long(text, s, e, count_tokens, budget))
    return units


def _split_long(text: str, start: int, end: int, count_tokens: Callable[[str], int], budget: int) -> list[_Unit]:
    """Cut an overlong sentence into runs of whole words, each within the budget.

    Runs are counted whole (a word-piece tokenizer counts a run as the sum of its words), so a
    run costs a few counts however many words it holds; counting each word on its own made a
    megabyte-long "sentence" of 300,000 words cost 300,000 tokenizer calls. A word over the
    budget by itself is cut by characters.
    """
    words = [(m.start(), m.end()) for m in _NON_SPACE.finditer(text, start, end)]
    return _greedy_runs(
        len(words), lambda i, j: (words[i][0], words[j - 1][1]), text, count_tokens, budget,
        lambda i: _split_chars(text, words[i][0], words[i][1], count_tokens, budget),
    )


def _count_upto(text: str, start: int, end: int, count_tokens: Callable[[str], int], limit: int) -> int:
    """Tokens of `text[start:end]` when at most `limit`; otherwise some count above `limit`.

    Growing prefixes are counted, so deciding that a megabyte-long "sentence" is over the
    budget re-tokenises a few kilobytes, not the megabyte. A prefix never holds more tokens
    than the whole, so the first prefix over the limit settles it; ordinary sentences fit
    the first window and cost one count, as before.
    """
    window = max(1024, 8 * limit)
    while True:
        stop = min(start + window, end)
        n = count_tokens(text[start:stop])
        if n > limit or stop == end:
            return n
        window *= 4


def _split_chars(text: str, start: int, end: int, count_tokens: Callable[[str], int], budget: int) -> list[_Unit]:
    """Cut one overlong word into character runs that fit the budget (see `_greedy_runs`).

    Bisecting over the whole remainder for every piece re-tokenised up to a megabyte per
    probe: a 1 MB line of `=` did not finish in 300 s.
    """
    return _greedy_runs(
        end - start, lambda i, j: (start + i, start + j), text, count_tokens, budget,
        lambda i: [_Unit(start + i, start + i + 1, count_tokens(text[start + i:start + i + 1]))],
    )


def _greedy_runs(
    items: int, span: Callable[[int, int], tuple[int, int]], text: str, count_tokens: Callable[[str], int],
    budget: int, over_alone: Callable[[int], list[_Unit]],
) -> list[_Unit]:
    """Cut items 0..items-1 (characters or words) into the longest runs whose text fits the budget.

    `span(i, j)` is the character span of items i..j-1; `over_alone(i)` handles an item over the
    budget on its own. Runs are as long as the budget allows (as packing word by word gave),
    in time linear in the text: each run first tries the previous run's length and one item
    more (two counts when the text is uniform), then doubles while it fits and bisects within
    the last step; a run's counts read a small multiple of its own text (`_count_upto` stops
    reading a candidate as soon as it is over the budget).
    """
    pieces: list[_Unit] = []
    i = 0
    guess = max(1, budget)
    while i < items:
        j = min(i + guess, items)
        n = _count_upto(text, *span(i, j), count_tokens, budget)
        if n > budget:
            j, n = _longest_run(i, i + 1, j - 1, span, text, count_tokens, budget)
            if n > budget:  # the first item alone is over the budget
                pieces.extend(over_alone(i))
                i += 1
                continue
        elif n < budget and j < items:
            step = 1  # one more item first: a uniform text's run is then settled in two counts
            while j < items:
                wider = min(j + step, items)
                n_wider = _count_upto(text, *span(i, wider), count_tokens, budget)
                if n_wider > budget:
                    j, n = _longest_run(i, j, wider - 1, span, text, count_tokens, budget, known=n)
                    break
                j, n = wider, n_wider
                step = max(1, j - i)  # then gallop: the run doubles
        s, e = span(i, j)
        pieces.append(_Unit(s, e, n))
        guess = j - i
        i = j
    return pieces


def _longest_run(
    i: int, lo: int, hi: int, span: Callable[[int, int], tuple[int, int]], text: str,
    count_tokens: Callable[[str], int], budget: int, known: int | None = None,
) -> tuple[int, int]:
    """(j, tokens) for the largest j in [lo, hi] whose run i..j-1 fits the budget (j = lo when none does)."""
    best = (lo, known if known is not None else _count_upto(text, *span(i, lo), count_tokens, budget))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        n = _count_upto(text, *span(i, mid), count_tokens, budget)
        if n <= budget:
            lo, best = mid, (mid, n)
        else:
            hi = mid - 1
    return best


def _pack(units: list[_Unit], budget: int, overlap: int) -> list[tuple[int, int]]:
    """Greedy packing of units into spans, each new span opening with the previous tail."""
    spans: list[tuple[int, int]] = []
    current: list[_Unit] = []
    tokens = 0
    for unit in units:
        if current and tokens + unit.tokens > budget:
            spans.append((current[0].start, current[-1].end))
            current = _tail(current, overlap)
            tokens = sum(u.tokens for u in current)
            while current and tokens + unit.tokens > budget:
                tokens -= current.pop(0).tokens  # the overlap gives way to the new sentence
        current.append(unit)
        tokens += unit.tokens
    if current:
        spans.append((current[0].start, current[-1].end))
    return spans


def _tail(units: list[_Unit], overlap: int) -> list[_Unit]:
    """The longest run of trailing units worth at most `overlap` tokens (never all of them)."""
    tail: list[_Unit] = []
    tokens = 0
    for unit in reversed(units[1:]):
        if tokens + unit.tokens > overlap:
            break
        tail.insert(0, unit)
        tokens += unit.tokens
    return tail


def _make_chunks(doc_id: str, text: str, spans: list[tuple[int, int]]) -> list[Chunk]:
    chunks = []
    seen: dict[str, int] = {}
    for ordinal, (start, end) in enumerate(spans):
        body = text[start:end]
        n = seen.get(body, 0)
        seen[body] = n + 1
        chunks.append(Chunk(chunk_id=chunk_id(doc_id, n, body), doc_id=doc_id, start=start, end=end, text=body, ordinal=ordinal))
    return chunks


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
