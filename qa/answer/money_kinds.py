"""What an amount of money is the amount of: a revenue, a valuation, a price, a salary, a fine ...

"What revenue did Nike report?" is not answered by "a $55 price target", nor "How much does a scooter cost?" by
"a revenue of $33.6 million", although both are amounts of money in a sentence about the asked company. A news
sentence binds an amount to what it measures with a few tight constructions:

* a kind noun right before it, joined by a copula, a preposition or a colon: "revenue of $33.6 million",
  "Revenue: $12.94 billion", "valuation was $1.4 billion", "sales rose to $12.94 billion";
* a verb that says the kind, right before it: "raised $20 million", "valued at $1.4 billion", "costs $549",
  "fined $10,000";
* a kind noun right after it: "a $55 price target", "a $180 million valuation", "$3 billion in sales".

`amount_kind` reads the one kind so bound (None when the sentence binds none: most amounts), and
`of_other_kind` says whether it is not one the question asks (`Query.money_kinds`, from the same lexicon's words
in the question). The kinds are groups of lexicon.MONEY_KINDS; only a kind bound by these constructions counts,
so an amount whose sentence says nothing of what it is stays a candidate.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.lexicon import MONEY_KINDS

REACH_BEFORE = 4  # words between a kind word before the amount and the amount ("revenue rose about 2% to" is 4)
REACH_AFTER = 2  # words between the amount and a kind noun after it ("$180 million valuation", "$3bn in sales")
# words that may stand between a kind word and its amount without binding the amount to something else
_JOINERS = frozenset("""of at to was were is are be been reached hit totaled totalled totalling totaling came in rose
    fell grew jumped dropped climbed declined increased decreased up down by about around nearly almost roughly over
    under more than less just some an a its their his her the approximately estimated reported reportedly set
    for total sum""".split())


@lru_cache(maxsize=1)
def _kind_of_word() -> dict[str, str]:
    return {w: kind for kind, words in MONEY_KINDS.items() for w in words}


@lru_cache(maxsize=1)
def _alternatives() -> str:
    # two-word kinds first ("price target", "market value") so "price" alone does not take them
    words = sorted(_kind_of_word(), key=lambda w: (-len(w.split()), -len(w)))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternatives()})\b", re.I)


@lru_cache(maxsize=1)
def _kind_after() -> re.Pattern[str]:
    return re.compile(rf"^(?P<gap>(?:\s+[\w-]+){{0,{REACH_AFTER - 1}}}?)\s+(?P<w>{_alternatives()})\b", re.I)


def _kind(words: str) -> str:
    return _kind_of_word()[re.sub(r"\s+", " ", words.lower())]


def kinds_named(text: str) -> frozenset[str]:
    """The money kinds whose words `text` writes ("What revenue did ...?" -> {"sales"})."""
    return frozenset(_kind(m.group(0)) for m in _phrase_pattern().finditer(text))


def amount_kind(sentence: str, start: int, end: int) -> str | None:
    """The kind of the amount written at sentence[start:end], when a tight construction binds one (see the module
    docstring); None when none does."""
    after = _kind_after().match(sentence[end:end + 40])
    if after is not None and all(w.isalpha() and w.islower() for w in after.group("gap").split()):
        return _kind(after.group("w"))  # "$55 price target", "$3 billion in sales", "$180 million annual revenue"
    before = sentence[max(0, start - 80):start]
    last = None
    for k in _phrase_pattern().finditer(before):
        last = k
    if last is None:
        return None
    gap = before[last.end():]
    if re.search(r"[,;.()\u2014\u2013]", gap) or re.search(r"\d", gap):
        return None  # another clause, or another figure, stands between the word and the amount
    words = re.findall(r"[\w'’%-]+", gap.replace(":", " "))
    if len(words) > REACH_BEFORE or any(w.lower() not in _JOINERS and not w.endswith("%") for w in words):
        return None
    return _kind(last.group(0))


def of_other_kind(asked: frozenset[str] | tuple[str, ...], sentence: str, start: int, end: int) -> bool:
    """Whether the amount at sentence[start:end] is bound to a kind the question does not ask (`asked`: the
    question's money kinds; no kind asked, or none bound, is never another kind)."""
    if not asked:
        return False
    kind = amount_kind(sentence, start, end)
    return kind is not None and kind not in asked


def only_other_kinds(asked: frozenset[str] | tuple[str, ...], sentence: str) -> bool:
    """Whether every amount `sentence` writes is bound to a kind the question does not ask ("a $55 price target"
    for "What revenue ...?"): such a sentence answers another question, however well it matches this one's words.
    False for a sentence with no amount, or when the question asks no kind."""
    if not asked:
        return False
    from qa.answer.mentions import mentions

    found = mentions(sentence, "money")
    return bool(found) and all(of_other_kind(asked, sentence, m.start, m.end) for m in found)
