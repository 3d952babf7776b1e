"""Who does it to whom: a sentence that has the question's verb done by another party the question names.

"What could Russia supply the North Koreans with?" asks what Russia supplies; "Pyongyang is now supposed to supply
Moscow with artillery shells" matches its words as well as "the Russians manage to supply the allies with drones"
does, but its supplier is the question's recipient. `asked_deed` reads the question's doer and verb (a named party
right before the verb, at most a few words apart: "Russia supply", "North Korea expected to provide"); `doer` reads
the party right before a form of that verb (or of a verb of its synonym group, `lexicon.SYNONYM_GROUPS`: "provide"
and "supply") in a sentence; `reversed_deed` says whether that party is another one the question names. Parties
are compared by nation where they name one ("Pyongyang", "North Korean", "North Korea") and by their words
otherwise.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from qa.answer.agents import verb_forms
from qa.lexicon import IRREGULAR, SYNONYM_GROUPS
from qa.query import nation_named

DEED_REACH = 4  # words between the question's doer and its verb ("North Korea expected to provide")
DOER_REACH = 5  # words between a sentence's party and the verb ("Pyongyang is now supposed to supply")
_WORD = re.compile(r"[\w'’.-]+")
_NAME = re.compile(r"(?:\b[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*")
_CLAUSE_WORD = re.compile(r"\b(?:that|which|who|whom|when|while|as|because|after|before|if|since|and|or|but)\b", re.I)
_LINKING = frozenset("""is are was were be been being has have had will would could can may might should must to not
    also now still then expected supposed set due going able likely reported said believed""".split())


def _party(name: str) -> str:
    """What a named party is compared by: its nation, or its lower-case words."""
    nation = nation_named(name)
    return nation if nation else " ".join(w.lower() for w in _WORD.findall(name))


@lru_cache(maxsize=128)
def asked_deed(question: str, entities: tuple[str, ...]) -> tuple[str, str, frozenset[str]] | None:
    """(the doer's party, the verb as written, the other parties the question names) when the question names a doer
    right before a verb ("What could Russia supply the North Koreans with?" -> russia, supply, {north korea});
    None otherwise."""
    parties = {e: _party(e) for e in entities}
    for e in entities:
        at = question.find(e)
        if at < 0:
            continue
        asked_by_auxiliary = bool(_AUXILIARY_BEFORE.search(question[:at]))  # "What could Russia supply ...?"
        words = _WORD.findall(question[at + len(e):])
        previous = ""
        for w in words[:DEED_REACH + 1]:
            low = w.lower()
            if w[:1].isupper():
                break
            if low in _LINKING:
                previous = low
                continue
            # a verb: the first word after "What could X", a word after "to", a past form ("X supplied")
            if asked_by_auxiliary or previous == "to" or low in IRREGULAR or low.endswith("ed"):
                others = frozenset(p for n, p in parties.items() if n != e and p != parties[e])
                return (parties[e], low, others) if others else None
            break
    return None


_AUXILIARY_BEFORE = re.compile(r"\b(?:do|does|did|could|can|will|would|should|might|may|must)\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=128)
def _deed_forms(verb: str) -> tuple[re.Pattern[str], ...]:
    """The verb's forms, and those of the verbs of its synonym group ("provide" -> provide, supply, give, ...)."""
    base = IRREGULAR.get(verb, verb)
    verbs = {verb}
    for group in SYNONYM_GROUPS:
        stems = group.split()
        if any(base.startswith(s) or s.startswith(base) for s in stems if len(s) >= 4):
            verbs |= {s for s in stems if len(s) >= 4}
    return tuple(verb_forms(v) for v in sorted(verbs))


def doer(sentence: str, verb: str) -> str | None:
    """The party named right before a form of `verb` (or of a synonym) in `sentence`, compared as `_party` does;
    None when no form has a name before it within DOER_REACH words (no clause break between)."""
    for forms in _deed_forms(verb):
        for v in forms.finditer(sentence):
            before = sentence[: v.start()]
            names = list(_NAME.finditer(before))
            if not names:
                continue
            last = names[-1]
            gap = before[last.end():]
            if re.search(r"[.;:!?,]", gap) or _CLAUSE_WORD.search(gap) or len(_WORD.findall(gap)) > DOER_REACH:
                continue
            if last.start() == 0 and last.group(0).split()[0].lower() in ("the", "a", "an", "if", "but", "and"):
                words = last.group(0).split()[1:]
                if not words:
                    continue
                return _party(" ".join(words))
            return _party(last.group(0))
    return None


def reversed_deed(question: str, entities: Sequence[str], sentence: str) -> bool:
    """Whether `sentence` has the question's verb done by another party the question names (module docstring)."""
    deed = asked_deed(question, tuple(entities))
    if deed is None:
        return False
    asked_doer, verb, others = deed
    found = doer(sentence, verb)
    return found is not None and found != asked_doer and found in others
