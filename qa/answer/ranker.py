"""Which candidate value answers: a learned order over the candidates aggregation found.

`aggregate.py` groups the mentions of the asked type by value and scores each group by the
support of the sentences stating it, with hand-set factors (a value named beside another, a title
given to someone else, an amount of something the question does not ask about, ...). That support
is a good signal, yet on the development sets the right value was often the second or third
candidate: support alone does not know that an answer usually stands close to the question's own
words, that a value first named in the best sentence tends to be the answer, or that a candidate
sharing words with the question is usually its subject, not its answer.

So the order is a small linear model over robust features of each candidate (`features`), each a
share or a flag that means the same on any corpus:

* `support`, `stated`: the group's support and its support before any preference between
  candidates, as shares of the best candidate's;
* `relevance`, `dense`, `lexical`: its best sentence's relevance (as a share of the best sentence
  overall), cosine and term coverage;
* `articles`, `mentions`: how many articles state it and how many sentences name it (log scale);
* `top_sentence`: it is named in the best sentence of all; `first_hit`: 1/(1 + the best hit rank
  of an article naming it);
* `aside`: the share of its sentences that name it only beside another value (`secondary`);
* `demoted`: a preference between candidates lowered its support (`_prefer_introduced`);
* `recognised`: the entity recogniser typed it, not only a pattern;
* `near`: how close it stands to the question's own words in its best sentences (1 adjacent,
  falling with distance in characters);
* `in_question`: the share of its words the question uses (its subject, partly named);
* `cue`: its best sentence holds the cue of the asked kind (an office title, a unit);
* `discounted`: the share of its sentences whose weight aggregation discounted as being about something
  else (another holder of the office, an amount of another thing, a part of another whole).

    score = sum(weight[f] * feature[f])      (candidates are ordered by score, best first)

The weights are data, `qa/answer/ranker_model.json`, fitted by `eval/fit_ranker.py` as a
conditional logit (a softmax over each question's candidates, the right one labelled) on the
development sets it names, with the date; the file also records, per set, how often the first
candidate is right under the support order and under the model, fitted without that set. Without a
model file the order is the support order. The support itself is unchanged: conflicts and the
abstention read it as before.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from qa.answer.question import content_terms, question_word_spans, term_match

if TYPE_CHECKING:  # aggregate imports this module
    from qa.answer.aggregate import AnswerCandidate
    from qa.answer.evidence import Candidate, Evidence
    from qa.query import Query

MODEL_FILE = Path(__file__).with_name("ranker_model.json")
FEATURES = ("support", "stated", "relevance", "dense", "lexical", "articles", "mentions", "top_sentence", "first_hit",
            "aside", "demoted", "discounted", "recognised", "near", "in_question", "cue")
NEAR_SCALE = 40.0  # characters: a value this far from the question's nearest word counts 1/e as near as adjacent
READ_STATEMENTS = 3  # the best sentences of a candidate read for `near`


def features(groups: Sequence["AnswerCandidate"], query: "Query", evidence: "Evidence") -> list[dict[str, float]]:
    """Each group's features (the module docstring), in the order of `groups`."""
    if not groups:
        return []
    best_relevance = max((c.relevance for c in evidence.candidates), default=0.0) or 1.0
    top = max(evidence.candidates, key=lambda c: c.relevance) if evidence.candidates else None
    top_support = max(g.support for g in groups) or 1.0
    top_stated = max(g.stated_support for g in groups) or 1.0
    question_terms = frozenset(query.terms)
    asked: dict[tuple[str, int], list[tuple[int, int]]] = {}  # per sentence: one sentence names several values

    def asked_in(c: "Candidate") -> list[tuple[int, int]]:
        key = (c.doc_id, c.start)
        if key not in asked:
            asked[key] = question_word_spans(query.terms, c.text)
        return asked[key]

    out = []
    for g in groups:
        lead, _ = g.statements[0]
        value_terms = content_terms(g.value)
        out.append({
            "support": g.support / top_support,
            "stated": g.stated_support / top_stated,
            "relevance": lead.relevance / best_relevance,
            "dense": lead.dense,
            "lexical": lead.lexical,
            "articles": math.log1p(len(g.stating_documents)),
            "mentions": math.log1p(len(g.statements)),
            "top_sentence": 1.0 if top is not None and any(c is top for c, _ in g.statements) else 0.0,
            "first_hit": 1.0 / (1.0 + min(c.hit_rank for c, _ in g.statements)),
            "aside": len(g.secondary) / len({(c.doc_id, c.start) for c, _ in g.statements}),
            "demoted": 1.0 if g.support < g.stated_support * 0.999 else 0.0,
            "recognised": 1.0 if any(m.recognised for _, m in g.statements) else 0.0,
            "near": max(_nearness(asked_in(c), m.start, m.end) for c, m in g.statements[:READ_STATEMENTS]),
            "in_question": (sum(1 for t in value_terms if any(term_match(t, {q}) >= 1.0 for q in question_terms))
                            / len(value_terms)) if value_terms else 0.0,
            "cue": 1.0 if lead.cue > 0 else 0.0,
            "discounted": g.discounted,
        })
    return out


def _nearness(asked: list[tuple[int, int]], start: int, end: int) -> float:
    """exp(-d / NEAR_SCALE), d the characters between the value at `start`:`end` and the nearest of the sentence's
    words that say the question's terms (`asked`; 0 when it has none but inside the value)."""
    distances = [max(s - end, start - e, 0) for s, e in asked if not start <= s < end]
    return math.exp(-min(distances) / NEAR_SCALE) if distances else 0.0


def score(values: dict[str, float], model: dict[str, Any]) -> float:
    return sum(model["weights"].get(f, 0.0) * values[f] for f in FEATURES)


def order(groups: list["AnswerCandidate"], query: "Query", evidence: "Evidence",
          model: dict[str, Any] | None = None) -> list["AnswerCandidate"]:
    """`groups` (in the support order) best first under the model; the support order without one."""
    model = model if model is not None else load_model()
    if len(groups) < 2 or not model.get("weights"):
        return groups
    scores = [score(v, model) for v in features(groups, query, evidence)]
    ranked = sorted(range(len(groups)), key=lambda i: (-scores[i], i))
    return [groups[i] for i in ranked]


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_FILE)) -> dict[str, Any]:
    p = Path(path)
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
