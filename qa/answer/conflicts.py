"""When sources disagree: on a figure, or on whether something has happened.

* Figures: the amounts reported for the asked quantity differ (10,000 vs 15,000). Amounts that
  are equal are merged, so two outlets repeating "about 10,000" are no conflict.
* Facts: for a yes/no question, one relevant sentence asserts the event ("have come under
  fire", "had been shelled") while another, from a different article, denies it or says it
  has not happened yet ("engagement in combat has not yet commenced"). Polarity is read from
  negation cues in the sentence; a conditional or future sentence ("could begin combat
  operations", "if they fight") counts as not-yet. Given the question's event terms, a sentence also
  asserts the event by a past form of its verb ("the council approved the budget", "the airline went
  bankrupt") and denies it by a verb of refusal or a negated state ("members rejected the budget",
  "avoided bankruptcy", "is not finished") unless that verb is the event asked about ("Did they reject it?").

The answer then says so and cites each side: "Sources disagree: A [1]; B [2]."
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from qa.answer.quantities import Figure
from qa.answer.question import term_match
from qa.lexicon import IRREGULAR
from qa.query import content_terms

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


# verbs that say an event was refused or escaped, and negated states ("is not finished")
_REFUSED = re.compile(
    r"\b(?:reject(?:ed|s)?|refus(?:ed|es)|declin(?:ed|es)|avoid(?:ed|s)|avert(?:ed|s)|fail(?:ed|s)\s+to|"
    r"voted\s+(?:down|against)|called\s+off|ruled\s+out|scrapped|(?:is|are|was|were|will)\s+not|"
    r"(?:isn|aren|wasn|weren|won)['’]t)\b",
    re.IGNORECASE,
)
_PAST_WORD = re.compile(r"\b[A-Za-z]+ed\b")
_NOT_A_VERB_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that|newly)\s+$", re.IGNORECASE)


def polarity(sentence: str, events: Sequence[str] = ()) -> int:
    """+1 when the sentence states that something happened, -1 when it says it did not (yet), 0 if unclear.
    `events`: the question's terms for the event asked about (they widen both readings, see the module)."""
    if _NEGATIVE.search(sentence):
        return -1
    hypothetical = bool(_HYPOTHETICAL.search(sentence.split(",")[0]))
    if events:
        refusal = next((m for m in _REFUSED.finditer(sentence) if not _names_event(m.group(0), events)), None)
        if refusal is not None:
            return -1
    if _ASSERTIVE.search(sentence) and not hypothetical:
        return 1
    if events and not hypothetical and _past_event(sentence, events):
        return 1
    return 0


def _names_event(words: str, events: Sequence[str]) -> bool:
    have = frozenset(content_terms(words))
    return bool(have) and any(term_match(t, have) > 0 for t in events)


def _past_event(sentence: str, events: Sequence[str]) -> bool:
    """A past form of the event's verb ("approved", "resigned"), or any irregular past verb beside an event
    term ("went bankrupt"), written as a verb (not "the reopened mine")."""
    for m in _PAST_WORD.finditer(sentence):
        if not _NOT_A_VERB_BEFORE.search(sentence[max(0, m.start() - 12): m.start()]) and \
                _names_event(m.group(0), events):
            return True
    words = re.findall(r"[A-Za-z]+", sentence)
    for i, w in enumerate(words[:-1]):
        if w.lower() in IRREGULAR and _names_event(" ".join(words[i + 1: i + 3]), events):
            return True
    return False


def amounts_differ(figures: Sequence[Figure]) -> bool:
    """True when the figures are not all the same amount."""
    return any(not figures[0].same_amount(f) for f in figures[1:])


@dataclass(frozen=True)
class Side:
    """One side of a disagreement: the sentence text (a claim) and the marker number that cites it."""

    text: str
    marker: int
    source: str | None = None  # who said it, named after the marker: "... [1] (Reuters)"


def disagreement(sides: Sequence[Side], lead: str = "Sources disagree") -> str:
    """'Sources disagree: A [1] (Reuters); B [2] (AP).' with each side's closing punctuation removed."""
    parts = [f"{_clause(s.text)} [{s.marker}]" + (f" ({s.source})" if s.source else "") for s in sides]
    return f"{lead}: " + "; ".join(parts) + "."


def _clause(text: str) -> str:
    text = text.strip().rstrip(".!?;:")
    if text[:2].isupper() or not text:
        return text
    return text
