"""Query understanding, pure: which outlets and which dates a question names.

"What did The Verge and TechCrunch report on October 5, 2023 about X?" names two outlets and a
day. Retrieval uses that to fetch each named outlet's best passages separately (so every outlet
the question is about reaches the top k) and to favour articles from the named dates. Nothing
here is keyed to a particular corpus: outlets are matched against the index's own source names.

Outlet matching is case-insensitive and tolerates a leading "The", a possessive 's, quotes, and
the short form of a long feed name ("Cnbc | World Business News Leader" -> "Cnbc",
"FOX News - Lifestyle" -> "FOX News"). When the query has capitals, a match whose distinctive
word is written in lower case is ignored, so "in the age of AI" does not name "The Age"; a query
written all in lower case (sentence starts aside) matches lower-case names.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Sequence

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PREP = r"(?P<prep>\b(?:on|before|after|since|until|till|by|from|in|during|published|dated)\s+(?:the\s+)?)?"

# Order matters: the most specific forms are tried first and claim their span.
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(_PREP + r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b", re.I)),
    ("mdy", re.compile(_PREP + r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?:\s*,?\s*" + _YEAR + r"\b)?", re.I)),
    ("dmy", re.compile(_PREP + r"\b" + _DAY + r"(?:\s+of)?\s+" + _MONTH + r"\b(?:\s*,?\s*" + _YEAR + r"\b)?", re.I)),
    ("my", re.compile(_PREP + r"\b" + _MONTH + r"\s*,?\s+" + _YEAR + r"\b", re.I)),
    ("m", re.compile(r"(?P<prep>\b(?:in|during|since|before|after|until)\s+(?:early\s+|late\s+|mid-?)?)"
                     + _MONTH + r"\b"
                     r"(?!\s+[0-3]?\d)", re.I)),
    ("y", re.compile(r"(?P<prep>\b(?:in|during|since|before|after|until|of)\s+(?:early\s+|late\s+|mid-?)?)" + _YEAR
                     + r"\b", re.I)),
]
_RELATIVE = re.compile(
    r"\b(?P<what>today|yesterday|this\s+week|last\s+week|past\s+week|this\s+month|last\s+month|past\s+month|"
    r"this\s+year|last\s+year|past\s+year|(?:last|past)\s+(?P<n>\d{1,3})\s+(?P<unit>days?|weeks?|months?))\b",
    re.I,
)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_ATTRIBUTION = re.compile(
    r"(?:\b(?:as\s+)?(?:reported|covered|published|written|mentioned|stated|noted|described|detailed)\s+"
    r"(?:by|in|on)\s+(?:both\s+|the\s+)?$|\b(?:according\s+to|per|from|by|in|on)\s+(?:both\s+)?$)",
    re.I,
)
_DATE_HEAD = re.compile(r"\b(?:(?:which|that)\s+(?:was\s+)?)?(?:published|released|posted|reported|dated)\s+$", re.I)


@dataclass(frozen=True)
class DateRange:
    """A closed interval of calendar days, as ISO dates (`YYYY-MM-DD`)."""

    start: str
    end: str
    text: str = ""

    def contains(self, iso: str | None, slack_days: int = 0) -> bool:
        """Whether an ISO date/datetime falls inside, widened by `slack_days` (time zones shift days)."""
        if not iso or len(iso) < 10:
            return False
        try:
            day = date.fromisoformat(iso[:10])
        except ValueError:
            return False
        lo = date.fromisoformat(self.start) - timedelta(days=slack_days)
        hi = date.fromisoformat(self.end) + timedelta(days=slack_days)
        return lo <= day <= hi


@dataclass(frozen=True)
class QueryAnalysis:
    """What a query names. `cleaned_query` drops attribution phrases ("as reported by X", "published on D")."""

    query: str
    sources_mentioned: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    date_ranges: tuple[DateRange, ...] = ()
    cleaned_query: str = ""
    source_spans: tuple[tuple[int, int, tuple[str, ...]], ...] = field(default=(), repr=False)
    # words the lexical search adds to the question's own: the title of the office a role verb asks ("Who owns the
    # Carolina Panthers?" is answered by "Panthers owner David Tepper", which BM25 does not find by "owns")
    lexical_terms: tuple[str, ...] = ()


# --- outlets
def source_aliases(source: str) -> list[str]:
    """Names a query may use for `source`: the full name, its short form, each without a leading "The"."""
    names = {source.strip()}
    short = re.split(r"\s+[|\-–—:]\s+|:\s+", source, maxsplit=1)[0].strip()
    names.add(short)
    for name in list(names):
        stripped = re.sub(r"\.(?:com|org|net|co\.uk|co|io)$", "", name, flags=re.I)
        names.add(stripped)
        if stripped.lower().startswith("the "):
            names.add(stripped[4:])
    return sorted((n for n in names if len(n.replace(" ", "")) >= 3), key=len, reverse=True)


@lru_cache(maxsize=8)
def _source_matcher(sources: tuple[str, ...]) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    by_alias: dict[str, set[str]] = {}
    for source in sources:
        for alias in source_aliases(source):
            by_alias.setdefault(alias.lower(), set()).add(source)
    out = []
    for alias in sorted(by_alias, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in alias.split())
        pattern = re.compile(r"(?<!\w)['\"‘“]?(?:the\s+)?" + body + r"['\"’”]?(?:['’]s)?(?!\w)", re.I)
        out.append((pattern, tuple(sorted(by_alias[alias]))))
    return out


def _distinctive_is_lower(matched: str) -> bool:
    words = [w for w in re.findall(r"[^\W_]+", matched) if w.lower() not in ("the", "s")]
    return bool(words) and not any(c.isupper() for c in words[0])


def _writes_capitals(query: str) -> bool:
    """Whether the writer capitalises names: a capital letter in a word that does not start a sentence."""
    for m in re.finditer(r"[^\W\d_]+", query):
        if not any(c.isupper() for c in m.group()):
            continue
        before = query[: m.start()].rstrip().rstrip("\"'“‘(").rstrip()
        if before and before[-1] not in ".?!:;":
            return True
    return False


def find_sources(query: str, sources: Sequence[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, sources) for each outlet mention, in query order; longer names win overlaps."""
    has_capitals = _writes_capitals(query)
    taken: list[tuple[int, int, tuple[str, ...]]] = []
    for pattern, names in _source_matcher(tuple(sorted(set(sources)))):
        for m in pattern.finditer(query):
            if any(m.start() < e and s < m.end() for s, e, _ in taken):
                continue
            if has_capitals and _distinctive_is_lower(m.group()):
                continue
            taken.append((m.start(), m.end(), names))
    return sorted(taken)


# --- dates
def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    return date(day.year + y, m + 1, 1)


def _relative(m: re.Match[str], today: date) -> tuple[date, date]:
    what = " ".join(m.group("what").lower().split())
    if what == "today":
        return today, today
    if what == "yesterday":
        return today - timedelta(days=1), today - timedelta(days=1)
    if what == "this week":
        return today - timedelta(days=today.weekday()), today
    if what in ("last week", "past week"):
        return today - timedelta(days=7), today
    if what == "this month":
        return today.replace(day=1), today
    if what == "last month":
        first = _shift_months(today.replace(day=1), -1)
        return first, _month_end(first.year, first.month)
    if what == "past month":
        return today - timedelta(days=30), today
    if what == "this year":
        return date(today.year, 1, 1), today
    if what == "last year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if what == "past year":
        return today - timedelta(days=365), today
    n, unit = int(m.group("n")), m.group("unit").lower().rstrip("s")
    days = {"day": 1, "week": 7, "month": 30}[unit] * n
    return today - timedelta(days=days), today


def _absolute(kind: str, m: re.Match[str], default_year: int) -> tuple[date, date] | None:
    gd = m.groupdict()
    try:
        year = int(gd["year"]) if gd.get("year") else default_year
        if kind == "y":
            return date(year, 1, 1), date(year, 12, 31)
        month = int(gd["month"]) if kind == "iso" else MONTHS[gd["month"].lower().rstrip(".")]
        if kind in ("my", "m"):
            return date(year, month, 1), _month_end(year, month)
        day = date(year, month, int(gd["day"]))
        return day, day
    except (ValueError, KeyError):
        return None


def find_dates(query: str, today: date, default_year: int | None = None) -> list[tuple[int, int, DateRange]]:
    """(start, end, range) for each date expression; "before D" / "after D" / "since D" open the range."""
    explicit_years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", query)]
    year = explicit_years[0] if explicit_years else (default_year or today.year)
    found: list[tuple[int, int, DateRange]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < fe and fs < e for fs, fe, _ in found)

    for m in _RELATIVE.finditer(query):
        lo, hi = _relative(m, today)
        found.append((m.start(), m.end(), DateRange(lo.isoformat(), hi.isoformat(), m.group())))
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(query):
            s = m.start("prep") if m.group("prep") else m.start()
            core_start = m.end("prep") if m.group("prep") else m.start()
            if not free(core_start, m.end()):
                continue
            span = _absolute(kind, m, year)
            if span is None:
                continue
            lo, hi = span
            prep = (m.group("prep") or "").strip().lower().split(" ")[0]
            if prep == "before":
                lo, hi = lo - timedelta(days=365), lo - timedelta(days=1)
            elif prep in ("after", "since"):
                lo, hi = hi + timedelta(days=1 if prep == "after" else 0), hi + timedelta(days=365)
            elif prep in ("until", "till", "by"):
                lo = lo - timedelta(days=365)
            found.append((s, m.end(), DateRange(lo.isoformat(), hi.isoformat(), m.group().strip())))
    found.sort(key=lambda t: t[0])
    return _merge_between(query, found)


def _merge_between(query: str, found: list[tuple[int, int, DateRange]]) -> list[tuple[int, int, DateRange]]:
    """ "between D1 and D2" is one range from D1 to D2."""
    out: list[tuple[int, int, DateRange]] = []
    i = 0
    while i < len(found):
        s, e, r = found[i]
        joined = i + 1 < len(found) and re.fullmatch(r"\s*(?:and|to|-|–)\s*", query[e : found[i + 1][0]])
        if joined and _BETWEEN.search(query[:s]):
            s2, e2, r2 = found[i + 1]
            out.append((s, e2, DateRange(min(r.start, r2.start), max(r.end, r2.end), query[s:e2])))
            i += 2
            continue
        out.append((s, e, r))
        i += 1
    return out


# --- the whole analysis
def analyze_query(
    query: str, sources: Sequence[str] = (), today: date | None = None, default_year: int | None = None
) -> QueryAnalysis:
    """Outlets (from `sources`, the index's source names) and dates named in `query`.

    `today` anchors "last week"; `default_year` is used for dates written without a year (callers
    pass the year of the newest indexed article) and defaults to today's year.
    """
    today = today or date.today()
    source_spans = find_sources(query, sources) if sources else []
    date_spans = find_dates(query, today, default_year)
    mentioned: list[str] = []
    for _, _, names in source_spans:
        mentioned.extend(n for n in names if n not in mentioned)
    ranges = tuple(r for _, _, r in date_spans)
    return QueryAnalysis(
        query=query,
        sources_mentioned=tuple(mentioned),
        date_from=min((r.start for r in ranges), default=None),
        date_to=max((r.end for r in ranges), default=None),
        date_ranges=ranges,
        cleaned_query=clean_query(query, [(s, e) for s, e, _ in source_spans], [(s, e) for s, e, _ in date_spans]),
        source_spans=tuple(source_spans),
    )


def clean_query(query: str, source_spans: Sequence[tuple[int, int]], date_spans: Sequence[tuple[int, int]]) -> str:
    """The query without outlet names, their attribution words ("as reported by") and date phrases."""
    cuts: list[tuple[int, int]] = []
    merged: list[tuple[int, int]] = []
    for s, e in sorted(source_spans):  # "The Verge and TechCrunch" is one attribution
        if merged and re.fullmatch(r"[\s,]*(?:and|or|&|as well as)?[\s,]*", query[merged[-1][1]:s], re.I):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    for s, e in merged:
        m = _ATTRIBUTION.search(query[:s])
        cuts.append((m.start() if m else s, e))
    for s, e in date_spans:
        head = _DATE_HEAD.search(query[:s])
        cuts.append((head.start() if head else s, e))
    if not cuts:
        return " ".join(query.split())
    cuts.sort()
    out, pos = [], 0
    for s, e in cuts:
        if s > pos:
            out.append(query[pos:s])
        pos = max(pos, e)
    out.append(query[pos:])
    text = " ".join("".join(out).split())
    text = re.sub(r"\s+([,.?!;:])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"\b(both|and|or)\s*([,.?!])", r"\2", text)
    text = re.sub(r"(?:,\s*)+([.?!])", r"\1", text)
    text = re.sub(r"\s*,\s*$", "", text)
    return text.strip() or " ".join(query.split())


# --- decomposition
_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|,\s*(?:and|but|while|whereas|which|who|yet)\b|,|\b(?:while|whereas|as\s+well\s+as|compared\s+(?:to|with)|"
    r"in\s+contrast\s+to|than|and\s+(?:is\s+|was\s+|has\s+|had\s+|also\s+)+)\b)\s*",
    re.I,
)


def clause_spans(text: str, min_terms: int = 3, max_clauses: int = 6) -> list[tuple[int, int]]:
    """Character spans of the clauses of a multi-part question, one per fact it asks about.

    "Who was accused of fraud, and is also said to have misled the company board?" -> two
    clauses. Pieces with fewer than `min_terms` content words are merged into a neighbour; at
    most `max_clauses` (the tail is merged into the last). One clause: the whole (stripped) text.
    """
    from qa.retrieval.bm25 import tokenize

    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in [*_CLAUSE_BREAK.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        s, e = _trim(text, pos, end)
        if s < e:
            pieces.append((s, e))
        if m is not None:
            pos = m.end()
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if out and len(tokenize(text[out[-1][0] : out[-1][1]])) < min_terms:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    if len(out) > 1 and len(tokenize(text[out[-1][0] : out[-1][1]])) < min_terms:
        tail = out.pop()
        out[-1] = (out[-1][0], tail[1])
    if len(out) > max_clauses:
        out = out[: max_clauses - 1] + [(out[max_clauses - 1][0], out[-1][1])]
    if not out:
        s, e = _trim(text, 0, len(text))
        out = [(s, e)] if s < e else [(0, len(text))]
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,.?!\t\n":
        start += 1
    while end > start and text[end - 1] in " ,.?!\t\n":
        end -= 1
    return start, end


def split_clauses(text: str, min_terms: int = 3, max_clauses: int = 6) -> list[str]:
    """The clause texts of `clause_spans` (merged clauses keep the text between them)."""
    return [text[s:e] for s, e in clause_spans(text, min_terms, max_clauses)]
