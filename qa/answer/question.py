"""Term matching for answers: how a question's terms are found in a sentence.

The question itself is understood once, in `qa.query` (`Query`, `build_query`); `analyse` is
kept as the short way to build a `Query` without an index (tests, the follow-up rewriter).
Synonym groups and irregular forms are data in `qa.lexicon`.
"""

from __future__ import annotations

from qa.lexicon import SYNONYM_GROUPS
from qa.query import Query, build_query, content_terms

__all__ = ["QuestionInfo", "analyse", "content_terms", "term_match", "same_head", "SYNONYMS"]

QuestionInfo = Query  # the name the answer layer used before `Query` existed

SYNONYMS: dict[str, frozenset[str]] = {}
for _group in SYNONYM_GROUPS:
    for _w in _group.split():
        SYNONYMS[_w] = SYNONYMS.get(_w, frozenset()) | frozenset(_group.split()) - {_w}
SYNONYM_CREDIT = 0.8
PREFIX_CREDIT = 0.7


def analyse(question: str) -> Query:
    """`build_query(question)` with no index: no outlets are recognised."""
    return build_query(question)


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
