"""Figures in news sentences: what number, of what, and who reported it.

Pure regex heuristics, tuned for wire-style English:

* numbers with thousands separators and decimals ("10,000", "1.3 million"), number words
  ("five units", "several thousand", "thousands"), ranges ("between 8,000 and 12,000",
  "25 to 40 miles", "8,000–12,000") and qualifiers ("approximately", "up to", "around");
* dates and years are not figures ("March 18", "since 2023", "the 1950s");
* the unit is the short noun phrase after the number ("North Korean troops"); its head noun
  is mapped to a unit class (personnel, distance, money, ...) so "soldiers" matches "troops";
* attribution comes from the sentence: "according to X", "X said/reported/anticipates that",
  a trailing ", said X", or an impersonal subject ("Estimates suggest"). The closest
  attribution before a figure wins, so "Russia has 50,000 troops, while independent analyses
  indicate about 30,000 Ukrainian forces" attributes each figure to its own clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.lexicon import (CALENDAR_WORDS, COUNT_OUTCOMES, CURRENCY_BEFORE, KIN_NOUNS, MEMBER_NOUNS, NUMBER_WORD_VALUES,
                        PEOPLE_COUNTED_BY, RATE_ADVERBS, RATE_PERIODS, REPORTING_VERBS, UNIT_CLASSES)
from qa.query import inflections, nation_named, tokens_of

_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# vague amounts: a value range is given so they can be compared loosely
_VAGUE = {
    "several thousand": (2e3, 9e3),
    "a few thousand": (2e3, 5e3),
    "thousands": (2e3, 9e3),
    "tens of thousands": (2e4, 9e4),
    "hundreds of thousands": (2e5, 9e5),
    "several hundred": (200, 900),
    "hundreds": (200, 900),
    "dozens": (24, 99),
    "millions": (2e6, 9e6),
    "several": (3, 9),
}
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"(?:\s+(?:hundred|thousand|million|billion|trillion))?"
_WORDS_RE = "|".join(sorted(map(re.escape, NUMBER_WORD_VALUES), key=len, reverse=True))
_NUM = rf"(?:(?:{_DIGITS}){_SCALE_RE}|(?:{_WORDS_RE}){_SCALE_RE})"
_VAGUE_RE = "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True))
_QUALIFIER = (
    r"no more than|not more than|no fewer than|no less than|not less than|"  # before "more than": "no more than 15"
    r"approximately|about|around|roughly|some|nearly|almost|more than|over|at least|up to|as many as|"
    r"fewer than|less than|an estimated|estimated|close to|as few as|at most|just over|just under"
)
# A number joined to a word by a hyphen names a thing, not an amount: "Covid-19", "F-16", "G-7".
_FIGURE = re.compile(
    rf"(?<![\w.,])(?<![A-Za-z]-)(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:between\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})"
    rf"|from\s+(?P<f1>{_NUM})\s+to\s+(?P<f2>{_NUM})"
    rf"|(?P<r1>{_DIGITS}{_SCALE_RE})\s*(?:-|–|—|to)\s*(?P<r2>{_DIGITS}{_SCALE_RE})"
    rf"|(?P<vague>{_VAGUE_RE})"
    rf"|(?P<one>{_NUM}))"
    rf"(?!\w)(?![,.]\d)",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|^s\b|^(?:st|nd|rd|th)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")  # "a 1761 work", "since 2023"

# --- units
_UNIT_STOP = frozenset(
    """a an the of in on at to from for with by as and or nor plus but than that which who whom whose this these those
    there each per every are were is was be been being have has had will would could can may might should must do does
    did not no now still already currently also only about around near into over under after before since while during
    remain remains remained correspond corresponds march marched follow followed arrive arrived serve trained say said
    says reported estimated according
    nationwide worldwide overall apiece altogether abroad annually globally statewide countrywide respectively
    he she it they we i you him her them us his its their our my your""".split()
)
_ADJ_ED = frozenset("armed trained skilled experienced specialized specialised unnamed unidentified".split())
_HEAD_CLASS = {w: cls for cls, words in UNIT_CLASSES.items() for w in words}
_FRACTIONS = frozenset("half halves third thirds quarter quarters fifth fifths tenth tenths".split())
# unit classes that measure (the unit is part of the answer), and measure words outside `UNIT_CLASSES`
_MEASURES = frozenset({"energy", "weight", "liquid", "distance", "percent", "money"})
_MEASURE_WORDS = frozenset("decibels degrees mph km/h knots bytes megabytes gigabytes terabytes calories".split())

def nationality(text: str) -> str | None:
    """The nation a phrase names ("North Korean troops" -> "north korea"), by `qa.lexicon.COUNTRIES`."""
    return nation_named(text)


def unit_class(head: str) -> str | None:
    """The class of a unit head noun (`qa.lexicon.UNIT_CLASSES`): 'personnel', 'people', 'distance', 'money', ..."""
    return _HEAD_CLASS.get(head.lower())


@dataclass(frozen=True)
class Figure:
    """One reported amount inside a sentence; `start`/`end` index the sentence string."""

    text: str
    start: int
    end: int
    low: float
    high: float
    qualifier: str  # "approximately", "up to", "between", ... or ""
    unit: str  # the noun phrase after the number, e.g. "North Korean troops"
    head: str  # its last word, lower-cased, e.g. "troops"
    nationality: str | None  # of the unit, or of the clause before the number
    currency: str = ""  # the sign written before the number: "$600" -> "$"
    # what the amount is of when its own noun is a measure or a group's member: "$100,000 in gold bars" -> "gold
    # bars", "20 grams (0.7 ounce) of salt" -> "salt", "the nine-person jury" -> "jury"
    of_noun: str = ""
    rate: str = ""  # the period of a rate written after it: "550 patients a day" -> "day" (`rate_after`)

    @property
    def unit_class(self) -> str | None:
        return unit_class(self.head)

    @property
    def is_measure(self) -> bool:
        """An amount of money, weight, volume, energy or length ("$600", "20 grams"), not a count or a share."""
        return is_measure(self.currency, self.head)

    def display(self) -> str:
        """The figure as written, with its currency sign and its unit when that is a measure ("about 2.8
        gigawatt-hours", "85 decibels", "$600", "24.4 million euros", "7.3 percent"):
        the number alone does not answer "how much electricity?". A count keeps the number alone ("10,000"), since
        its noun ("North Korean troops") repeats the question."""
        text = self.currency + self.text  # a qualifier never stands between a sign and its number
        if self.unit and self.head and (unit_class(self.head) in _MEASURES or self.head in _MEASURE_WORDS):
            return f"{text}{self.unit}" if self.unit == "%" else f"{text} {self.unit}"
        if self.unit and unit_class(self.unit) == "time" and self.unit != "long":
            # "roughly 30 minutes" from "a roughly 30-minute demo": how long, said with its unit
            plural = self.high != 1 and not self.unit.endswith("s")
            return f"{text} {self.unit}{'s' if plural else ''}"
        return text

    def same_amount(self, other: "Figure") -> bool:
        return abs(self.low - other.low) <= 1e-9 * max(1.0, self.low) and abs(self.high - other.high) <= 1e-9 * max(
            1.0, self.high
        )


@dataclass(frozen=True)
class Attribution:
    """Who a figure is attributed to in its sentence ("the Pentagon", "reported")."""

    who: str
    verb: str
    start: int  # span of the whole attribution phrase in the sentence
    end: int
    trailing: bool = False  # ", said X" after the claim


def parse_number(text: str) -> float | None:
    """'10,000' -> 10000.0; '1.3 million' -> 1300000.0; 'five' -> 5.0; 'several thousand' -> 2000.0 (low end)."""
    t = " ".join(text.lower().replace(",", "").split())
    if t in _VAGUE:
        return _VAGUE[t][0]
    parts = t.split(" ")
    scale = 1.0
    if len(parts) > 1 and parts[-1] in _SCALE:
        scale = _SCALE[parts[-1]]
        parts = parts[:-1]
    base = " ".join(parts)
    if base in NUMBER_WORD_VALUES:
        return NUMBER_WORD_VALUES[base] * scale
    try:
        return float(base) * scale
    except ValueError:
        return None


_ANY_NUMBER = re.compile(rf"(?<![\w.])(?:{_DIGITS})(?:\s+(?:hundred|thousand|million|billion))?(?![\w])", re.I)


def numbers_in(text: str) -> set[float]:
    """Every numeric value written with digits in `text` (dates and years included): for support checks."""
    out = set()
    for m in _ANY_NUMBER.finditer(text):
        value = parse_number(m.group(0))
        if value is not None:
            out.add(value)
    return out


def is_measure(currency: str, head: str) -> bool:
    """Whether a figure with this currency sign and unit head is an amount of money, weight, volume, energy or
    length ("$600", "20 grams"), not a count or a share."""
    return bool(currency) or unit_class(head) in _MEASURES - {"percent"} or head in _MEASURE_WORDS


_POUNDS_OF_MONEY = re.compile(r"\b(?:million|billion|trillion|bn|m|paid|pay|pays|paying|cost|costs|costing|worth|price|"
                              r"priced|fine|fined|earn|earns|earned|salary|wage|wages|spent|spend|raised|sold|bought)\b",
                              re.I)
_CLOCK = re.compile(r"\d{1,2}:\d\d\b")
# a live blog's time stamp opening an entry ("04.25 Three people killed on AirAsia flight ...")
_TIME_STAMP = re.compile(r"\s*[0-2]\d\.[0-5]\d\s+[A-Z]")
_CLOCK_AFTER = re.compile(r"\d:$")


def find_figures(sentence: str) -> list[Figure]:
    """The amounts reported in `sentence` (dates, years and decades excluded), in order."""
    figures = []
    for m in _FIGURE.finditer(sentence):
        if m.group("one") and not _is_amount(sentence, m.start("one"), m.end("one"), m.group("one")):
            continue
        if _CLOCK.match(sentence, m.start()) or _CLOCK_AFTER.search(sentence, 0, m.start()) or \
                (not sentence[:m.start()].strip() and _TIME_STAMP.match(sentence, m.start())):
            continue  # "6:30 p.m.", "1:45:02": a time of day or a timing, no amount
        low, high = _values(m)
        if low is None or high is None:
            continue
        qual = (m.group("qual") or "").lower()
        if m.group("b1"):
            qual = "between"
        if qual in ("up to", "as many as", "at most", "no more than", "not more than", "fewer than",
                    "less than"):
            low = 0.0 if qual in ("fewer than", "less than") else low
        unit, head, unit_end = _unit_span(sentence, m.end())
        if not head and m.group("one") and m.group("one").lower() not in ("one", "a dozen", "a hundred", "a thousand"):
            unit, head, unit_end = _partitive_unit(sentence, m.end())
        if not head and m.group("vague") and (of := _VAGUE_OF.match(sentence, m.end())):
            unit, head, unit_end = _unit_span(sentence, of.end())  # "Millions of Ukrainians": what is counted
        if not head or head in _OUTCOME_FORMS:
            unit, head = implied_unit(sentence, m.start(), m.end(), unit)
        if head.lower() in ("pound", "pounds") and not _POUNDS_OF_MONEY.search(sentence[max(0, m.start() - 40):m.end()]) \
                and not re.match(r"\s*(?:pounds?\s+)?sterling\b", sentence[m.end():], re.I):
            # "At 4.7/4.8 pounds (for the M3 Pro and Max)": a weight; news writes money in pounds "£20", or with a
            # scale ("5 million pounds") or a verb of paying before it ("paid 200 pounds")
            head = "lbs"
        if m.group("one") and m.group("one").lower() in NUMBER_WORD_VALUES and not head:
            continue  # "one of them": a number word with no unit is no figure
        if m.group("vague") and m.group("vague").lower() == "several" and not head:
            continue
        if head in _FRACTIONS:
            continue  # "two-thirds of the cost": a share, not an amount
        clause_start = _clause_start(sentence, m.start())
        nat = nationality(unit) or nationality(sentence[clause_start : m.start()])
        currency = _currency_before(sentence, m.start())
        of_noun = ""
        if head in MEMBER_NOUNS and sentence[m.end():m.end() + 1] == "-":
            of_noun = _unit_after(sentence, unit_end)[0]  # "nine-person jury": the persons of the jury
        elif is_measure(currency, head):
            of_noun = _measured_noun(sentence, unit_end if head else m.end())
        figures.append(
            Figure(
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                low=low,
                high=high,
                qualifier=qual,
                unit=unit,
                head=head,
                nationality=nat,
                currency=currency,
                of_noun=of_noun,
                rate=rate_after(sentence, unit_end if head else m.end()),
            )
        )
    return figures


def written_in(amount: str, text: str) -> bool:
    """Whether `text` writes `amount` as it stands, whatever follows it ("$565 million" in "... the day it raised $565
    million?"), not as a part of another number or word ("565" is not in "$1,565", "1990" not in "1990s"): an amount
    a question writes is no answer to it."""
    return re.search(rf"(?<![\w$€£¥.,]){re.escape(amount.lower())}(?![\w,.]\w|\w)", text.lower()) is not None


_RATE_AFTER = re.compile(
    rf"\s*(?:(?:a|an|per|each|every)\s+(?P<period>{'|'.join(RATE_PERIODS)})\b|(?P<adverb>{'|'.join(RATE_ADVERBS)})\b)",
    re.I,
)


def rate_after(text: str, pos: int) -> str:
    """The period of a rate written right after an amount ("550 patients a day", "$10 per month", "2,000 daily"),
    singular and lower case: "day", "month"; "" when the amount is no rate."""
    m = _RATE_AFTER.match(text, pos)
    if m is None:
        return ""
    return m.group("period").lower() if m.group("period") else RATE_ADVERBS[m.group("adverb").lower()]


_VAGUE_OF = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Za-z])")


TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")


def near_time_unit(written: str, asked: str) -> bool:
    """Whether a length of time in `written` units can answer a question asking `asked` units: the same or the next
    unit up or down ("18 months" for "how many years"), not "48 hours" for "How many years does the contract run?".
    True when either is no unit of time ("How long ...?")."""
    written, asked = written.lower().rstrip("s"), asked.lower().rstrip("s")
    if asked not in TIME_UNITS or written not in TIME_UNITS:
        return True
    return abs(TIME_UNITS.index(written) - TIME_UNITS.index(asked)) <= 1


_CURRENCY_BEFORE = re.compile(rf"(?<![\w])(?:{CURRENCY_BEFORE})\s?$")


def _currency_before(sentence: str, start: int) -> str:
    """The currency sign written right before a figure ("$600", "US$171", "£1,000"), else ""."""
    m = _CURRENCY_BEFORE.search(sentence, max(0, start - 5), start)
    return m.group(0).strip() if m else ""


def _values(m: re.Match[str]) -> tuple[float | None, float | None]:
    for a, b in (("b1", "b2"), ("f1", "f2"), ("r1", "r2")):
        if m.group(a):
            return parse_number(m.group(a)), parse_number(m.group(b))
    if m.group("vague"):
        low, high = _VAGUE[m.group("vague").lower()]
        return low, high
    v = parse_number(m.group("one"))
    return v, v


def _is_amount(sentence: str, start: int, end: int, text: str) -> bool:
    """False for dates, years and decades: "March 18", "since 2023", "the 1950s"."""
    if _DATE_BEFORE.search(sentence[:start]):
        return False
    after = sentence[end : end + 12]
    if _DATE_AFTER.match(after):
        return False
    if _YEAR.match(text) and not re.match(r"\s+(?:[A-Z][a-z]+\s+)*(?:troops|soldiers|men|people|fighters)\b", after):
        return False
    return True


_TOKEN = re.compile(r"[\w$][\w'’.-]*|[^\w\s]")


def _unit_after(sentence: str, pos: int) -> tuple[str, str]:
    """The short noun phrase after a number: up to four words, stopping at function words and verbs."""
    unit, head, _ = _unit_span(sentence, pos)
    return unit, head


def _unit_span(sentence: str, pos: int) -> tuple[str, str, int]:
    """`_unit_after`, with where the phrase ends in `sentence` (`pos` when there is none)."""
    rest = sentence[pos:]
    if m := re.match(r"\s?%", rest):  # "54%": the sign is the unit
        return "%", "%", pos + m.end()
    if m := re.match(r"\s?°\s?([CF]\b)?", rest):  # "1.43°C", "38 °F": degrees
        return m.group(0).strip(), "degrees", pos + m.end()
    written = re.match(r"\s?(per\s?cent)\b", rest, re.I)
    if written:  # "7.3 percent", "3.9 per cent"
        return written.group(1), "percent", pos + written.end()
    if m := re.match(r"\s+times\b", rest, re.I):  # "3.67 times more likely": a multiple, whatever it multiplies
        return "times", "times", pos + m.end()
    if re.match(r"\s*\$\s*\d", rest):  # "$ 55 $ 100" (a price list): the sign is the next price's, no unit
        return "", "", pos
    if rest.startswith("-"):  # "1,000-day milestone", "the 1,000-plus-page memoir": the unit is the compound's noun
        m = re.match(r"-(?:plus-|odd-)?(\w+)", rest)
        return (m.group(1), m.group(1).lower(), pos + m.end()) if m else ("", "", pos)
    words: list[str] = []
    end = pos
    for m in _TOKEN.finditer(rest):
        tok = m.group(0)
        if not tok[0].isalnum() and tok != "$":
            break
        low = tok.lower().rstrip(".")
        if (low in _UNIT_STOP and tok not in ("US", "UK")) or (  # "13,000 US troops": the country, not "us"
            low.endswith("ed") and len(low) > 4 and not tok[0].isupper() and low not in _ADJ_ED and "-" not in low
        ):
            break
        if tok[0].isdigit():
            break
        words.append(tok.rstrip("."))
        end = pos + m.start() + len(words[-1])
        if len(words) == 4 or low in _HEAD_CLASS:
            break  # a known unit noun ends the phrase: "12,000 men things look different"
        if tok[0].isupper() and low.endswith("s") and len(low) > 3 and nationality(" ".join(words)):
            break  # a people named by its nation is the noun: "600,000 Israelis live in ..."
    # the head is the last noun-like word; for "North Korean special forces" it is "forces"
    return " ".join(words), (words[-1].lower() if words else ""), end


# "five of Kelce's games", "three of the victims", "two of the 15 players": a number before "of" and a determiner
# or a possessive counts the noun after them ("one of the biggest firms" is a superlative, not a count)
_PARTITIVE = re.compile(
    rf"\s+of\s+(?:the|his|her|their|its|our|your|these|those|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s?)"
    rf"\s+(?:{_NUM}\s+)?(?=[A-Za-z])"
)
# "$100,000 in gold bars", "20 grams (0.7 ounce) of salt", "$5 million worth of aid": what a measure is of
_MEASURED = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:worth\s+of|of|in)\s+(?:the\s+|an?\s+)?(?=[A-Za-z])", re.I)


def _partitive_unit(sentence: str, pos: int) -> tuple[str, str, int]:
    """(unit, head, end) of a partitive count ("five of Kelce's games" -> "games"), else ("", "", pos)."""
    m = _PARTITIVE.match(sentence, pos)
    return _unit_span(sentence, m.end()) if m else ("", "", pos)


def _measured_noun(sentence: str, pos: int) -> str:
    """The noun phrase a measure ending at `pos` is of: "in gold bars" -> "gold bars", else ""."""
    m = _MEASURED.match(sentence, pos)
    return _unit_after(sentence, m.end())[0] if m else ""


_CLAUSE_BREAK = re.compile(r"[,;:—–]\s|\b(?:while|whereas|although|but)\b")


def _clause_start(sentence: str, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, pos)]
    return starts[-1] if starts else 0


# --- a count written without its noun
# What only people undergo (`qa.lexicon.COUNT_OUTCOMES`: died, killed, injured, arrested, ...), as the tokenizer
# writes each inflection; "hospitalis-" is the British spelling's token.
_OUTCOME_FORMS = frozenset().union(*(inflections(w) for w in COUNT_OUTCOMES)) | {"hospitalis"}
_PEOPLE = "people"
# between a bare count and its verb: a closing quote, auxiliaries and adverbs ("7,844 have died", "200,000" could
# die", "12 were later killed")
_OUTCOME_AFTER = re.compile(
    r"[\"”’']?\s+(?:(?:have|has|had|were|was|are|is|could|would|may|might|will|to|be|been|being|later|also|"
    r"reportedly|already|since|now|all|subsequently|eventually)\s+){0,3}(?P<verb>[A-Za-z]+)\b"
)
_NUMBER_OF = re.compile(r"\bnumbers?\s+of\s+", re.I)
# the counted noun of "number of X" ends before a particle too: "the number of Americans out of work"
_PARTICLES = frozenset("out off up down back away".split())
# a figure that ends its clause: nothing but punctuation or a closing quote follows it
_ENDS_CLAUSE = re.compile(r"[\"”’')]?\s*(?:[.,;:!?)]|$)")


def implied_unit(sentence: str, start: int, end: int, unit: str = "") -> tuple[str, str]:
    """(unit, head) of a figure written without a noun of its own, from what the sentence says of it:

    * "the final number of Americans who would die ... looks more like 60,000": the noun of the closest
      "number of X" before a figure that ends its clause counts it (Americans); a figure that goes on ("the
      number of soldiers is small relative to the hundreds of thousands deployed") is another amount;
    * "of whom 7,844 have died", "between 100,000 and 200,000 could die", "12 dead": a count of what only
      people undergo (`COUNT_OUTCOMES`) counts people; the unit stays unwritten, its head is "people".

    `unit`: what was read after the figure ("dead" in "12 dead"), returned when neither applies."""
    before = list(_NUMBER_OF.finditer(sentence, 0, start))
    if before and _ENDS_CLAUSE.match(sentence, end) and not _FIGURE.match(sentence, before[-1].end()):
        noun, _ = _unit_after(sentence, before[-1].end() - 1)
        words = noun.split()
        cut = next((i for i, w in enumerate(words) if w.lower() in _PARTICLES), len(words))
        if cut:
            return " ".join(words[:cut]), words[cut - 1].lower()
    outcome = unit if unit else None
    if outcome is None:
        m = _OUTCOME_AFTER.match(sentence, end)
        outcome = m.group("verb") if m else None
    if outcome and tokens_of([outcome]) & _OUTCOME_FORMS:
        return "", _PEOPLE
    if not unit and (collective := _PEOPLE_NOUN.search(sentence, max(0, start - ELLIPSIS_REACH), start)) and \
            not _FIGURE.search(sentence, collective.end(), start):
        return "", _PEOPLE  # "The population in the camp ... is estimated at around 40,000": people
    rate = rate_after(sentence, end) and not _currency_before(sentence, start)  # "NIS 15 million annually": money
    if not unit and (_SUBJECT_OF_VERB.match(sentence, end) or rate):
        # "forms had been sent to parents, and already more than 130 had responded", "skin cells ... shed at a
        # rate of about 30,000 a day": the noun left out is the plural the clause before named last
        nouns = list(_PLURAL_NOUN.finditer(sentence, max(0, start - ELLIPSIS_REACH), start))
        if nouns:
            noun = nouns[-1].group(0)
            return noun, noun.lower()
    return unit, unit.split()[-1].lower() if unit else ""


ELLIPSIS_REACH = 100  # characters before a noun-less figure searched for the plural it counts
# a noun that stands for a number of people (PEOPLE_COUNTED_BY), not one qualified as something else's ("the crowd
# control budget"): the last such noun before a figure with no noun of its own counts it
_PEOPLE_NOUN = re.compile(rf"\b(?:{'|'.join(sorted(PEOPLE_COUNTED_BY))})\b(?!\s+(?:control|growth|rate|figures?)\b)",
                          re.I)
# a figure standing as the subject of an auxiliary ("130 had responded", "12 were injured")
_SUBJECT_OF_VERB = re.compile(r"\s+(?:have|has|had|were|was|are|is|will|would|could|did|do)\b"
                              r"(?!\s+(?:been\s+)?(?:a|an|the)\b)")
# a plural noun: "parents", "passengers", "people" (not "was", "this", "has", nor capitalised names)
_PLURAL_NOUN = re.compile(r"\b(?:[a-z][a-z-]{2,}[^su\W]s|people|children|men|women)\b")


# --- attribution
_VERBS = "|".join(REPORTING_VERBS)
_SUBJECT = r"(?P<who>(?:[A-Z][\w.’'-]*|[a-z][\w.’'-]*)(?:[ \-](?:[\w.’'()-]+)){0,9}?)\s+"
_AUX = r"(?:(?:has|have|had|also|only|previously|now|earlier|further|repeatedly)\s+)*"
_SUBJECT_VERB_THAT = re.compile(rf"{_SUBJECT}{_AUX}(?P<verb>{_VERBS})\b(?:\s+(?:last|this|on)\s+\w+)?\s+that\b")
_SUBJECT_VERB = re.compile(rf"{_SUBJECT}{_AUX}(?P<verb>{_VERBS})\b(?:\s+(?:last|this|on)\s+\w+)?(?:\s+that\b)?")
_NOT_WHO = re.compile(
    r"\b(?:is|are|was|were|be|been|being|it|this|that|which|where|there)$|^(?:it|this|there|with|even|"
    r"at least|as|where|which|so|is|are|was|were)\b",
    re.I,
)
_ACCORDING = re.compile(r"according to (?P<who>[^,.;]+?)(?=[,.;]|$)", re.IGNORECASE)
_TRAILING = re.compile(r",\s*(?P<verb>said|says|reported|claimed|claims|according to)\s+(?P<who>[^,.;]+)", re.I)
_TRAILING2 = re.compile(r",\s*(?P<who>[A-Z][^,.;]{1,60}?)\s+(?P<verb>said|says|reported|claimed)(?=\s*(?:[,.;!?]|$))")
_WHO_OK = re.compile(
    r"[A-Z]|^(?:estimates?|reports?|officials?|analysts?|experts?|assessments?|sources?|"
    r"intelligence|analyses)\b|\b(?:estimates|reports|officials|analysts|experts|assessments|"
    r"sources|analyses|intelligence)$",
    re.I,
)
_LEADING_ADVERBIAL = re.compile(r"^(?:(?:last|this|on|in|earlier|later)\s+[\w ]{1,20}?,\s*)+", re.I)


def find_attributions(sentence: str) -> list[Attribution]:
    """Every attribution phrase in `sentence`, in order of position."""
    found: list[Attribution] = []
    for m in _ACCORDING.finditer(sentence):
        found.append(
            Attribution(
                who=_tidy_who(m.group("who")),
                verb="according to",
                start=m.start(),
                end=m.end(),
                trailing=m.start() > len(sentence) // 2,
            )
        )
    for m in _TRAILING.finditer(sentence):
        if m.group("verb").lower() == "according to":
            continue
        found.append(
            Attribution(
                who=_tidy_who(m.group("who")), verb=m.group("verb").lower(), start=m.start(), end=m.end(), trailing=True
            )
        )
    for m in _TRAILING2.finditer(sentence):
        found.append(
            Attribution(
                who=_tidy_who(m.group("who")), verb=m.group("verb").lower(), start=m.start(), end=m.end(), trailing=True
            )
        )
    for clause_start, clause in _clauses(sentence):
        m = _SUBJECT_VERB_THAT.match(clause) or _SUBJECT_VERB.match(clause)
        if not m or m.group("verb").lower() == "according":
            continue
        who = _LEADING_ADVERBIAL.sub("", m.group("who")).strip()
        if not who or not _WHO_OK.search(who) or len(who.split()) > 10 or _NOT_WHO.search(who):
            continue
        if any(a.start <= clause_start + m.start() < a.end for a in found):
            continue
        found.append(
            Attribution(
                who=_tidy_who(who),
                verb=m.group("verb").lower(),
                start=clause_start + m.start(),
                end=clause_start + m.end(),
            )
        )
    return sorted(found, key=lambda a: a.start)


def _clauses(sentence: str) -> list[tuple[int, str]]:
    out = [(0, sentence)]
    for m in re.finditer(r",\s+(?:while|whereas|and|but)?\s*|\b(?:while|whereas)\s+", sentence):
        out.append((m.end(), sentence[m.end() :]))
    return out


def _tidy_who(who: str) -> str:
    who = " ".join(who.split()).strip(" ,")
    if who.lower().startswith("the "):
        who = "the " + who[4:]
    return who


def attribution_for(sentence: str, figure: Figure, attributions: list[Attribution] | None = None) -> Attribution | None:
    """The attribution that covers `figure`: the closest one before it, else a trailing one after it."""
    attributions = find_attributions(sentence) if attributions is None else attributions
    before = [a for a in attributions if a.end <= figure.start and not a.trailing]
    if before:
        return before[-1]
    after = [a for a in attributions if a.start >= figure.end and a.trailing]
    if after:
        return after[0]
    return attributions[0] if attributions else None


# --- whose age
# an age that describes a relative or another party of the story: "a 30-year-old son", "the 22-year-old suspect";
# not "Smith, a 45-year-old father of two", which describes the person named
_AGE_OF_KIN = re.compile(r"\d{1,3}-year-old\s+(?P<noun>" + "|".join(sorted(KIN_NOUNS, key=len, reverse=True)) +
                         r")s?\b(?!\s+of\b)", re.I)
# what someone has of an age is of that age, not they: "his 106-year-old halibut schooner" is the schooner's age,
# "her 30-year-old son" the son's (the words after the age, up to two lower-case ones, say what it is)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|its|our|my)\s+$", re.I)
_AGE_OF_OWNED = re.compile(r"\d{1,3}-year-old\s+(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)")
_NAME_BEFORE = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|de|da|van|von|bin|al))*)\s*,\s*$")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_TIME_ADVERBS = frozenset("Today Now Yesterday Tonight Then Later Earlier Currently Recently Nowadays".split())


# an age that likens someone to another of that age: "at the level of an 80-year-old", "like a 20-year-old"
_AGE_LIKENED = re.compile(r"\b(?:like|than|level\s+of|as\s+if\s+(?:he|she|they)\s+(?:was|were)|"
                          r"feels?\s+like)\s+(?:an?|any|the)\s*$", re.I)


def age_of_the_asked(question: str, sentence: str, start: int) -> bool:
    """Whether an age is written right after a name the question writes ("Yoon, 63, a former chief prosecutor" for
    "How old is President Yoon Suk Yeol?"): the sentence gives the asked person that age, however little else of
    the question it repeats. `start`: as for `age_of_someone_else`."""
    if sentence[start:start + 1] != "," or age_of_someone_else(question, sentence, start):
        return False
    m = _NAME_BEFORE.search(sentence[:start + 1])
    if m is not None and (described := _ASKED_BY_DESCRIPTION.search(question)):
        # "How old is the rookie police officer who ...?": "shot dead by trainee officer Luca Scata, 29": the name
        # the sentence gives the noun the question describes the person by
        noun = described.group("words").split()[-1].lower()
        return noun in re.findall(r"[a-z]+", sentence[max(0, m.start() - 30): m.start()].lower())[-3:]
    asked = {re.sub(r"[’']s$", "", w).lower() for w in _CAPITALISED.findall(" ".join(question.split()[1:]))}
    return m is not None and m.group("name").split()[-1].lower() in asked


# "How old is the rookie Italian police officer who ...?": an age asked of a person the question describes
_ASKED_BY_DESCRIPTION = re.compile(r"\b(?i:how\s+old|what\s+age)\s+(?:is|was|are|were|will\s+be)\s+(?:the|a|an|this|that)"
                                   r"\s+(?P<words>[a-z][^?,]*?)(?=\s+(?:who|whom|that|which|when|in|at|of|from|with|"
                                   r"for)\b|\s*[?,.]|$)")


def age_of_someone_else(question: str, sentence: str, start: int) -> bool:
    """Whether an age written as an apposition belongs to someone other than the person the question names.

    "Defendants James Lee, 68, of Torrance; Junmyung Lee, 30, of Dedham; and Han Lee, 41, of Cambridge": each age
    is of the name right before it. Asked "How old is Han Lee?", 68 and 30 are someone else's: the name before
    them ends with a surname the question writes, but their given names are not the one it writes. An age with
    no name right before it ("a 15-year-old boy", "who were 22 and 24 years old"), or a question that names no
    one, is never ruled out. An age that describes a relative or another party ("share a 30-year-old son", "the
    22-year-old suspect") is that person's unless the question names them (`qa.lexicon.KIN_NOUNS`); one that likens
    ("at the level of an 80-year-old man", "like a 20-year-old") is nobody's. `start`: where
    the age's mention begins in `sentence` (its comma, for "Name, 68")."""
    if _AGE_LIKENED.search(sentence[max(0, start - 40):start]):
        return True  # "functioning at the level of an 80-year-old man", "moves like a 20-year-old": a likeness
    owned = _AGE_OF_OWNED.match(sentence, start)
    if owned and _POSSESSIVE_BEFORE.search(sentence, 0, start) and not any(
            re.search(rf"\b{re.escape(w)}", question, re.I) for w in owned.group("words").split()):
        return True  # "his 106-year-old halibut schooner", "her 30-year-old son": the schooner's, the son's age
    kin = _AGE_OF_KIN.match(sentence, start)
    asked_words = set(re.findall(r"[a-z]+", question.lower()))
    if kin and not {kin.group("noun").lower(), kin.group("noun").lower() + "s"} & asked_words:
        return True  # "Will and Zampino share a 30-year-old son": the son's age, unless the son is asked about
    words = question.split()
    asked = {re.sub(r"[’']s$", "", w).lower() for w in _CAPITALISED.findall(" ".join(words[1:]))}
    if not asked:
        return False
    before = sentence[:start + 1] if sentence[start:start + 1] == "," else sentence[:start]
    m = _NAME_BEFORE.search(before)
    if m is None or m.group("name").split()[-1] in CALENDAR_WORDS or m.group("name") in _TIME_ADVERBS:
        return False  # "But on Monday, 32-year-old admirer Gustav ...", "Today, aged 32, ...": a time, no one's name
    name = [w.lower() for w in m.group("name").split()]
    surname, given = name[-1], name[:-1]
    if _ASKED_BY_DESCRIPTION.search(question):
        # "How old is the rookie officer who shot Anis Amri?": the person asked is described, not named; an age of a
        # name the question writes is of someone else (Amri's), one of another name may be the officer's; not a
        # place it writes ("the sailor rescued off Cape Morrow": "The sailor rescued off Cape Morrow, aged 67")
        return surname in asked and not re.search(rf"\b(?:in|at|off|near|from|of|outside|to|on)\s+(?:the\s+)?"
                                                  rf"(?:[A-Z][\w'’-]*\s+)*(?i:{re.escape(surname)})\b", question)
    if surname not in asked:
        return True
    asked_given = re.search(rf"\b([A-Z][\w'’-]+)\s+(?i:{re.escape(surname)})\b", question)
    return bool(given and asked_given) and asked_given.group(1).lower() not in given


# the year a figure is of, as its sentence writes it: "growth of just 2.7% next year", "last year's 6.0% expansion",
# "growth for 2023 is predicted to come in at 1.5%"; relative years are read against the article's date
_YEAR_OF = re.compile(r"\b(?:(?P<relative>this|next|last)\s+year|(?:in|for|by|of|during|fiscal|FY)\s+"
                      r"(?P<year>(?:19|20)\d\d)\b)", re.I)
_RELATIVE_YEAR = {"this": 0, "next": 1, "last": -1}
YEAR_REACH = 40  # characters between a figure and the year phrase read as its year


def figure_year(sentence: str, start: int, end: int, published: str | None) -> int | None:
    """The year the figure at `start`:`end` is of: the nearest year phrase within YEAR_REACH characters, with
    "this / next / last year" read against `published` (an ISO date; None leaves them unread); None when there is
    none."""
    best: tuple[int, int] | None = None
    for m in _YEAR_OF.finditer(sentence):
        distance = start - m.end() if m.end() <= start else m.start() - end if m.start() >= end else -1
        if distance < 0 or distance > YEAR_REACH:
            continue
        if m.group("year"):
            year = int(m.group("year"))
        elif published and re.match(r"\d{4}", published):
            year = int(published[:4]) + _RELATIVE_YEAR[m.group("relative").lower()]
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None
