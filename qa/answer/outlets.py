"""Questions that ask which outlet reported something: the answer is the publisher of the evidence.

"Which news outlet reported that Apple blocked Beeper Mini?", "Between the Guardian report on A
and the Sport Grill article on B, which news source detailed a successful penalty?" ask for the
name of a publication, which is no word of any sentence: it is the `source` of the article that
states the claim. `asks_outlet` recognises the question; `outlet_answer` scores each outlet by its
best sentence's relevance to the question (only the outlets the question names, when it names
some), answers with the best outlet's name leading its sentence, cited: `TechCrunch: Apple blocked
Beeper Mini ... [1].` (short answer "TechCrunch"). When a second outlet states it nearly as well,
both are given, each with its own sentence. Pure: no model, no IO.
"""

from __future__ import annotations

import re
from typing import Any

from qa.answer.citations import Target
from qa.answer.protocols import Draft, Proposal

# "which news source reported", "what publication first said", "which outlets covered": the outlet is the
# one doing the reporting. Not "which source of energy" (a source of something), nor "Which news
# organisation does Mark Gurman report for?" (an organisation the sentences name, asked of a person).
_OUTLET_ASK = re.compile(
    r"\b(?:which|what)\s+(?:news\s+|media\s+|online\s+)?(?:outlet|source|publication|newspaper|paper|magazine|"
    r"news\s+site|website|news\s+organi[sz]ation|publisher)s?(?:['’]s?\s+\w+)?"
    r"(?:\s+(?:first|also|originally|later|recently|initially))?\s+"
    r"(?:report|publish|sa(?:y|id)|wr(?:ite|ote)|cover|detail|describ|mention|highlight|discuss|feature|stat|not|"
    r"claim|br(?:eak|oke)|ran|run|suggest|indicat|reveal|announc|carr|quot|provid|focus|emphasi)\w*",
    re.IGNORECASE,
)
# "Which outlet is the source of the article saying ...?", "In which newspaper did the report appear?": the outlet
# asked by the article it published rather than by a verb of reporting
_OUTLET_OF_ARTICLE = re.compile(
    r"\b(?:which|what)\s+(?:news\s+|media\s+|online\s+)?(?:outlet|publication|newspaper|paper|magazine|news\s+site|"
    r"website|news\s+organi[sz]ation|publisher)\s+(?:is|was)\s+(?:the\s+)?(?:source|publisher|origin)\s+of\b|"
    r"\b(?:in|from)\s+(?:which|what)\s+(?:news\s+|media\s+|online\s+)?(?:outlet|publication|newspaper|paper|"
    r"magazine|news\s+site|website)\b",
    re.IGNORECASE,
)
UNNAMED_RATIO = 0.8  # the best outlet's sentence, as a share of the best sentence of an article without an outlet
SECOND_OUTLET_RATIO = 0.9  # a second outlet is named when its sentence is at least this relevant
MAX_OUTLETS = 2


def asks_outlet(question: str) -> bool:
    """Whether `question` asks which outlet (news source, publication, newspaper ...) said something."""
    return bool(_OUTLET_ASK.search(question) or _OUTLET_OF_ARTICLE.search(question))


def outlet_answer(query: Any, evidence: Any) -> Draft | None:
    """The outlet(s) whose sentences best state what the question asks, cited; None when no
    candidate sentence carries an outlet name, or an article that names no outlet states it much better
    (the composer then answers as usual)."""
    named = {s.lower() for s in getattr(query, "sources_mentioned", ()) or ()}
    best: dict[str, Any] = {}
    for c in evidence.candidates:  # sorted best first
        source = getattr(c.hit, "source", None)
        if not source or (named and source.lower() not in named):
            continue
        if source not in best or c.relevance > best[source].relevance:
            best[source] = c
    if not best:
        return None
    ranked = sorted(best.values(), key=lambda c: c.relevance, reverse=True)
    unnamed = max((c.relevance for c in evidence.candidates if not getattr(c.hit, "source", None)), default=0.0)
    if ranked[0].relevance < UNNAMED_RATIO * unnamed:
        return None  # what the question asks is stated best by an article whose outlet the index does not know
    leads = [ranked[0]] + [c for c in ranked[1:MAX_OUTLETS] if c.relevance >= SECOND_OUTLET_RATIO * ranked[0].relevance]
    targets: dict[int, Target] = {}
    parts, proposals = [], []
    for c in leads:
        n = len(targets) + 1
        targets[n] = Target(doc_id=c.doc_id, chunk_id=c.chunk_id, start=c.start, end=c.end, score=c.score)
        body = c.text.strip()
        end = body[-1] if body and body[-1] in ".!?" else "."
        body = body[:-1].rstrip() if body and body[-1] in ".!?" else body
        # the outlet leads its own quote, so the claim checked against the quote is the quote
        parts.append(f"{c.hit.source}: {body} [{n}]{end}")
        proposals.append(Proposal(c.hit.source, round(float(c.relevance), 4), (n,)))
    for c in ranked[len(leads):]:
        proposals.append(Proposal(c.hit.source, round(float(c.relevance), 4), ()))
    text = " ".join(parts)
    return Draft(text=text, targets=targets, short_answer=leads[0].hit.source if len(leads) == 1 else None,
                 answer_type="organisation", candidates=proposals)
