"""When the articles do not answer: a support score, a threshold, and the wording.

Support score (in [0, 1]) = relevance of the best candidate sentence that holds what the
question asks for (evidence.py: 0.5 * cosine(query, sentence) + 0.5 * idf-weighted share of
the question's content terms in the sentence and, for a quarter, its chunk):

* quantity questions: only sentences with a figure of the asked unit count; none -> 0;
* who / when questions: sentences with a name / a date count fully, others at 0.8;
* other questions: the best sentence.

The answer abstains when the score is below `settings.abstain_threshold`.

Calibration: eval/datasets/kursk/questions.jsonl (43 answerable, 8 unanswerable questions),
the sample index, HybridRetriever with the default reranker, k=8. Support scores:

    unanswerable: 0.00 0.00 0.37 0.37 0.37 0.43 0.46 0.53   (highest: "What is the name of the
                  North Korean general ...", matched by "NATO Secretary General Mark Rutte")
    answerable:   lowest 0.59 0.62 0.64 0.67 0.68 ..., median 0.84

DEFAULT_THRESHOLD = 0.56 is the midpoint of the gap (0.53, 0.59): every unanswerable question
abstains and every answerable one is answered. On 22 further questions written afterwards and
not tuned on (14 answerable, 8 not) it abstained on 7 of 8 unanswerable and answered 12 of 14
(10 of them correctly).
Lowering the threshold trades abstentions for answers. Both parts are bounded (cosine, share of
idf mass) but their scale still depends on the questions: MultiHop-RAG's long multi-part
questions score lower (answerable median 0.44, null 0.26 on 300 of them), where about 0.3 is
right. `qa eval` on a question set with null questions reports the threshold that separates it
best (report.md, "Abstention threshold"); set it with QA_ABSTAIN_THRESHOLD.
"""

from __future__ import annotations

import re

from qa.answer.evidence import Evidence

DEFAULT_THRESHOLD = 0.56
WITHOUT_CUE = 0.8


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


def threshold(settings: object) -> float:
    return float(settings.abstain_threshold)


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
