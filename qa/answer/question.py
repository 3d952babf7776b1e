"""Term matching for answers: how a question's terms are found in a sentence.

The question itself is understood once, in `qa.query` (`Query`, `build_query`); `analyse` is
kept as the short way to build a `Query` without an index (tests, the follow-up rewriter).
Synonym groups and irregular forms are data in `qa.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from qa.lexicon import COUNTRY_OF_CAPITAL, NATION_FORMS, SYNONYM_GROUPS
from qa.query import Query, build_query, content_terms, inflections, spelling_variants
from qa.retrieval.bm25 import tokenize

__all__ = ["QuestionInfo", "analyse", "content_terms", "term_match", "same_head", "SYNONYMS", "question_word_spans"]

QuestionInfo = Query  # the name the answer layer used before `Query` existed

SYNONYMS: dict[str, frozenset[str]] = {}
for _group in SYNONYM_GROUPS:
    _words = _group.split()
    for _w in _words:
        _others = frozenset().union(*(inflections(o) for o in _words if o != _w)) - inflections(_w)
        for _form in inflections(_w):
            SYNONYMS[_form] = SYNONYMS.get(_form, frozenset()) | _others
SYNONYM_CREDIT = 0.8
PREFIX_CREDIT = 0.7


def _country_tokens() -> dict[str, tuple[frozenset[str], ...]]:
    """capital token -> the token sets that name its country ("pyongyang" -> {north, korea}, {north, korean})."""
    out: dict[str, tuple[frozenset[str], ...]] = {}
    for capital, country in COUNTRY_OF_CAPITAL.items():
        tokens = tokenize(capital)
        if len(tokens) != 1:
            continue  # "white house": a phrase, matched as an entity (abstain.entity_found), not as a term
        names = [country] + sorted(NATION_FORMS.get(country, frozenset()) - {country})
        out[tokens[0]] = tuple(frozenset(tokenize(n)) for n in names if tokenize(n))
    return out


CAPITAL_COUNTRY_TOKENS = _country_tokens()
# the other way: a word of a country's name or demonym -> its capital's token ("korea", "north" -> "pyongyang"),
# so "What is North Korea expected to provide?" finds "Pyongyang is supposed to supply ..."
# ("korea" points to Pyongyang and Seoul: with "north", a question about North Korea favours Pyongyang's)
def _capitals_of_country_token() -> dict[str, frozenset[str]]:
    capitals: dict[str, set[str]] = {}
    for capital, names in CAPITAL_COUNTRY_TOKENS.items():
        for token in frozenset().union(*names):
            capitals.setdefault(token, set()).add(capital)
    return {token: frozenset(c) for token, c in capitals.items()}


CAPITALS_OF_COUNTRY_TOKEN = _capitals_of_country_token()


def analyse(question: str) -> Query:
    """`build_query(question)` with no index: no outlets are recognised."""
    return build_query(question)


def term_match(term: str, have: frozenset[str] | set[str]) -> float:
    """1 if `term` or an inflection of it is in `have`; 0.8 for a synonym, for a capital its country
    ("pyongyang" ~ "north korea", "north korean"), for a word of a country's name its capital ("russia" ~
    "moscow"); 0.7 for a shared 5+ letter stem prefix; else 0."""
    keys = _match_keys(term)
    if not keys.exact.isdisjoint(have):
        return 1.0
    if not keys.synonyms.isdisjoint(have) or any(names <= have for names in keys.countries) or \
            not keys.capitals.isdisjoint(have):
        return SYNONYM_CREDIT
    if len(term) >= 5 and any(len(h) >= 5 and (h.startswith(term) or term.startswith(h))
                              for h in words_sharing_prefix(have, term[:5])):
        return PREFIX_CREDIT
    return 0.0


@dataclass(frozen=True)
class _MatchKeys:
    """What `term_match` looks for of one term, worked out once: a question's terms are matched against every
    sentence of its evidence, and MultiHop-RAG's questions made ~8,000 such calls each (eval/bench/query.md)."""

    exact: frozenset[str]  # the term, its inflections and those of its other spellings
    synonyms: frozenset[str]
    countries: tuple[frozenset[str], ...]  # for a capital: the token sets naming its country
    capitals: frozenset[str]  # for a word of a country's name: its capitals


@lru_cache(maxsize=8192)
def _match_keys(term: str) -> _MatchKeys:
    exact = frozenset({term}).union(_inflected(term), *(_inflected(v) for v in spelling_variants(term)))
    return _MatchKeys(exact=exact, synonyms=SYNONYMS.get(term, frozenset()),
                      countries=CAPITAL_COUNTRY_TOKENS.get(term, ()),
                      capitals=CAPITALS_OF_COUNTRY_TOKEN.get(term, frozenset()))


_WORD = re.compile(r"\w[\w'’-]*")


def question_word_spans(terms: Iterable[str], sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each word of `sentence` that writes one of the question's `terms` (the term itself, an
    inflection or another spelling: `term_match` 1): where the sentence says what the question asks, for measuring
    how far a value stands from it (aggregate.secondary_mentions, ranker.py)."""
    terms = tuple(terms)
    spans = []
    for w in _WORD.finditer(sentence):
        have = frozenset(content_terms(w.group(0)))
        if have and any(term_match(t, have) >= 1.0 for t in terms):
            spans.append((w.start(), w.end()))
    return spans


def words_sharing_prefix(have: frozenset[str] | set[str], prefix: str) -> Iterable[str]:
    """The words of `have` that may start with `prefix` (five letters): looked up in a cached index for a
    frozenset (a sentence's words, tested against every question term), every word of a plain set."""
    return _by_prefix(have).get(prefix, ()) if isinstance(have, frozenset) else have


@lru_cache(maxsize=4096)
def _by_prefix(have: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The words of `have` of 5+ letters by their first five: the prefix test of `term_match` reads only the
    words sharing the term's, not every word of a sentence for every term (the same answer, a fraction of
    the answer composer's CPU). Consecutive calls share `have` (one sentence, every question term)."""
    found: dict[str, list[str]] = {}
    for h in have:
        if len(h) >= 5:
            found.setdefault(h[:5], []).append(h)
    return {prefix: tuple(words) for prefix, words in found.items()}


@lru_cache(maxsize=4096)
def _inflected(term: str) -> frozenset[str]:
    return inflections(term)


SEATING_NOUNS = frozenset({"capacity", "seat", "seats", "seater"})  # what a venue holds: people


def seats_asked(figure_head: str, asked_class: str | None) -> bool:
    """Whether a figure of a venue's size answers a count of people: "How many people will it seat?" by "its
    proposed 35,000-capacity stadium" or "18,000 seats"."""
    return figure_head.lower() in SEATING_NOUNS and asked_class in ("personnel", "people")


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
