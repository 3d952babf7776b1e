"""Answer-format directives: the asker saying what form the answer takes, not what is asked.

"Number only: soldiers per unit in ...", "Give me a name and nothing else: ...", "Yes or no, no hedging: does ...",
"One-word answer: ...", "... Answer in one word." A directive is no part of the question: its words ("number",
"hedging", "context") are no terms to search for. The question proper is typed by its own words, not by the
directive's (typing "Number only: soldiers per unit ..." as a count turned two right answers wrong on kursk_more10).
The answer then gives the value alone with its citation, not the value and the sentence that states it.

Only the asker's own framing is read here, in plain English words for kinds of answers (number, name, date, age,
place, percentage, word, yes or no); nothing about any story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the kind of answer a directive names -> what it asks for
_WANTS = {
    "number": "number", "figure": "number", "count": "number", "total": "number", "amount": "number",
    "sum": "number", "name": "name", "person": "name", "date": "date", "day": "date", "year": "date",
    "age": "age", "place": "place", "city": "place", "town": "place", "country": "place", "location": "place",
    "percentage": "percent", "percent": "percent", "word": "short", "one-word": "short", "one word": "short",
    "single-word": "short", "single word": "short", "short": "short", "brief": "short", "quick": "short",
    "yes or no": "yesno", "yes-or-no": "yesno", "yes/no": "yesno", "y/n": "yesno", "true or false": "yesno",
    "true/false": "yesno",
}
_KINDS = r"number|figure|count|total|amount|sum|name|person|date|day|year|age|place|city|town|country|location|" \
         r"percentage|percent|word"
_OPENING = r"^\s*(?:(?:please|ok(?:ay)?|hey|um+|uh+|so)[\s,]+)*"
_GIVE = r"(?:(?:just|only)\s+)?(?:(?:give|tell|send)\s+(?:me|us)\s+)?(?:(?:just|only)\s+)?(?:the\s+|an?\s+|one\s+)?"
# a leading directive ends on a colon or a dash before the question proper: "Number only, skip the background: ..."
_END = r"(?P<extra>[^:?]{0,60}?)\s*(?::|\s[-–—]\s)\s*"
_LEADING = (
    re.compile(_OPENING + _GIVE + rf"(?P<kind>{_KINDS})s?\s+(?:only|alone|and\s+nothing\s+else)\b" + _END, re.I),
    re.compile(_OPENING + _GIVE + r"(?P<kind>(?:one|single)[- ]word|short|brief|quick|yes[- ]or[- ]no|yes/no)"
               r"(?:\s+(?:answer|reply|response))?\b" + _END, re.I),
    re.compile(_OPENING + r"(?:answer\s+)?in\s+(?P<kind>one\s+word|a\s+single\s+word)" + _END, re.I),
)
# a closing directive: "... Answer in one word.", "... Yes or no?", "... just the name, nothing else."
_TRAILING = (
    re.compile(r"(?<=[?.!,;:])\s*(?:please\s+)?(?:answer|reply|respond)\s+(?:in|with)\s+(?:one|a\s+single)\s+"
               r"(?P<kind>word)(?:,?\s+please)?[.!]?\s*$", re.I),
    # "... per the Stern piece? y/n", "... (yes/no)", "... true or false?"
    re.compile(r"(?<=[?.!,;:])\s*(?:please\s+)?\(?(?P<kind>yes\s+or\s+no|yes/no|y/n|true\s+or\s+false|true/false|"
               r"one\s+word)\)?(?:,?\s+please)?[.?!]?\s*$", re.I),
    re.compile(r"(?<=[?.!,;:])\s*(?:please\s+)?(?:(?:just|only)\s+)(?:give\s+(?:me|us)\s+)?(?:the\s+|an?\s+)?"
               rf"(?P<kind>{_KINDS})s?(?:\s+(?:only|alone))?(?:,?\s+(?:and\s+)?nothing\s+else)?(?:,?\s+please)?"
               r"[.!]?\s*$", re.I),
    re.compile(r"(?<=[?.!,;:])\s*(?:please\s+)?(?:the\s+|an?\s+)?"
               rf"(?P<kind>{_KINDS})s?\s+(?:only|alone|and\s+nothing\s+else)(?:,?\s+please)?[.!]?\s*$", re.I),
)


@dataclass(frozen=True)
class FormatDirective:
    """A directive found in a question: what it asks for and the question without it."""

    wants: str  # "number", "name", "date", "age", "place", "percent", "yesno" or "short"
    question: str  # the question proper


def split_directive(text: str) -> FormatDirective | None:
    """The answer-format directive `text` opens or closes with, and the question without it; None when it has none
    (or when nothing but the directive is left)."""
    for pattern in _LEADING:
        m = pattern.match(text)
        if m and text[m.end():].strip():
            return FormatDirective(_wants(m.group("kind")), _capitalised(text[m.end():].strip()))
    for pattern in _TRAILING:
        m = pattern.search(text)
        if m and text[:m.start()].strip(" ,;:"):
            return FormatDirective(_wants(m.group("kind")), text[:m.start()].strip().rstrip(",;:").strip())
    return None


def _wants(kind: str) -> str:
    return _WANTS[" ".join(kind.lower().split()).replace("a single", "single")]


def _capitalised(question: str) -> str:
    return question[:1].upper() + question[1:]
