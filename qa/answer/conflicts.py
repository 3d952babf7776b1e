"""When sources disagree: on a figure, or on whether something has happened.

* Figures: the amounts reported for the asked quantity differ (10,000 vs 15,000). Amounts that
  are equal are merged, so two outlets repeating "about 10,000" are no conflict.
* Facts: for a yes/no question, one relevant sentence asserts the event ("have come under
  fire", "had been shelled") while another, from a different article, denies it or says it
  has not happened yet ("engagement in combat has not yet commenced"). Polarity is read from
  negation cues in the sentence; a conditional or future sentence ("could begin combat
  operations", "if they fight") counts as not-yet.

The answer then says so and cites each side: "Sources disagree: A [1]; B [2]."
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from qa.answer.quantities import Figure

_NEGATIVE = re.compile(
    r"\b(?:not\s+yet|has\s+not|have\s+not|had\s+not|hasn['’]t|haven['’]t|hadn['’]t|did\s+not|didn['’]t|"
    r"yet\s+to|no\s+longer|never|not\s+(?:been|begun|started|commenced|happened|taken\s+place|confirmed)|"
    r"denied|denies|deny|remains?\s+unverified|unconfirmed)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|might|may|would|will|if|expected\s+to|preparing\s+for|potential|impending)\b", re.IGNORECASE
)
_ASSERTIVE = re.compile(
    r"\b(?:have|has|had|were|was)\s+(?:\w+\s+)?(?:been\s+)?\w+ed\b|\bcame\s+under\b|"
    r"\bcome\s+under\b|\bfor\s+the\s+first\s+time\b",
    re.IGNORECASE,
)


def polarity(sentence: str) -> int:
    """+1 when the sentence states that something happened, -1 when it says it did not (yet), 0 if unclear."""
    if _NEGATIVE.search(sentence):
        return -1
    if _ASSERTIVE.search(sentence) and not _HYPOTHETICAL.search(sentence.split(",")[0]):
        return 1
    return 0


def amounts_differ(figures: Sequence[Figure]) -> bool:
    """True when the figures are not all the same amount."""
    return any(not figures[0].same_amount(f) for f in figures[1:])


@dataclass(frozen=True)
class Side:
    """One side of a disagreement: the sentence text (a claim) and the marker number that cites it."""

    text: str
    marker: int


def disagreement(sides: Sequence[Side], lead: str = "Sources disagree") -> str:
    """'Sources disagree: A [1]; B [2].' with each side's closing punctuation removed."""
    parts = [f"{_clause(s.text)} [{s.marker}]" for s in sides]
    return f"{lead}: " + "; ".join(parts) + "."


def _clause(text: str) -> str:
    text = text.strip().rstrip(".!?;:")
    if text[:2].isupper() or not text:
        return text
    return text
