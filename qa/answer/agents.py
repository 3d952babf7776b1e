"""Who did what the question asks: whether a sentence makes a value the doer of the question's verb.

"Who scored England's winner?", "Which heavyweight beat Deontay Wilder?", "Which club won the League Cup
final?" ask for the subject of a verb. Of the names a sentence holds, the answer is the one standing as that
verb's subject ("Joseph Parker beat Wilder", "Manchester United won the final") or as its agent after "by" ("Wilder
was beaten by Joseph Parker"), not the names around it ("Wiegman's Lionesses scored six against Scotland"
does not say Wiegman scored). `asked_verb` reads the verb from the question; `is_agent` reads a sentence. The
ranker weighs the result (ranker.py `agent`); nothing here decides alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.lexicon import IRREGULAR

# "Who scored ...?", "Which heavyweight beat ...?", "Which Florida State quarterback threw ...?": the wh-word, at
# most four words of the asked noun, then a verb (an auxiliary there means the answer is the verb's object)
_ASKED = re.compile(r"^\s*(?:(?:and|so|but|then)\s+)?(?:who\s+|(?:which|what)\s+(?P<noun>(?:[\w'’.-]+\s+){1,4}?))"
                    r"(?:(?:will|would|could|can|may|might|should|must|has|have|had)\s+(?:been\s+)?)?"
                    r"(?P<verb>[a-z][a-z'’-]+)\b", re.I)
_NOT_A_VERB = frozenset("""is was are were be been being am do does did done has have had having will would shall should
    can could may might must not also still just then of in on at for from with to by as the a an and or whose who
    which that this these those its his her their one two three first last new""".split())
AGENT_GAP = 3  # words between the value and its verb ("Joseph Parker then beat", "Manchester United, who won")
PASSIVE_REACH = 3  # words between a passive verb and "by" ("was beaten comfortably by")


def asked_verb(question: str) -> str | None:
    """The verb whose subject the question asks for, as written ("Who scored ...?" -> "scored"); None when it asks
    the object of a verb ("Which batter did Buttler praise?") or no verb follows."""
    m = _ASKED.match(question)
    if m is None:
        return None
    verb = m.group("verb").lower()
    if verb in _NOT_A_VERB:
        return None
    if m.group("noun") is not None and not _looks_verbal(verb):
        return None  # "Which England batter ..." read up to "batter": no verb yet
    return verb


def _looks_verbal(word: str) -> bool:
    return word in IRREGULAR or word.endswith("ed") or word in _base_forms()


@lru_cache(maxsize=1)
def _base_forms() -> frozenset[str]:
    """Base forms of the irregular verbs, and their third person ("beat", "beats"): a question in the present
    ("Who leads ...?") names them."""
    bases = set(IRREGULAR.values())
    return frozenset(bases | {b + "s" for b in bases} | {b + "es" for b in bases})


@lru_cache(maxsize=256)
def verb_forms(verb: str) -> re.Pattern[str]:
    """A pattern for the forms of `verb` as a sentence writes them ("scored" -> score, scores, scored, scoring;
    "won" -> win, wins, won, winning; "beat" -> beat, beats, beaten, beating)."""
    base = IRREGULAR.get(verb, verb)
    if base == verb:
        for suffix in ("ied", "ed", "es", "s", "d"):
            if verb.endswith(suffix) and len(verb) - len(suffix) >= 3:
                base = verb[: -len(suffix)] + ("y" if suffix == "ied" else "")
                break
    stem = base[:-1] if base.endswith("e") else base[:-1] if base.endswith("y") else base
    irregular = [past for past, b in IRREGULAR.items() if b == base]
    forms = [rf"{re.escape(stem)}\w{{0,4}}"] + [re.escape(w) for w in irregular]
    return re.compile(rf"\b(?:{'|'.join(forms)})\b", re.I)


_WORD = re.compile(r"[\w'’.-]+")


def is_agent(sentence: str, start: int, end: int, verb: str) -> bool:
    """Whether the value at sentence[start:end] is the subject of `verb` (at most AGENT_GAP words before one of its
    forms, no clause break between) or its agent ("by <value>" at most PASSIVE_REACH words after a form)."""
    forms = verb_forms(verb)
    for v in forms.finditer(sentence):
        if v.start() >= end:
            gap = sentence[end:v.start()]
            if not re.search(r"[.;:!?]", gap) and len(_WORD.findall(gap)) <= AGENT_GAP and \
                    not re.search(r"\b[A-Z][a-z]", gap):
                return True
        elif v.end() <= start:
            gap = sentence[v.end():start]
            if re.search(r"\bby\s*$", gap) and len(_WORD.findall(gap)) <= PASSIVE_REACH + 1 and \
                    not re.search(r"[.;:!?]", gap):
                return True
    return False
