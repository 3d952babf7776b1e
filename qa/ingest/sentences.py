"""Split text into sentences as character spans, fast and without NLP models.

Used by chunking (whole sentences per chunk) and by the answer layer (quoting sentences),
so it returns spans into the given text rather than strings: `text[s:e]` is a sentence,
stripped of surrounding whitespace, and spans are in order and never overlap.

Rules, in the order they are applied:

* A line break always ends a sentence (cleaned text has one paragraph per line).
* Inside a line, a sentence ends after `.`, `!`, `?` or `…` (with any closing quotes or
  brackets that follow) when whitespace and then a plausible sentence start follow: an
  upper-case or caseless letter, a digit, an opening quote or bracket. `"Stop!" he said`
  and `1.5` and `U.S.-led` therefore never split.
* Not after an abbreviation that cannot end a sentence: titles (`Mr.`, `Dr.`, `Gen.`,
  `St.`...), a single initial (`J. Smith`), `e.g.`, `vs.`; nor after `No.`, `Jan.`, `Fig.`...
  when a number follows.
* After a dotted acronym (`U.S.`, `U.K.`, `a.m.`) or `Inc.`/`Jr.` only when the next word is
  a usual sentence opener ("The", "He", "But"...): "the U.S. The" splits, "U.S. officials"
  and "U.S. Defense Department" do not. A heuristic, chosen because in news text acronyms
  are far more often followed by a proper noun than by a new sentence.
* Not inside a quotation that closes within 400 characters on the same line, so a quoted
  statement of several sentences stays together with its attribution.
  Chunking cuts a sentence that is too long at word boundaries, so this costs nothing there.
"""

from __future__ import annotations

import bisect
import re

_BOUNDARY = re.compile(r"(?:[.!?…]+|[。！？]+)[\"'”’)\]»]*(?=\s+|$)|[。！？]+[\"”’)\]」』]*")
_NEXT_START = re.compile(r"\s+([\"'“‘(\[«¿¡$€£]*)(\w+)")
_CJK_STOPS = "。！？"
_MAX_WORD_LOOKBACK = 40  # abbreviations are short; looking further back only costs time

# never end a sentence: titles and words that always precede something
_ALWAYS = frozenset(
    "mr mrs ms messrs mmes dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr brig gov sen rep reps rev hon "
    "pres supt insp det fr mt st ste e.g i.e vs v cf viz al approx dept univ esp".split()
)
# end a sentence unless a number follows ("No. 5", "Jan. 5", "Fig. 2", "pp. 10")
_BEFORE_NUMBER = frozenset(
    "no nos nr vol vols p pp fig figs art ch chap sec para op jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# ambiguous: end a sentence only when a sentence opener follows
_CONTEXTUAL = frozenset("inc ltd co corp llc plc jr sr etc bros ave blvd rd ft".split())
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_OPENERS = frozenset(
    "the a an this that these those there then thus it its he she they we i you his her their our my "
    "but and or so yet in on at as after before when while if although though however meanwhile since "
    "for from with without by of to according last next earlier later still also other some many most "
    "no not one two three officials what why how who where".split()
)
# a quotation longer than this (or unclosed on its line) is treated as a stray quote mark
_MAX_QUOTE_CHARS = 400
_QUOTE_PAIRS = re.compile(r"“[^“”\n]{1,%d}”|\"[^\"\n]{1,%d}\"|«[^«»\n]{1,%d}»" % ((_MAX_QUOTE_CHARS,) * 3))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans `(start, end)` of the sentences of `text` (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        _split_line(line, pos, spans)
        pos += len(line) + 1
    return spans


def _split_line(line: str, offset: int, out: list[tuple[int, int]]) -> None:
    if not line.strip():
        return
    quoted = [(m.start(), m.end()) for m in _QUOTE_PAIRS.finditer(line)] if ('"' in line or "“" in line or "«" in line) else []
    quote_starts = [s for s, _ in quoted]
    content_end = len(line.rstrip())
    start = 0
    for m in _BOUNDARY.finditer(line):
        end = m.end()
        if end >= content_end:
            break  # the line end closes the last sentence anyway
        if _inside(end, quoted, quote_starts) or not _is_boundary(line, m.start(), end):
            continue
        _emit(line, start, end, offset, out)
        start = end
    _emit(line, start, len(line), offset, out)


def _is_boundary(line: str, term_start: int, end: int) -> bool:
    terminator = line[term_start:end]
    if terminator[0] in _CJK_STOPS:
        return True  # CJK text has no spaces and no abbreviations with a full stop
    nxt = _NEXT_START.match(line, end)
    if nxt is None:
        return False
    opener_marks, next_word = nxt.group(1), nxt.group(2)
    first = next_word[0]
    if not opener_marks and not (first.isdigit() or (first.isalpha() and not first.islower())):
        return False  # lower case continues the sentence: '"Stop!" he said', 'e.g. this'
    if not terminator.startswith(".") or "..." in terminator or "…" in terminator:
        return True  # ! ? and ellipses end a sentence when a sentence start follows
    word = _word_before(line, term_start).lstrip("\"'“‘([«").rstrip(".")
    if not word:
        return True
    key = word.lower()
    if _INITIAL.match(word + ".") or key in _ALWAYS:
        return False
    if key in _BEFORE_NUMBER:
        return not first.isdigit()
    if _ACRONYM.match(word + ".") or key in _CONTEXTUAL:
        return next_word.lower() in _OPENERS
    return True


def _word_before(line: str, end: int) -> str:
    """The run of non-space characters that ends at `end` (a regex `\\S+$` search is quadratic)."""
    start = end
    limit = max(0, end - _MAX_WORD_LOOKBACK)
    while start > limit and not line[start - 1].isspace():
        start -= 1
    return line[start:end]


def _inside(pos: int, regions: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether `pos` is strictly inside one of `regions` (sorted, disjoint; `starts` their starts).

    Strictly: a boundary right after the closing quote is outside the quotation. Bisection,
    because a line of thousands of short quotations made a scan per boundary quadratic.
    """
    i = bisect.bisect_left(starts, pos) - 1  # the last region starting before pos
    return i >= 0 and pos < regions[i][1]


def _emit(line: str, start: int, end: int, offset: int, out: list[tuple[int, int]]) -> None:
    segment = line[start:end]
    stripped = segment.strip()
    if not stripped:
        return
    lead = len(segment) - len(segment.lstrip())
    s = offset + start + lead
    out.append((s, s + len(stripped)))


# Every evidence span of a chunk gets its own 384-dimension sentence vector (768 bytes in float16). A file of
# tiny "sentences" ('"Hi." A "b." C ' x 60,000; or "A. " repeated: 250 bytes of vectors per byte of text)
# would need hundreds of megabytes for them, so a chunk keeps at most one span per this many characters
# and adjacent sentences are grouped beyond that. Real text never reaches the bound: the densest chunks of
# MultiHop-RAG (609 articles), the mixed set (33) and the kursk sample (5), chunked either way, hold a
# sentence per 13.6, 15.9 and 61.3 characters (numbered lists: "9. Denver Broncos (6-6)" is two sentences);
# eval/bench/sentence_density.py, eval/bench/hardening.md section 5.
MIN_CHARS_PER_EVIDENCE_SPAN = 13


def bounded_spans(spans: list[tuple[int, int]], length: int,
                  min_chars: int = MIN_CHARS_PER_EVIDENCE_SPAN) -> list[tuple[int, int]]:
    """`spans` (in order, disjoint, of a text of `length` characters), or, when they are more than one per
    `min_chars` characters, adjacent spans grouped into `max(1, length // min_chars)` evidence spans of as
    even a number of sentences as counts allow (each from its first sentence's start to its last's end)."""
    cap = max(1, length // min_chars)
    n = len(spans)
    if n <= cap:
        return spans
    return [(spans[g * n // cap][0], spans[(g + 1) * n // cap - 1][1]) for g in range(cap)]


# Non-prose: text that is not sentences of words (runs of digits or symbols, one-token lines). It is cut into
# large chunks by characters, embedded from its opening characters only and not read for named entities, so
# a 1 MB file of it costs seconds, not the minutes prose costs (6,943 chunks and 188 CPU s for 1 MB of
# distinct 5-digit numbers; eval/bench/hardening.md, section 5). Real text never reads as non-prose: no
# paragraph group, chunk or entity piece of kursk, mixed, pages or MultiHop-RAG does
# (eval/bench/sentence_density.py --pieces).
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
NON_PROSE_MIN_WORDS = 8  # fewer words say too little either way: prose
# Under this share of words holding a run of two letters: non-prose. Sports tables of MultiHop-RAG stay prose:
# "Team GP W D L GD P 1. Atletico (Q) 6 4 2 0 +11 14 ..." holds 0.19 to 0.27, a baseball line score ("1 2 3 4 5
# 6 7 8 9 F Rangers 0 5 5 ... Diamondbacks 0 0 ...") 0.077, and names two teams.
NON_PROSE_LETTERED_SHARE = 0.05
# 10 lines or more with fewer words a line than this: one-token lines (a team's line-up of 8 lines stays prose)
NON_PROSE_WORDS_PER_LINE = 1.5
NON_PROSE_MIN_LINES = 10


def is_prose(text: str) -> bool:
    """Whether `text` reads as prose (see above): at least `NON_PROSE_LETTERED_SHARE` of its words hold two
    letters in a row, and, over `NON_PROSE_MIN_LINES` lines or more, at least `NON_PROSE_WORDS_PER_LINE` words
    a line."""
    words = text.split()
    if len(words) < NON_PROSE_MIN_WORDS:
        return True
    if sum(1 for w in words if _LETTER_WORD.search(w)) < NON_PROSE_LETTERED_SHARE * len(words):
        return False
    lines = text.count("\n") + 1
    return lines < NON_PROSE_MIN_LINES or len(words) >= NON_PROSE_WORDS_PER_LINE * lines


def prose_paragraphs(paragraphs: list[str]) -> list[bool]:
    """For each paragraph (a line of cleaned text), whether it reads as prose: `is_prose`, and not one of a run
    of `NON_PROSE_MIN_LINES` or more one-word paragraphs (one word alone says nothing either way)."""
    flags = [is_prose(p) for p in paragraphs]
    start = None
    for i, paragraph in enumerate([*paragraphs, "two words"]):  # a sentinel closes the last run
        if len(paragraph.split()) == 1:
            start = i if start is None else start
            continue
        if start is not None and i - start >= NON_PROSE_MIN_LINES:
            flags[start:i] = [False] * (i - start)
        start = None
    return flags
