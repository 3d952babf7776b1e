"""compose_answer: question + retrieved hits -> a short answer whose every marker is a checked citation.

Steps: analyse the question; score the candidate sentences of the hits (evidence.py); abstain
when the support score is under the calibrated threshold (abstain.py); let the generator write a
draft (extractive by default, an LLM in 'llm' mode); align LLM sentences to their supporting
sentences (align.py); check every cited claim against its quote (verify.py) — unsupported
extractive claims are flagged (`verified=False`), unsupported generated ones were already
dropped; drop markers that point at nothing, renumber, and build the Citation objects
(citations.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from qa.answer import abstain
from qa.answer.aggregate import AnswerCandidate, aggregate
from qa.answer.align import align_draft
from qa.answer.citations import build_citations, marker_claims
from qa.answer.evidence import Evidence, gather
from qa.answer.extractive import TYPED, ExtractiveGenerator
from qa.answer.instructions import without_instructions
from qa.answer.outlets import asks_outlet
from qa.answer.protocols import Draft, Generator
from qa.answer.question import QuestionInfo, analyse
from qa.answer.verify import check_all
from qa.errors import InputError
from qa.types import CandidateAnswer, Citation, Hit


@dataclass(frozen=True)
class Composition:
    answer: str  # with [n] markers, n = Citation.n
    citations: list[Citation]
    abstained: bool
    timings_ms: dict[str, float] = field(default_factory=dict)
    support: float = 0.0  # the abstention support score (abstain.py)
    short_answer: str | None = None
    answer_type: str | None = None
    candidates: list[CandidateAnswer] = field(default_factory=list)
    conflict: bool = False
    features: dict[str, float] = field(default_factory=dict)  # the abstention model's inputs (abstain.py)


# question kinds that read every retrieved passage (not only the shown ones): their answers gather
# values across articles (figures, an overview)
WIDE_KINDS = frozenset({"quantity", "summary"})


def reads_wide(query: QuestionInfo) -> bool:
    """Whether the answer reads every retrieved passage: figures and overviews gather across articles, and a
    yes/no question that names outlets needs each outlet's sentences (verdict.py)."""
    return query.kind in WIDE_KINDS or (query.answer_type == "yesno" and bool(query.sources_mentioned))


def compose_answer(
    question: str,
    hits: Sequence[Hit],
    reader: Any,
    embedder: Any,
    settings: Any,
    mode: str = "extractive",
    generator: Generator | None = None,
    on_token: Callable[[str], None] | None = None,
    *,
    query_vector: np.ndarray | None = None,
    shown: int | None = None,
    info: QuestionInfo | None = None,
) -> Composition:
    """Answer `question` from `hits` (see the module docstring). `query_vector` saves re-embedding the question.

    `shown`: how many of `hits` are the passages shown with the answer (default: all). Abstention
    and ordinary answers use only those; a quantity question gathers figures from all of `hits`,
    so that every figure the articles report is stated, not only those in the top passages.
    `info`: `analyse(question)` when the caller has it already.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    if mode not in ("extractive", "llm"):
        raise InputError(f"unknown mode {mode!r}", hint="use mode 'extractive' or 'llm'")
    if mode == "llm" and generator is None:
        raise InputError("mode 'llm' needs a generator", hint="build one with qa.answer.llm.build_generator(settings)")
    info = info if info is not None else analyse(question)
    qvec = query_vector if query_vector is not None else embedder.embed([question])[0]
    qvec = np.asarray(qvec, dtype=np.float32)
    # sentences written to instruct a model are data, not evidence: neither composer quotes them
    evidence = without_instructions(gather(info, hits, reader, qvec, use_entities=settings.answer_entities))
    shown_evidence = evidence if shown is None or shown >= len(hits) else evidence.within(shown)
    support_of_value, ranked = ranked_values(info, shown_evidence)
    abstention_features = abstain.features(shown_evidence, support_of_value, ranked)
    support = abstain.probability(abstention_features)
    if not reads_wide(info):
        evidence = shown_evidence
    timings["evidence"] = _ms(started)

    def abstained() -> Composition:
        timings["compose"] = _ms(started)
        return Composition(abstain.abstention_text(question), [], True, timings, support,
                           answer_type=info.answer_type, features=abstention_features)

    # an overview is asked of whatever the articles hold: it never abstains on weak support
    if not hits or (info.answer_type != "summary" and support < abstain.threshold(settings)):
        return abstained()
    gen: Generator = generator if (generator is not None and mode == "llm") else ExtractiveGenerator()
    t = time.perf_counter()
    draft = gen.generate(question, evidence, on_token=on_token)
    timings["generate"] = _ms(t)
    timings.update({f"generate_{k}": v for k, v in draft.timings_ms.items()})
    if not draft.aligned and not draft.abstained:
        t = time.perf_counter()
        draft = align_draft(draft, evidence, embedder)
        timings["align"] = _ms(t)
    if draft.abstained or not draft.targets:
        return abstained()
    t = time.perf_counter()
    verified = verify_draft(draft, evidence, embedder)
    timings["verify"] = _ms(t)
    hits_by_chunk = {h.chunk_id: h for h in hits}
    text, citations = build_citations(draft.text, draft.targets, evidence.documents, hits_by_chunk, verified)
    if not citations:
        return abstained()
    timings["compose"] = _ms(started)
    return Composition(text, citations, False, timings, support, short_answer=draft.short_answer,
                       answer_type=draft.answer_type or info.answer_type,
                       candidates=_candidates(draft, citations), conflict=draft.conflict,
                       features=abstention_features)


def candidate_support(query: QuestionInfo, evidence: Evidence) -> float | None:
    """The best candidate value's support for a question that asks for a value (0.0: none found);
    None for a question that asks for no value (a reason, a description, yes/no, a summary)."""
    return ranked_values(query, evidence)[0]


def ranked_values(query: QuestionInfo, evidence: Evidence) -> tuple[float | None, list[AnswerCandidate] | None]:
    """`candidate_support`, with the candidate values it ranked (aggregate.py) when it ranked them, so that the
    abstention features read them instead of aggregating the evidence again; None when it did not."""
    if asks_outlet(query.text):
        return None, None  # the value is the article's publisher, named by no sentence (outlets.py)
    if query.answer_type in TYPED:
        ranked = aggregate(query, evidence)
        return (ranked[0].support if ranked else 0.0), ranked
    if query.kind == "quantity":
        return max((c.relevance for c in evidence.candidates if c.cue > 0), default=0.0), None
    return None, None


def _candidates(draft: Draft, citations: Sequence[Citation]) -> list[CandidateAnswer]:
    """The draft's proposals with their markers renumbered as the final citations are."""
    number = {(c.doc_id, c.start, c.end): c.n for c in citations}
    out = []
    for p in draft.candidates:
        cited = []
        for m in p.markers:
            t = draft.targets.get(m)
            n = number.get((t.doc_id, t.start, t.end)) if t is not None else None
            if n is not None and n not in cited:
                cited.append(n)
        out.append(CandidateAnswer(p.value, round(float(p.support), 4), tuple(cited)))
    return out


def verify_draft(draft: Draft, evidence: Evidence, embedder: Any) -> dict[int, bool]:
    """marker -> whether the claim it is attached to is supported by the marker's quote."""
    vectors = {(c.doc_id, c.start): c.vector for c in evidence.candidates}
    pairs: list[tuple[str, str]] = []
    quote_vecs: list[np.ndarray | None] = []
    owners: list[int] = []
    for claim in marker_claims(draft.text):
        for n in claim.markers:
            t = draft.targets.get(n)
            if t is None or t.doc_id not in evidence.documents:
                continue
            pairs.append((claim.text, evidence.documents[t.doc_id].text[t.start : t.end]))
            quote_vecs.append(vectors.get((t.doc_id, t.start)))
            owners.append(n)
    result: dict[int, bool] = {}
    for n, s in zip(owners, check_all(pairs, embedder, quote_vecs)):
        result[n] = result.get(n, True) and s.supported
    return result


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000.0
