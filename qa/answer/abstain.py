"""When the articles do not answer: a calibrated decision, and the wording.

The decision is a small logistic model over a few features of the question and its evidence that
do not depend on the corpus or on how long the question is (`features`):

* `relevance`: the best usable sentence's relevance (evidence.py: cosine and idf-weighted term
  coverage; for quantity questions only sentences with a figure of the asked unit, for who/when
  questions sentences without a name/date count at 0.8);
* `relevance_any`: the best sentence's relevance whatever it holds (a question typed wrongly — "How
  much gold ...?" read as a count — finds no value of its type, yet its sentence may state the answer);
* `dense`: the best sentence's cosine with the question;
* `entities`: share of the question's named entities (capitalised phrases, outlets excluded)
  found in the best passages' text and titles (an entity not found as written counts by the share
  of its words found: possessives and word order vary);
* `rare`: idf-weighted share of the question's rare terms (idf at least half the largest) found
  in the best sentences' passages;
* `rare_passage`: the same share found in one passage, the one that covers most of them (a
  question whose rare terms are spread over unrelated passages — the salary of one person, the
  employer of another — is no question one passage answers);
* `unseen`: share of the question's terms the index has never seen;
* `clauses`: mean, over the question's clauses, of the best coverage of a clause's terms (one
  clause: `relevance`); `clauses_any` the same with `relevance_any`;
* `typed_missing`: 1 when the question asks for a value of a type (a name, a place, a figure,
  ...) and no sentence holds one; `candidate`: the best candidate's support (aggregate.py), capped at 1;
* `focus_value` (computed, not weighted: the refit with it, eval/bench/abstention_refit_focus_value.json,
  answered more near misses on no held-out measure; eval/bench/abstention.md): for a question asking
  for a typed value that has one, how much of the question's
  focus (its terms that neither name its entities nor the kind of answer: "spectators attended",
  "voices", "businesses") the best candidate value's own sentences state (`focus_features`). A near-miss
  question ("How much could UK businesses save ...?" where the article gives households' savings) finds
  its entities and a value of the asked kind, in a sentence that says something else of them;
* `bound` (computed, not weighted; read by the floor rule below): the best-supported candidate's binding to the
  office the question asks (`AnswerCandidate.titled`, roles.py; 0 when it asks none or the binding is negative), or
  1 for a place written right after the question's own words and preposition ("Born in Alice Springs" for "In
  which town was X born?", `AnswerCandidate.introduced`);
* `length`: the question's content terms / 30 (capped at 1). A long multi-part question matches
  any one sentence less well than a short one does, so the relevance an answer needs falls with
  length; this is the feature that lets one model serve a five-word question and a sixty-word one.

    p(answerable) = sigmoid(bias + sum(weight[f] * feature[f]))

One rule overrides the model: a question about a quarter ("Uber's fourth-quarter revenue", "Q3")
whose best passages speak of other quarters only (`period_conflict`) is about a period the articles
do not cover, however well they match its other words: p = 0. (On the dev sets it catches mixed's
and the quiz's fourth-quarter questions, whose articles give the third; none of the 14 MultiHop-RAG
questions naming a quarter, nor the answerable ones of the other sets, trips it.)

A second rule floors the model: a question asking for the holder of an office ("Who is X's communications
director?") whose best-supported person a sentence gives that office ("His communications director, Tricia
McLaughlin, ...": `bound` >= BOUND_FLOOR, roles.py) is answered at the default boundary, p >= 0.5, however little
of the question's other words that sentence repeats; so is a place question whose best-supported place a sentence
writes after the question's own words ("Born in Alice Springs in 1983, Vincent ..."), and so is an age question whose
best-supported age a sentence gives the asked person ("Barely a week ago, Parise, 35, had scored just once" for "How
old is Minnesota Wild winger Zach Parise?", p 0.15 by the model alone; session 15). On the dev sets 35 answerable
questions and no unanswerable one had such an office holder (session 6); with the places, 48 answerable and no
unanswerable one of eleven dev sets (session 7). The model alone declined two of them (quiz_fresh f037, p =
0.29; places w10, p = 0.45).

The answer abstains when p < `settings.abstain_threshold` (default `DEFAULT_THRESHOLD` = 0.5, the
model's own boundary; `QA_ABSTAIN_THRESHOLD` moves it). The weights are data:
`qa/answer/abstention_model.json`, written by `eval/fit_abstention.py`, which records the question
sets it was fitted on, their sizes and the date. `support` (what `qa eval` calibrates) is p.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from qa.answer.evidence import Evidence, coverage
from qa.lexicon import NATION_FORMS, NATION_OF

DEFAULT_THRESHOLD = 0.5
BOUND_FLOOR = 0.5  # roles.TITLED: the asked office given to the best-supported person, its holder written or not
WITHOUT_CUE = 0.8
MODEL_FILE = Path(__file__).with_name("abstention_model.json")
FEATURES = ("relevance", "dense", "entities", "rare", "rare_passage", "unseen", "clauses", "typed_missing", "candidate",
            "length")
LONG_QUESTION = 30  # content terms; "length" saturates there
BEST_PASSAGES = 5  # the passages whose text counts as "the best evidence" for entity and term coverage


def support_score(evidence: Evidence) -> float:
    """How well the best usable sentence supports an answer (see the module docstring)."""
    kind = evidence.question.kind
    if not evidence.candidates:
        return 0.0
    if kind == "quantity":
        with_cue = [c.relevance for c in evidence.candidates if c.cue > 0]
        return max(with_cue) if with_cue else 0.0
    if kind in ("who", "when"):
        return max((c.relevance if c.cue > 0 else WITHOUT_CUE * c.relevance) for c in evidence.candidates)
    return max(c.relevance for c in evidence.candidates)


def threshold(settings: Any) -> float:
    return float(settings.abstain_threshold)


def features(evidence: Evidence, candidate_support: float | None, ranked: list | None = None) -> dict[str, float]:
    """The model's inputs (see the module docstring). `candidate_support`: the best typed candidate's
    support, 0.0 when the question asks for a typed value and none was found, None when it asks for none.
    `ranked`: the candidate values already aggregated for that support, if they were (`focus_features`)."""
    from qa.answer.aggregate import age_bound  # aggregate reads this module's focus terms

    query = evidence.question
    cands = evidence.candidates
    idf = evidence.idf
    top_idf = max(idf.values(), default=0.0)
    terms = list(query.terms)
    passage_text = " ".join(f"{h.title or ''} {h.chunk.text}" for h in evidence.hits[:BEST_PASSAGES]).lower()
    outlets = {s.lower() for s in query.sources_mentioned}
    entities = [e for e in query.entities if e.lower() not in outlets]
    passage_terms: set[str] | None = None
    found = 0.0
    for e in entities:
        if e.lower() in passage_text:
            found += 1.0
            continue
        if passage_terms is None:
            from qa.query import content_terms

            passage_terms = set(content_terms(passage_text))
        found += entity_found(e, passage_text, passage_terms)
    rare = [t for t in terms if idf.get(t, 0.0) >= 0.5 * top_idf] if top_idf > 0 else []
    best_terms: frozenset[str] = frozenset().union(*(c.terms | c.chunk_terms for c in cands[:10]))
    relevance = support_score(evidence)
    relevance_any = max((c.relevance for c in cands), default=0.0)
    clause_scores = []
    if len(query.clauses) > 1 and cands:
        from qa.query import content_terms

        for clause in query.clauses:
            clause_terms = [t for t in dict.fromkeys(content_terms(clause)) if t in idf]
            if clause_terms:
                clause_scores.append(max(coverage(clause_terms, c.terms | c.chunk_terms, idf) for c in cands[:20]))
    never = evidence.unseen_idf
    unseen = [t for t in terms if never > 0 and idf.get(t, 0.0) >= never - 1e-9]
    return {
        "relevance": relevance,
        "relevance_any": relevance_any,
        "dense": max((c.dense for c in cands), default=0.0),
        "entities": found / len(entities) if entities else 1.0,
        "rare": coverage(rare, best_terms, idf) if rare else 1.0,
        "rare_passage": max((coverage(rare, c.terms | c.chunk_terms, idf) for c in cands[:20]), default=0.0)
        if rare else 1.0,
        "unseen": len(unseen) / len(terms) if terms else 0.0,
        "clauses": sum(clause_scores) / len(clause_scores) if clause_scores else relevance,
        "clauses_any": sum(clause_scores) / len(clause_scores) if clause_scores else relevance_any,
        "typed_missing": 1.0 if candidate_support == 0.0 else 0.0,
        "candidate": min(float(candidate_support or 0.0), 1.0),
        "period_conflict": 1.0 if period_conflict(getattr(query, "text", "") or "", passage_text) else 0.0,
        # the best-supported value is given the office the question asks (roles.py: 1 the asked holder's, 0.5 no
        # holder written), or is the asked person's age ("Parise, 35,"); 0 when the value is not so bound
        "bound": (1.0 if ranked[0].introduced or age_bound(ranked[0], query) else max(0.0, ranked[0].titled))
        if ranked else 0.0,
        **focus_features(evidence, candidate_support, ranked),
        **query_features(query),
    }


FOCUS_SENTENCES = 20  # the best sentences searched for the question's focus
VALUE_STATEMENTS = 5  # the sentences of the best candidate value whose focus coverage counts


def focus_terms(query: Any) -> list[str]:
    """The question's terms that are not words of the entities it names nor words naming the kind of
    answer: what it asks about them ("How many spectators attended Tottenham's defeat?" -> spectators,
    attended, defeat). A near-miss question names what the articles cover and asks what they do not say:
    its entities are found, its focus is not."""
    from qa.query import content_terms

    named = {t for e in getattr(query, "entities", ()) for t in content_terms(e)}
    kind = set(getattr(query, "type_terms", ()) or ()) | _answer_kind_terms()
    # a bare number is a detail of what is named ("Baldur's Gate 3", "2-1 defeat"), not what is asked
    return [t for t in dict.fromkeys(query.terms) if t not in named and t not in kind and not t.isdigit()]


@lru_cache(maxsize=1)
def _answer_kind_terms() -> frozenset[str]:
    """Terms that say what kind of answer is wanted ("Which city ...?", "Which firm ...?", "according to") or
    where it is written ("mentioned in the article"), not what is asked of the entities: a sentence stating
    the answer need not repeat them."""
    from qa.lexicon import FRAME_WORDS, ORGANISATION_NOUNS, PERSON_NOUNS, PLACE_NOUNS, QUESTION_WORDS
    from qa.query import content_terms

    words = QUESTION_WORDS | FRAME_WORDS | PERSON_NOUNS | ORGANISATION_NOUNS | PLACE_NOUNS
    return frozenset(t for w in words for t in content_terms(w))


def focus_features(evidence: Evidence, candidate_support: float | None,
                   ranked: list | None = None) -> dict[str, float]:
    """Whether one sentence states the question's focus (`focus_terms`), with the terms of the sentence it
    refers back to:

    * `focus`: the best idf-weighted coverage of the focus terms by one of the best sentences;
    * `focus_value`: the best coverage by a sentence that states the best candidate value (aggregate.py),
      for a question that asks for a typed value and has one. "How much could UK businesses save ...?"
      finds "household consumers could save more than £400 per year": the value is of the asked kind
      and its sentence names every entity asked about, but not what the question asks of them. 1.0 when
      there is nothing to check (no typed value asked or found, no focus terms).

    A question with no focus terms (all its words name entities or the kind of answer) misses none.
    `ranked`: the candidate values the caller aggregated already (None: aggregated here when needed)."""
    query = evidence.question
    focus = focus_terms(query)
    if not focus:
        return {"focus": 1.0, "focus_value": 1.0}
    idf = evidence.idf
    best = max((coverage(focus, c.terms | c.context_terms, idf) for c in evidence.candidates[:FOCUS_SENTENCES]),
               default=0.0)
    value = 1.0
    if candidate_support:
        if ranked is None:
            from qa.answer.aggregate import aggregate

            ranked = aggregate(query, evidence)
        if ranked:
            value = max(coverage(focus, c.terms | c.context_terms, idf)
                        for c, _ in ranked[0].statements[:VALUE_STATEMENTS])
    return {"focus": best, "focus_value": value}


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_QUARTER = re.compile(r"\b(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter|Q(?P<q>[1-4])|"
                      r"(?P<n>[1-4])Q)\b", re.IGNORECASE)


def quarters(text: str) -> set[int]:
    """The quarters a text names: "fourth-quarter", "third quarter", "Q3", "3Q" -> {4, 3}."""
    out = set()
    for m in _QUARTER.finditer(text):
        out.add(_ORDINAL[m.group("ordinal").lower()] if m.group("ordinal") else int(m.group("q") or m.group("n")))
    return out


def period_conflict(question: str, passage_text: str) -> bool:
    """The question names a quarter and the passages name quarters, none of them the one asked."""
    asked = quarters(question)
    if not asked:
        return False
    said = quarters(passage_text)
    return bool(said) and not (asked & said)


def entity_found(entity: str, passage_text: str, passage_terms: set[str] | None = None) -> float:
    """How much of a named entity of the question the passages hold: 1.0 for the phrase itself, else
    the share of its words found anywhere in them ("Cubic Telecom's CEO" is found in "Barry Napier,
    CEO of Cubic Telecom"; "OpenAI's Preparedness Framework" in "OpenAI ... its Preparedness Framework")."""
    if entity.lower() in passage_text:
        return 1.0
    from qa.query import content_terms

    words = content_terms(entity)
    if not words:
        return 0.0
    have = passage_terms if passage_terms is not None else set(content_terms(passage_text))
    nation = NATION_OF.get(re.sub(r"['’]s?$", "", entity.lower()))
    if nation is not None and _nation_named(nation, passage_text):
        # a nation named by its demonym in one and its name in the other ("Barbadian" in a question, "Barbados" in
        # the page): the same entity. Not a word inside a longer name ("The Times of India")
        return 1.0
    return sum(1 for w in words if w in have) / len(words)


@lru_cache(maxsize=1)
def _nation_patterns() -> dict[str, re.Pattern[str]]:
    """nation -> a pattern of its name and demonyms as words (`qa.lexicon.NATION_FORMS`)."""
    return {n: re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, f), key=len, reverse=True)) + r")\b")
            for n, f in NATION_FORMS.items()}


def _nation_named(nation: str, passage_text: str) -> bool:
    """Whether the lower-case `passage_text` names `nation` by its name or a demonym."""
    return bool(_nation_patterns()[nation].search(passage_text))


def query_features(query: Any) -> dict[str, float]:
    """The features that depend on the question alone (no index needed)."""
    return {"length": min(len(query.terms), LONG_QUESTION) / LONG_QUESTION}


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_FILE)) -> dict[str, Any]:
    """The fitted weights: {"bias": b, "weights": {feature: w}, "fitted_on": [...], "fitted_at": ...}."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def probability(values: dict[str, float], model: dict[str, Any] | None = None) -> float:
    """p(answerable) under the logistic model."""
    if values.get("period_conflict"):
        return 0.0  # a period the articles do not cover (module docstring)
    model = model or load_model()
    z = float(model["bias"]) + sum(float(w) * values.get(name, 0.0) for name, w in model["weights"].items())
    p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    if values.get("bound", 0.0) >= BOUND_FLOOR:
        return max(p, DEFAULT_THRESHOLD)  # the evidence gives the value the office asked (module docstring)
    return p


def feature_vector(values: dict[str, float], names: Sequence[str] = FEATURES) -> list[float]:
    return [float(values.get(n, 0.0)) for n in names]


_WH = re.compile(r"^(?:who|whom|whose|what|which|when|where|why|how)\b", re.IGNORECASE)
_LEAD = re.compile(r"^(?:and|so|but|also|then|ok|okay)\b[,\s]*", re.IGNORECASE)


def abstention_text(question: str) -> str:
    """'The indexed articles do not say how many North Korean soldiers have been killed.'"""
    q = _LEAD.sub("", " ".join(question.split())).rstrip(" ?.!")
    if not q:
        return "The indexed articles do not say."
    if _WH.match(q):
        return f"The indexed articles do not say {q[0].lower() + q[1:]}."
    return f'The indexed articles do not say: "{q}?"'
