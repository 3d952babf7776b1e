"""Turn a loaded article's raw text into the cleaned text that is stored, chunked and cited.

Every character offset in the project refers to the output of `clean_text`, so it is pure
and deterministic. The output has one paragraph per line, lines joined by a single "\\n":

1. Unicode NFKC (full-width forms, ligatures, non-breaking spaces folded) and one kind of
   line break; zero-width characters, soft hyphens and stray control characters removed.
2. Runs of spaces and tabs collapsed, every line stripped, blank lines dropped.
3. A paragraph that repeats an earlier one of the same article is dropped (scrapers often
   duplicate a headline or a block of paragraphs; keeping them doubles chunks and skews
   retrieval). Paragraphs are compared casefolded, without markdown emphasis marks and
   with whitespace collapsed. A short line (under 8 words) is dropped only when it repeats
   the line right before it: in listicles and live blogs short lines such as "Where to
   watch: Netflix" or "Source: Jeff Passan, ESPN" repeat on purpose, once per item.
   Ad placeholders ("Advertisement", "Story continues below") are dropped wherever they are.
4. Trailing boilerplate is cut: going back from the end, "Source: X" lines, author bios,
   "follow me on", subscribe prompts, copyright lines, "Read more:" / "Related:" lists are
   dropped until a normal paragraph is met. Only the tail is touched: the same words in the
   middle of an article are content.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from qa.errors import LoadError
from qa.ingest.sentences import split_sentences
from qa.types import Document

TITLE_MAX_CHARS = 200
# Titles are cut to TITLE_MAX_CHARS after markdown marks are removed; only this much of the
# raw line is looked at. Mark removal is a set of backtracking regexes, quadratic on a long
# line full of unclosed `*` or `_` (a 60 kB first line took 12 s), so the raw input is
# bounded first; ten times the title length leaves room for long link targets.
_TITLE_WINDOW = 10 * TITLE_MAX_CHARS

_RARE_BREAKS = re.compile(r"[\u2028\u2029\x0b\x0c\x85]")
# Invisible characters break exact matching (dedup, BM25, quote verification) and carry no text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WS = re.compile(r"\s+")

# --- markdown marks, for titles and for comparing paragraphs
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
_QUOTE_OR_LIST = re.compile(r"^\s*(?:>\s*)+")
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|`)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_DROP_MARKS = str.maketrans("", "", "*_`#>~")

# --- trailing boilerplate. Each pattern is why a closing paragraph is not article content.
# A named group `source` on a pattern fills Document.source when the loader had none.
_SOURCE_LINE = re.compile(r"^(?:source|sources|originally published (?:by|in|on)|via)\s*[:\-–—]\s*(?P<source>[^.!?]{1,100}?)\.?$", re.I)
# Lines that stand for an ad slot in scraped pages: never content, wherever they appear.
_AD_PLACEHOLDER = re.compile(
    r"^(?:advertisement|advertisements|advert|sponsored(?: content)?|ad|"
    r"(?:advertisement\s+)?(?:article|story) continues (?:below|after)(?: this)?(?: ad(?:vertisement)?)?|"
    r"scroll to continue(?: with content)?)\W*$", re.I)
# A picture's credit line ("Featured Image Credit: Australian Government", "Photo credit: Getty Images", "Credit:
# Reuters"): a caption of the page's furniture, never the story, wherever it appears
_CREDIT_LINE = re.compile(r"^(?:(?:featured|main|top|header|lead)\s+)?(?:(?:image|photo|picture|video|graphic)s?\s+)?"
                          r"credits?\s*[:\-–—|]\s*.{0,100}$", re.I)
# Repeats of lines shorter than this are kept unless adjacent (see the module docstring).
_MIN_REPEAT_WORDS = 8

_TRAILER_PATTERNS: tuple[re.Pattern[str], ...] = (
    _SOURCE_LINE,
    # first-person author bios that content farms append ("I have been working in the news ...")
    re.compile(r"^i\s*(?:have|'ve|’ve)\s+been\s+(?:working|writing|reporting|covering|a\s+\w+)\b", re.I),
    re.compile(r"^i\s+am\s+an?\s+(?:[\w-]+\s+){0,3}(?:reporter|journalist|writer|editor|correspondent|columnist)\b", re.I),
    # third-person bios: a capitalised name right before "is a ... reporter at" ("Jane Doe is a
    # senior reporter at ..."); "Smith, who is a reporter for CNN, said" does not match
    re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,4}(?i:(?:is|was)\s+an?\s+(?:[\w-]+\s+){0,4}(?:reporter|editor|journalist|"
               r"correspondent|writer|columnist|contributor|producer)\s+(?:at|for|with|based)\b)"),
    # social / newsletter prompts
    re.compile(r"\bfollow\s+(?:me|us|him|her|them)\s+on\b|^(?:please\s+)?subscribe\b|^sign\s+up\b|"
               r"\bnewsletter\b.{0,40}\b(?:sign|subscribe)", re.I),
    # legal lines
    re.compile(r"©|\(c\)\s*\d{4}|^copyright\b|\ball rights reserved\b", re.I),
    # link lists to other stories: only as a label ("Read more:", "Related"), not as prose
    re.compile(r"^(?:read more|related(?: \w+)?|see also|more from(?: [\w ]{1,40})?|also read|recommended(?: \w+)?)"
               r"\s*(?:[:\-–—|>»]|$)", re.I),
)
# A bio or prompt is short; a long closing paragraph that merely mentions "subscribe" is content.
_TRAILER_MAX_CHARS = 600


def clean_text(text: str) -> str:
    """Return the cleaned text of an article (see the module docstring for each step)."""
    return _clean(text)[0]


def clean_document(doc: Document) -> Document:
    """Return `doc` with cleaned text and title; a trailing "Source: X" fills a missing source.

    Raises `LoadError` when nothing is left (e.g. a file holding only boilerplate), and when
    cleaning fails in any other way: one document must never abort an ingest.
    """
    try:
        text, source = _clean(doc.text)
        title = (clean_title(doc.title) or guess_title(text)) if text else ""
    except Exception as exc:  # a bug met on one hostile text: a warning for that file, not an abort
        raise LoadError(f"could not be cleaned ({type(exc).__name__})") from exc
    if not text:
        raise LoadError("no text left after cleaning")
    return dataclasses.replace(doc, text=text, title=title, source=doc.source or source)


def clean_title(title: str) -> str:
    """NFKC, markdown heading/emphasis/link marks removed, whitespace collapsed, at most 200 chars."""
    title = unicodedata.normalize("NFKC", (title or "")[:_TITLE_WINDOW])
    title = _INVISIBLE.sub("", title)
    title = strip_markdown_marks(_WS.sub(" ", title).strip())
    return _truncate(title, TITLE_MAX_CHARS)


def guess_title(text: str) -> str:
    """The first non-empty line with markdown marks removed, at most 200 characters.

    A first line longer than that is a lead paragraph, not a headline: its first sentence is
    taken when it fits, which reads better than a cut in mid-sentence.
    """
    for line in text.splitlines():
        title = clean_title(line) if len(line) <= TITLE_MAX_CHARS else _first_sentence(line)
        if title:
            return title
    return ""


def _first_sentence(line: str) -> str:
    line = line[:_TITLE_WINDOW]
    plain = strip_markdown_marks(" ".join(_INVISIBLE.sub("", unicodedata.normalize("NFKC", line)).split()))
    spans = split_sentences(plain)
    if spans and spans[0][1] - spans[0][0] <= TITLE_MAX_CHARS:
        return plain[spans[0][0]:spans[0][1]]
    return _truncate(plain, TITLE_MAX_CHARS)


def strip_markdown_marks(s: str) -> str:
    """`# X` -> `X`, `**X**` -> `X`, `[X](url)` -> `X`; other text unchanged."""
    s = _HEADING.sub("", s)
    s = _QUOTE_OR_LIST.sub("", s)
    s = _LINK.sub(r"\1", s)
    for _ in range(3):  # nested marks like ***X*** or **_X_**
        s2 = _UNDERSCORE.sub(r"\1", _EMPHASIS.sub(r"\2", s))
        if s2 == s:
            break
        s = s2
    return s.strip()


def paragraph_key(paragraph: str) -> str:
    """The form two paragraphs are compared in: casefolded, without marks, whitespace collapsed."""
    return " ".join(paragraph.casefold().translate(_DROP_MARKS).split())


def _clean(text: str) -> tuple[str, str | None]:
    # the checks before each step skip work on already clean text (most of a corpus)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _RARE_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    paragraphs: list[str] = []
    seen: set[str] = set()
    previous_key = None
    for line in text.split("\n"):
        # str.split() collapses spaces and tabs (and the other Unicode spaces NFKC leaves) and
        # strips, much faster than a regex; line breaks are already gone from `line`
        line = " ".join(line.split())
        if not line or _AD_PLACEHOLDER.match(line) or _CREDIT_LINE.match(line):
            continue
        key = paragraph_key(line)
        if key == previous_key or (key in seen and key.count(" ") + 1 >= _MIN_REPEAT_WORDS):
            continue
        seen.add(key)
        previous_key = key
        paragraphs.append(line)
    paragraphs, source = _drop_trailer(paragraphs)
    return "\n".join(paragraphs), source


def _drop_trailer(paragraphs: list[str]) -> tuple[list[str], str | None]:
    source: str | None = None
    end = len(paragraphs)
    while end > 0 and _is_trailer(paragraphs[end - 1]):
        m = _SOURCE_LINE.match(strip_markdown_marks(paragraphs[end - 1]))
        if m and source is None:
            source = m.group("source").strip()
        end -= 1
    return paragraphs[:end], source


def _is_trailer(paragraph: str) -> bool:
    if len(paragraph) > _TRAILER_MAX_CHARS:
        return False
    plain = strip_markdown_marks(paragraph)
    return any(p.search(plain) for p in _TRAILER_PATTERNS)


def _truncate(s: str, limit: int) -> str:
    if len(s) <= limit:
        return s
    cut = s[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-")
