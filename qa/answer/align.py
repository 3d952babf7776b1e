"""Align a generated answer to the sentences that support it (small models do not cite reliably).

Each generated sentence is compared with every candidate sentence of the evidence: the support
test of verify.py (numbers must match; content-word overlap; cosine of the sentence embedding
with the stored sentence vector; every name it writes must be in the candidate, see
`verify.missing_names`), with a small bonus for sentences inside the passages the model
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
from qa.answer.verify import check, named_entities, unsupported_names
from qa.ingest.sentences import split_sentences

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


# "No," / "Yes." / "No —": punctuation must follow, so "No North Korean troops ..." stays a claim
_VERDICT = re.compile(r"^\s*(?P<verdict>yes|no)\s*(?:[,.;:!—–-]+\s*|$)", re.IGNORECASE)


def split_verdict(text: str) -> tuple[str, str]:
    """'Yes, both report X.' -> ('Yes', 'both report X.'); 'No.' -> ('No', ''); other text -> ('', text)."""
    m = _VERDICT.match(text)
    if not m:
        return "", text
    rest = text[m.end() :].strip()
    return m.group("verdict").capitalize(), (rest[0].upper() + rest[1:]) if rest else ""


def _nearby(cand: Any) -> str:
    """The sentences just before and after a candidate, within its chunk."""
    chunk = cand.hit.chunk
    local_start, local_end = cand.start - chunk.start, cand.end - chunk.start
    spans = split_sentences(chunk.text)
    at = next((i for i, (a, b) in enumerate(spans)
               if a <= local_start < b or (a >= local_start and b <= local_end)), None)
    if at is None:
        return ""
    parts = [chunk.text[a:b] for a, b in spans[max(0, at - 1) : at] + spans[at + 1 : at + 2]]
    return " ".join(parts)


def align_draft(draft: Draft, evidence: Evidence, embedder: Any) -> Draft:
    """Return an aligned draft: each kept sentence cites the one candidate sentence that supports it."""
    claims = split_claims(draft.text)
    candidates = evidence.candidates
    if not claims or not candidates:
        return Draft(text="", aligned=True, abstained=True, timings_ms=dict(draft.timings_ms))
    if all(says_no_answer(c.text) for c in claims):
        return Draft(text="", aligned=True, abstained=True, timings_ms=dict(draft.timings_ms))
    # A yes/no verdict is no claim a passage can support by itself: it is kept only in front of
    # the first supported sentence that gives its grounds ("Yes. Both report X [1]." from "Yes."
    # followed by that sentence, or from "Yes, both report X."), and dropped with them.
    verdicts = [split_verdict(c.text) for c in claims]
    texts = [rest or c.text for (_, rest), c in zip(verdicts, claims)]
    claim_vecs = embedder.embed(texts)
    cand_vecs = np.stack([c.vector for c in candidates]).astype(np.float32)
    sims = claim_vecs @ cand_vecs.T
    kept: list[tuple[str, list[int]]] = []
    targets: dict[int, Target] = {}
    by_span: dict[tuple[str, int], int] = {}
    pending = ""
    # The outlets of the retrieved articles are metadata a claim may name ("Both The Verge and
    # TechCrunch reported ..."); another article's title is not (it would let a swapped name in).
    outlets = tuple(sorted({h.source for h in evidence.hits if h.source}))
    for i, claim in enumerate(claims):
        verdict, rest = verdicts[i]
        if verdict and not rest:
            pending = pending or verdict
            continue
        if says_no_answer(claim.text):
            continue
        text = rest if verdict else claim.text
        names = named_entities(text)
        cited = {draft.targets[n].chunk_id for n in claim.markers if n in draft.targets}
        best_j, best_score = -1, -1.0
        for j, cand in enumerate(candidates):
            support = check(text, cand.text, float(sims[i, j]))
            if not support.supported:
                continue
            if names and unsupported_names(names, cand.text, cand.hit.chunk.text,
                                           (cand.hit.title or "", *outlets), _nearby(cand)):
                continue  # a name the sentence does not hold: a swapped name is a wrong claim
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
        verdict, pending = verdict or pending, ""
        kept.append((f"{verdict}. {text}" if verdict else text, [by_span[key]]))
    if not kept:
        return Draft(text="", aligned=True, abstained=True, timings_ms=dict(draft.timings_ms))
    return Draft(text=join_claims(kept), targets=targets, aligned=True, timings_ms=dict(draft.timings_ms))
