"""Hard filters on search: outlet and publication date range.

Dates compare as ISO prefixes, so a bound may be a year (`2023`), a month (`2023-10`) or a day
(`2023-10-05`), and `date_to` includes the whole period it names. Passages whose article has no
date are left out when a date bound is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from qa.errors import InputError
from qa.types import Document

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
        if self.sources:
            wanted = {s.strip().lower() for s in self.sources}
            if (source or "").strip().lower() not in wanted:
                return False
        if self.date_from is not None or self.date_to is not None:
            if not published_at:
                return False
            if self.date_from is not None and published_at[: len(self.date_from)] < self.date_from:
                return False
            if self.date_to is not None and published_at[: len(self.date_to)] > self.date_to:
                return False
        return True


def filter_rows(reader: Any, filters: SearchFilters | None) -> np.ndarray | None:
    """Chunk rows of `reader` whose article passes `filters`; None when there is nothing to filter."""
    if filters is None or filters.empty:
        return None
    keep = {doc_id for doc_id, doc in reader.documents.items() if filters.matches(doc)}
    rows = [reader.chunk_doc_rows[d] for d in keep if d in reader.chunk_doc_rows]
    if not rows:
        return np.zeros(0, dtype=np.int64)
    return np.sort(np.concatenate(rows)).astype(np.int64)
