"""What a question asks for: its kind (quantity, who, when, ...), its content terms and, for a
quantity, the unit asked about ("how many North Korean soldiers" -> unit class 'personnel').

Pure and deterministic; the terms use the BM25 tokenizer so lexical overlap is measured in the
same vocabulary as retrieval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.quantities import UNIT_CLASSES, nationality, unit_class
from qa.retrieval.bm25 import tokenize

# Words that say what kind of answer is wanted but are not what it is about.
QUESTION_WORDS = frozenset(
    """many much far long name named names say tell told according describe described kind type number numbers
    amount date dates day time exactly currently approximately roughly estimate estimated happen happened
    main question know known report reported reports reporting""".split()
)
_IRREGULAR = {
    "fought": "fight",
    "sent": "send",
    "led": "lead",
    "began": "begin",
    "begun": "begin",
    "went": "go",
    "gone": "go",
    "paid": "pay",
    "made": "make",
    "held": "hold",
    "told": "tell",
    "brought": "bring",
    "thought": "think",
    "met": "meet",
    "won": "win",
    "lost": "lose",
    "left": "leave",
    "defence": "defense",
    "offence": "offense",
    "kilometre": "kilometer",
    "kilometres": "kilometer",
    "seen": "see",
    "saw": "see",
    "known": "know",
    "knew": "know",
    "taken": "take",
    "took": "take",
}

# Small news-domain synonym groups (as BM25 stems): a question says "sent", the article "deployed".
_SYNONYM_GROUPS = (
    "send deploy dispatch transferr transport sent",
    "fight combat battle clash engage engagement fire shell attack",
    "kill dead death casualty die",
    "troop soldier force fighter men personnel",
    "expect anticipate predict forecast",
    "say stat report tell claim",
    "arrive reach",
    "defense defence",
)
SYNONYMS: dict[str, frozenset[str]] = {}
for _group in _SYNONYM_GROUPS:
    for _w in _group.split():
        SYNONYMS[_w] = SYNONYMS.get(_w, frozenset()) | frozenset(_group.split()) - {_w}
SYNONYM_CREDIT = 0.8
PREFIX_CREDIT = 0.7


def term_match(term: str, have: frozenset[str] | set[str]) -> float:
    """1 if `term` is in `have`; 0.8 for a synonym; 0.7 for a shared 5+ letter stem prefix; else 0."""
    if term in have:
        return 1.0
    if SYNONYMS.get(term, frozenset()) & have:
        return SYNONYM_CREDIT
    if len(term) >= 5 and any(
        len(h) >= 5 and h[:5] == term[:5] and (h.startswith(term) or term.startswith(h)) for h in have
    ):
        return PREFIX_CREDIT
    return 0.0


_QUANTITY = re.compile(
    r"\b(?:how\s+(?:many|much|far|long|large|big|old)|what\s+(?:number|percentage|share|amount)\s+of|"
    r"what\s+is\s+the\s+(?:number|size|total)\b|number\s+of)\b",
    re.I,
)
_WHO = re.compile(
    r"^\s*(?:(?:and|so|but)\s+)?(?:who|whom|whose)\b|\bwhich\s+(?:\w+\s+){0,3}?(?:official|minister|spokesman|"
    r"spokeswoman|spokesperson|analyst|colonel|general|expert|person|secretary|president|leader|agency|"
    r"organi[sz]ation|country|attaché|attache|founder|commander)\b|\bwhat\s+is\s+the\s+name\s+of\b",
    re.I,
)
_WHO_IS_NAME = re.compile(r"^\s*[Ww]ho\s+(?:is|was|are|were)\s+(?:[A-Z][\w.'’-]*\s*){1,4}\??\s*$")
_WHEN = re.compile(
    r"^\s*(?:(?:and|so|but)\s+)?when\b|\bsince\s+when\b|\b(?:what|which)\s+(?:date|day|year|month|time)\b|"
    r"\bon\s+which\s+day\b|\bin\s+what\s+year\b",
    re.I,
)
_WHERE = re.compile(r"^\s*(?:(?:and|so|but)\s+)?where\b|\bwhich\s+(?:part|area|city|region|place)\b", re.I)
_YESNO = re.compile(
    r"^\s*(?:(?:and|so|but)\s+)?(?:have|has|had|did|do|does|is|are|was|were|will|would|can|could|"
    r"should|may|might)\b",
    re.I,
)
_WHY = re.compile(r"^\s*(?:(?:and|so|but)\s+)?(?:why|how\s+come)\b", re.I)
_HOW = re.compile(r"^\s*(?:(?:and|so|but)\s+)?how\b", re.I)

_UNIT_AFTER = re.compile(
    r"\bhow\s+(?:many|much)\s+(?P<unit>(?:[\w'’-]+\s+){0,4}?[\w'’-]+?)"
    r"(?=\s+(?:did|do|does|are|is|were|was|have|has|had|will|would|could|can|may|might|should|"
    r"remain|in|from|to|for|on|at|of|with|according)\b|\s*[?,.]|$)",
    re.I,
)
_AUXILIARIES = frozenset("did do does are is were was have has had will would could can may might should".split())
_MONEY_WORDS = re.compile(
    r"\b(?:pay|paid|paying|cost|costs|spend|spent|salary|salaries|price|worth|money|budget)\b", re.I
)
_TIME_WORDS = re.compile(r"\bhow\s+long\b", re.I)
_DIST_WORDS = re.compile(r"\bhow\s+far\b|\bhow\s+much\s+(?:ground|territory)\b", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


@dataclass(frozen=True)
class QuestionInfo:
    text: str
    kind: str  # 'quantity', 'who', 'when', 'where', 'why', 'yesno', 'what'
    terms: tuple[str, ...]  # BM25 tokens minus question words, de-duplicated, in order
    unit: str = ""  # "North Korean soldiers" for "how many North Korean soldiers ..."
    unit_head: str = ""
    unit_class: str | None = None
    nationality: str | None = None  # of the unit asked about (or of the question)
    entities: tuple[str, ...] = ()  # capitalised phrases after the first word ("Pentagon", "Umerov")


def content_terms(text: str) -> list[str]:
    """BM25 tokens of `text` with irregular verbs mapped to their stem ("fought" -> "fight")."""
    out = []
    for tok in tokenize(text):
        out.append(_IRREGULAR.get(tok, tok))
    return out


def analyse(question: str) -> QuestionInfo:
    """Classify `question` and pull out what the answer must be about."""
    text = " ".join(question.split())
    terms: list[str] = []
    for t in content_terms(text):
        if t not in QUESTION_WORDS and t not in terms:
            terms.append(t)
    entities = tuple(m.group(0) for m in _CAPITALISED.finditer(text) if m.start() > 0)
    if _QUANTITY.search(text):
        unit, head, cls = _asked_unit(text)
        nat = nationality(unit) or (nationality(text) if cls == "personnel" else None)
        return QuestionInfo(text, "quantity", tuple(terms), unit, head, cls, nat, entities)
    if _WHO_IS_NAME.match(text):
        return QuestionInfo(text, "what", tuple(terms), entities=entities)  # asks for a description, not a name
    for kind, pattern in (("who", _WHO), ("when", _WHEN), ("where", _WHERE), ("why", _WHY), ("yesno", _YESNO)):
        if pattern.search(text):
            return QuestionInfo(text, kind, tuple(terms), entities=entities)
    if _HOW.search(text):
        return QuestionInfo(text, "how", tuple(terms), entities=entities)
    return QuestionInfo(text, "what", tuple(terms), entities=entities)


def _asked_unit(text: str) -> tuple[str, str, str | None]:
    if _DIST_WORDS.search(text):
        m = _UNIT_AFTER.search(text)
        return (m.group("unit") if m else "distance"), "distance", "distance"
    if _TIME_WORDS.search(text):
        return "time", "time", "time"
    m = _UNIT_AFTER.search(text)
    unit = m.group("unit").strip() if m else ""
    if unit.split() and unit.split()[0].lower() in _AUXILIARIES:
        unit = ""
    head = unit.split()[-1].lower() if unit else ""
    cls = unit_class(head) if head else None
    if cls is None and _MONEY_WORDS.search(text) and (not head or head in UNIT_CLASSES["money"]):
        cls, head = "money", head or "money"
    return unit, head, cls


def same_head(a: str, b: str) -> bool:
    """'interpreters' ~ 'interpreter', 'brigades' ~ 'brigade': heads compared without a plural ending."""

    def base(w: str) -> str:
        w = w.lower()
        if w.endswith("ies"):
            return w[:-3] + "y"
        if w.endswith("es") and w[:-2].endswith(("s", "x", "ch", "sh")):
            return w[:-2]
        return w[:-1] if w.endswith("s") and not w.endswith("ss") else w

    return bool(a) and bool(b) and base(a) == base(b)
