"""Align a generated answer to the sentences that support it (small models do not cite reliably).

Each generated sentence is compared with every candidate sentence of the evidence: the support
test of verify.py (numbers must match; content-word overlap; cosine of the sentence embedding
with the stored sentence vector), with a small bonus for sentences inside the passages the model
cited. The best supported candidate becomes the sentence's citation; a sentence nothing
supports is dropped. Markers the model wrote are only hints: a `[7]` with five passages, or a
marker on an unsupported sentence, disappears.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from qa.answer.citations import Target, join_claims, split_claims
from qa.answer.evidence import Evidence
from qa.answer.protocols import Draft
from qa.answer.verify import check

CITED_BONUS = 0.05
_NO_ANSWER = re.compile(
    r"\b(?:do(?:es)?\s+not\s+(?:say|mention|contain|provide|specify|state)|no\s+information|not\s+mentioned|"
    r"cannot\s+(?:answer|be\s+determined|determine)|can['’]t\s+(?:answer|determine)|not\s+(?:provided|specified|stated)\s+in|"
    r"unable\s+to\s+(?:answer|determine|find)|i\s+don['’]t\s+know)\b",
    re.IGNORECASE,
)


def says_no_answer(text: str) -> bool:
    """True when a generated answer says the passages do not answer."""
    return bool(_NO_ANSWER.search(text))


def align_draft(draft: Draft, evidence: Evidence, embedder: Any) -> Draft:
    """Return an aligned draft: each kept sentence cites the one candidate sentence that supports it."""
    claims = split_claims(draft.text)
    candidates = evidence.candidates
    if not claims or not candidates:
        return Draft(text="", aligned=True, abstained=True, timings_ms=dict(draft.timings_ms))
    if all(says_no_answer(c.text) for c in claims):
        return Draft(text="", aligned=True, abstained=True, timings_ms=dict(draft.timings_ms))
    claim_vecs = embedder.embed([c.text for c in claims])
    cand_vecs = np.stack([c.vector for c in candidates]).astype(np.float32)
    sims = claim_vecs @ cand_vecs.T
    kept: list[tuple[str, list[int]]] = []
    targets: dict[int, Target] = {}
    by_span: dict[tuple[str, int], int] = {}
    for i, claim in enumerate(claims):
        if says_no_answer(claim.text):
            continue
        cited = {draft.targets[n].chunk_id for n in claim.markers if n in draft.targets}
        best_j, best_score = -1, -1.0
        for j, cand in enumerate(candidates):
            support = check(claim.text, cand.text, float(sims[i, j]))
            if not support.supported:
                continue
            score = support.score + (CITED_BONUS if cand.chunk_id in cited else 0.0)
            if score > best_score:
                best_j, best_score = j, score
        if best_j < 0:
            continue  # nothing supports this sentence: drop it
        cand = candidates[best_j]
        key = (cand.doc_id, cand.start)
        if key not in by_span:
            by_span[key] = len(targets) + 1
            targets[by_span[key]] = Target(cand.doc_id, cand.chunk_id, cand.start, cand.end, best_score)
        kept.append((claim.text, [by_span[key]]))
    if not kept:
        return Draft(text="", aligned=True, abstained=True, timings_ms=dict(draft.timings_ms))
    return Draft(text=join_claims(kept), targets=targets, aligned=True, timings_ms=dict(draft.timings_ms))
