"""Hard filters on search: outlet and publication date range.

Dates compare as ISO prefixes, so a bound may be a year (`2023`), a month (`2023-10`) or a day
(`2023-10-05`), and `date_to` includes the whole period it names. Passages whose article has no
date are left out when a date bound is set.

Outlets match loosely, the way a question naming them does (`qa.retrieval.query.source_aliases`):
case, a leading "The", a short form before " | " or " - " ("Reuters" for "Reuters | World") and a
domain suffix are ignored. Filters that leave no article raise an InputError that says which
filter matched nothing and what the index holds (its outlets and date range), instead of an
empty result that reads as "the articles do not say".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import numpy as np

from qa.errors import InputError
from qa.types import Document

LISTED_SOURCES = 12
"""Outlets named in a no-match message; more are counted, not listed."""

_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$")


@dataclass(frozen=True)
class SearchFilters:
    sources: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.sources, str):
            object.__setattr__(self, "sources", (self.sources,))
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _ISO_PREFIX.match(value):
                raise InputError(f"{name} {value!r} is not a date", hint="write dates as YYYY, YYYY-MM or YYYY-MM-DD")
        if self.date_from and self.date_to and self.date_from[: len(self.date_to)] > self.date_to:
            raise InputError(f"date_from {self.date_from} is after date_to {self.date_to}", hint="swap the two dates")

    @property
    def empty(self) -> bool:
        return not self.sources and self.date_from is None and self.date_to is None

    def matches(self, doc: Document) -> bool:
        return self.matches_values(doc.source, doc.published_at)

    def matches_values(self, source: str | None, published_at: str | None) -> bool:
        return self.matches_source(source) and self.matches_date(published_at)

    def matches_source(self, source: str | None) -> bool:
        return not self.sources or any(same_outlet(wanted, source or "") for wanted in self.sources)

    def matches_date(self, published_at: str | None) -> bool:
        if self.date_from is None and self.date_to is None:
            return True
        if not published_at:
            return False
        if self.date_from is not None and published_at[: len(self.date_from)] < self.date_from:
            return False
        return self.date_to is None or published_at[: len(self.date_to)] <= self.date_to

    def describe_dates(self) -> str:
        if self.date_from and self.date_to:
            return f"between {self.date_from} and {self.date_to}"
        return f"on or after {self.date_from}" if self.date_from else f"on or before {self.date_to}"


@lru_cache(maxsize=4096)
def outlet_names(source: str) -> frozenset[str]:
    """The lower-cased names `source` goes by: itself, its short form, without "The" or a domain suffix."""
    from qa.retrieval.query import source_aliases

    name = " ".join(source.split()).lower()
    return frozenset({name, *(a.lower() for a in source_aliases(source))}) if name else frozenset()


def same_outlet(wanted: str, source: str) -> bool:
    """Whether the outlet a user typed (`wanted`) names the index's `source` ("the verge" ~ "The Verge")."""
    return bool(outlet_names(wanted) & outlet_names(source))


def resolve_sources(filters: SearchFilters | None, index_sources: Iterable[str]) -> SearchFilters | None:
    """`filters` with each typed outlet replaced by the index's own names for it ("verge" -> "The Verge"),
    so that a store evaluating filters itself (Milvus, exact names) selects what `filter_rows` selects.
    A typed name that matches no outlet of the index is kept as typed (it matches nothing either way)."""
    if filters is None or not filters.sources:
        return filters
    names = list(index_sources)
    resolved: list[str] = []
    for wanted in filters.sources:
        resolved += [n for n in names if same_outlet(wanted, n)] or [wanted]
    return dataclasses.replace(filters, sources=tuple(dict.fromkeys(resolved)))


def filter_rows(reader: Any, filters: SearchFilters | None) -> np.ndarray | None:
    """Chunk rows of `reader` whose article passes `filters`; None when there is nothing to filter.

    Raises InputError naming the filter that matched nothing (and what the index holds) when no
    article passes."""
    if filters is None or filters.empty:
        return None
    keep = {doc_id for doc_id, doc in reader.documents.items() if filters.matches(doc)}
    rows = [reader.chunk_doc_rows[d] for d in keep if d in reader.chunk_doc_rows]
    if not rows:
        raise no_match_error(filters, reader.documents.values())
    return np.sort(np.concatenate(rows)).astype(np.int64)


def no_match_error(filters: SearchFilters, documents: Iterable[Document]) -> InputError:
    """The error for filters that leave no article: which filter matched nothing, and what the index holds."""
    docs = list(documents)
    unknown = [s for s in filters.sources if not any(same_outlet(s, d.source or "") for d in docs)]
    dated = filters.date_from is not None or filters.date_to is not None
    if unknown:
        names = ", ".join(repr(s) for s in unknown)
        message = f"no article in the index is from {names}"
    elif dated and not any(filters.matches_date(d.published_at) for d in docs):
        message = f"no article in the index was published {filters.describe_dates()}"
    else:
        message = (f"no article from {', '.join(filters.sources)} was published {filters.describe_dates()}"
                   if dated else "no article matches the filters")
    return InputError(message, hint=describe_holdings(docs) + "; change or drop the filter")


def describe_holdings(documents: Iterable[Document]) -> str:
    """'the index holds 5 articles from Kyiv Post, Reuters, ...; published 2024-10-03 to 2024-11-05'."""
    docs = list(documents)
    sources = sorted({d.source for d in docs if d.source})
    listed = ", ".join(sources[:LISTED_SOURCES]) + (f" and {len(sources) - LISTED_SOURCES} more"
                                                    if len(sources) > LISTED_SOURCES else "")
    text = f"the index holds {len(docs)} articles" + (f" from {listed}" if sources else " with no outlet named")
    dates = sorted(d.published_at[:10] for d in docs if d.published_at)
    undated = len(docs) - len(dates)
    if dates:
        text += f"; published {dates[0]} to {dates[-1]}" + (f" ({undated} undated)" if undated else "")
    else:
        text += "; none has a publication date"
    return text
