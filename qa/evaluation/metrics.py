"""Evaluation metrics: pure functions over plain strings, lists and dicts (no IO, no models).

Per question, `score_question` gives a flat dict of metric -> value (None where the metric does
not apply, e.g. retrieval metrics of a question without evidence); `aggregate` averages those
over questions, skipping the Nones, and adds abstention and latency summaries.

Retrieval follows MultiHop-RAG's `retrieval_evaluate.py` (github.com/yixuantt/MultiHop-RAG):
a retrieved chunk is a hit when a gold evidence quote, whitespace removed, is a substring of the
chunk, whitespace removed; questions without evidence (its null queries) are left out. One
deliberate difference: the official script removes only spaces and newlines, we remove all
whitespace (tabs, non-breaking spaces), which can only turn a near-miss caused by a tab into a hit.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import defaultdict
from typing import Any, Iterable, Mapping, Sequence

DEFAULT_K_VALUES: tuple[int, ...] = (4, 10)

# The answer MultiHop-RAG's prompts ask for when the context is insufficient; its lenient scorer
# compares a prediction with this for null queries, so an abstention is scored as this text.
INSUFFICIENT = "Insufficient information."

_WS = re.compile(r"\s+")
_MARKER = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]")  # [1], [1, 2], [1-3]
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PUNCT_NOT_IN_NUMBER = re.compile(r"(?!(?<=\d)[.](?=\d))(?:[^\w\s]|_)")  # keeps the point of 1.5
_ARTICLES = {"a", "an", "the"}


# --- retrieval -------------------------------------------------------------------------------

def squash(text: str) -> str:
    """`text` with every whitespace character removed (MultiHop-RAG's matching form)."""
    return _WS.sub("", text or "")


def facts_in_passages(passages: Sequence[str], quotes: Sequence[str]) -> list[set[int]]:
    """For each passage (in rank order), the indices of the evidence quotes it contains."""
    gold = [squash(q) for q in quotes]
    found = []
    for passage in passages:
        p = squash(passage)
        found.append({i for i, g in enumerate(gold) if g and g in p})
    return found


def retrieval_scores(passages: Sequence[str], quotes: Sequence[str],
                     k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, float] | None:
    """Hits@k, MRR@k, MAP@k, fact recall@k and all-facts@k of one question; None without evidence.

    - hits@k: 1 if any of the top k passages contains any evidence quote.
    - mrr@k: 1/rank of the first passage (rank <= k) containing an evidence quote, else 0.
    - map@k: MultiHop-RAG's definition: at each rank i <= k whose passage holds a quote,
      add (number of quotes first found at rank i) / i; divide the sum by min(#quotes, k).
      (Not textbook AP: a passage holding two new facts counts twice.) Repeated identical
      quotes count once in the numerator and every time in #quotes, as in the official code.
    - fact_recall@k: share of the evidence quotes contained in some top-k passage.
    - all_facts@k: 1 if every evidence quote is in the top k, else 0.
    """
    quotes = [q for q in quotes if squash(q)]
    if not quotes:
        return None
    found = facts_in_passages(passages, quotes)
    distinct = {squash(q) for q in quotes}
    scores: dict[str, float] = {}
    for k in sorted(set(k_values)):
        if k <= 0:
            raise ValueError("k must be greater than 0")
        top = found[:k]
        first = next((rank for rank, f in enumerate(top, start=1) if f), None)
        seen_text: set[str] = set()
        ap_sum = 0.0
        for rank, f in enumerate(top, start=1):
            new = {squash(quotes[i]) for i in f} - seen_text
            if new:
                ap_sum += len(new) / rank
                seen_text |= new
        covered = set().union(*top) if top else set()
        covered_text = {squash(quotes[i]) for i in covered}
        scores[f"hits@{k}"] = 1.0 if first else 0.0
        scores[f"mrr@{k}"] = 1.0 / first if first else 0.0
        scores[f"map@{k}"] = ap_sum / min(len(quotes), k)
        scores[f"fact_recall@{k}"] = len(covered) / len(quotes)
        scores[f"all_facts@{k}"] = 1.0 if covered_text == distinct else 0.0
    return scores


# --- answers ---------------------------------------------------------------------------------

def normalize_answer(text: str) -> str:
    """Lower case, citation markers and punctuation removed, numbers normalised, spaces collapsed.

    "10,000" and "10000" both become "10000"; the decimal point of "1.5" stays; "%" becomes
    "percent"; accents and typographic quotes/dashes are folded (NFKD) so "Zelenskyy’s" matches
    "Zelenskyy's".
    """
    text = _MARKER.sub(" ", text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("%", " percent ")
    text = _THOUSANDS.sub("", text)
    text = _PUNCT_NOT_IN_NUMBER.sub(" ", text)
    return " ".join(text.split())


def contains_answer(prediction: str, gold: str) -> bool:
    """True when the normalised `gold` appears in the normalised `prediction` as whole words."""
    g = normalize_answer(gold)
    if not g:
        return False
    return f" {g} " in f" {normalize_answer(prediction)} "


def answer_correct(prediction: str, answers: Sequence[str],
                   answer_parts: Sequence[Sequence[str]] = ()) -> bool | None:
    """Normalised containment. With `answer_parts`, every part must appear (any alternative of a
    part is enough); otherwise any one accepted answer is enough. None for a question with no
    accepted answer (a null question: see `abstention_scores`)."""
    parts = [p for p in answer_parts if p]
    if parts:
        return all(any(contains_answer(prediction, alt) for alt in part) for part in parts)
    if not answers:
        return None
    return any(contains_answer(prediction, a) for a in answers)


def _f1_tokens(text: str) -> list[str]:
    return [t for t in normalize_answer(text).split() if t not in _ARTICLES]


def token_f1(prediction: str, answers: Sequence[str]) -> float | None:
    """SQuAD-style token F1 (articles dropped), best over the accepted answers; None without answers."""
    answers = [a for a in answers if normalize_answer(a)]
    if not answers:
        return None
    pred = _f1_tokens(prediction)
    best = 0.0
    for answer in answers:
        gold = _f1_tokens(answer)
        common = _multiset_overlap(pred, gold)
        if not pred or not gold or common == 0:
            continue
        precision, recall = common / len(pred), common / len(gold)
        best = max(best, 2 * precision * recall / (precision + recall))
    return best


def _multiset_overlap(a: Sequence[str], b: Sequence[str]) -> int:
    counts: dict[str, int] = defaultdict(int)
    for t in b:
        counts[t] += 1
    common = 0
    for t in a:
        if counts[t] > 0:
            counts[t] -= 1
            common += 1
    return common


def lenient_match(prediction: str, gold: str) -> bool:
    """MultiHop-RAG's `qa_evaluate.py` rule: if the prediction holds `The answer to the question is
    "X"`, X is taken; then prediction and gold, lower-cased and split on whitespace, must share
    at least one word. Very lenient ("the" counts); reported only to compare with published numbers.
    Our `[n]` citation markers are removed first, since they are not part of the answer's words.
    """
    match = re.search(r'The answer to the question is "(.*?)"', prediction)
    if match:
        prediction = match.group(1)
    prediction = _MARKER.sub(" ", prediction)
    return bool(set(prediction.lower().split()) & set(gold.lower().split()))


def lenient_correct(prediction: str, answers: Sequence[str], abstained: bool, is_null: bool) -> bool:
    """The lenient scorer applied as MultiHop-RAG applies it: an abstention is the prediction
    "Insufficient information."; a null question's gold answer is that same text."""
    text = INSUFFICIENT if abstained else prediction
    golds = [INSUFFICIENT] if is_null else [a for a in answers if a.strip()]
    return any(lenient_match(text, g) for g in golds)


# --- citations -------------------------------------------------------------------------------

def citation_scores(citations: Sequence[Mapping[str, Any]], passages: Sequence[Mapping[str, Any]],
                    quotes: Sequence[str]) -> dict[str, float | None]:
    """Precision and recall of an answer's citations against the evidence quotes.

    A citation is judged on its passage: the text of the chunk it points to (from `passages`,
    by chunk_id) or, failing that, its own quote. It *contains evidence* when an evidence quote
    (whitespace removed) is inside that text, or the citation's quote overlaps the evidence
    (one inside the other).
    - citation_precision: share of citations that contain evidence or are `verified` (the
      answer layer checked the cited sentence against the passage);
    - citation_evidence_precision: share that contain evidence (the strict half of the above);
    - citation_recall: share of the evidence quotes contained in at least one cited passage.
    Precision is None without citations; evidence-based values are None without evidence.
    """
    chunk_text = {p.get("chunk_id"): p.get("text") or "" for p in passages}
    gold = [squash(q) for q in quotes if squash(q)]
    covered: set[int] = set()
    with_evidence = 0
    accepted = 0
    for c in citations:
        text = squash(chunk_text.get(c.get("chunk_id")) or c.get("quote") or "")
        quote = squash(c.get("quote") or "")
        hits = {i for i, g in enumerate(gold) if g in text or (quote and (quote in g or g in quote))}
        covered |= hits
        with_evidence += bool(hits)
        accepted += bool(hits) or bool(c.get("verified"))
    n = len(citations)
    return {
        "citation_precision": accepted / n if n else None,
        "citation_evidence_precision": (with_evidence / n if n else None) if gold else None,
        "citation_recall": len(covered) / len(gold) if gold else None,
    }


# --- abstention and latency ------------------------------------------------------------------

def abstention_scores(flags: Iterable[tuple[bool, bool]]) -> dict[str, float | None]:
    """From (is_null, abstained) pairs: precision and recall of abstaining on null questions, and
    the share of answerable questions wrongly abstained on. None where the denominator is 0."""
    tp = fp = fn = answerable = 0
    for is_null, abstained in flags:
        if is_null:
            tp += abstained
            fn += not abstained
        else:
            answerable += 1
            fp += abstained
    return {
        "abstention_precision": tp / (tp + fp) if tp + fp else None,
        "abstention_recall": tp / (tp + fn) if tp + fn else None,
        "false_abstention_rate": fp / answerable if answerable else None,
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), q in [0, 100]; None for no values."""
    xs = sorted(float(v) for v in values)
    if not xs:
        return None
    pos = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def latency_summary(timings: Iterable[Mapping[str, float]]) -> dict[str, dict[str, float | None]]:
    """Per stage: count, p50, p95, mean (milliseconds)."""
    by_stage: dict[str, list[float]] = defaultdict(list)
    for t in timings:
        for stage, ms in t.items():
            if isinstance(ms, (int, float)) and not isinstance(ms, bool):
                by_stage[stage].append(float(ms))
    return {
        stage: {"count": len(v), "p50": percentile(v, 50), "p95": percentile(v, 95), "mean": sum(v) / len(v)}
        for stage, v in sorted(by_stage.items())
    }


# --- one question, then many -----------------------------------------------------------------

def score_question(
    *,
    answers: Sequence[str],
    answer_parts: Sequence[Sequence[str]],
    quotes: Sequence[str],
    is_null: bool,
    passages: Sequence[str],
    k_values: Iterable[int] = DEFAULT_K_VALUES,
    answer: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The flat per-question scores stored in results.jsonl. `answer` is the `qa ask --json` object
    (None in a retrieval-only run: then only retrieval metrics are given)."""
    scores: dict[str, Any] = {"null": is_null}
    retrieval = None if is_null else retrieval_scores(passages, quotes, k_values)
    for k in sorted(set(k_values)):
        for name in ("hits", "mrr", "map", "fact_recall", "all_facts"):
            key = f"{name}@{k}"
            scores[key] = retrieval[key] if retrieval else None
    if answer is None:
        return scores
    text = answer.get("answer") or ""
    abstained = bool(answer.get("abstained"))
    scores["abstained"] = abstained
    if is_null:
        scores.update(accuracy=None, f1=None)
    else:
        correct = answer_correct(text, answers, answer_parts)
        scores["accuracy"] = None if correct is None else float(correct and not abstained)
        f1 = token_f1(text, list(answers) or [" ".join(p[0]) for p in answer_parts if p])
        scores["f1"] = None if f1 is None else (0.0 if abstained else f1)
    scores["lenient_accuracy"] = float(lenient_correct(text, answers, abstained, is_null))
    cites = citation_scores(answer.get("citations") or [], answer.get("passages") or [], quotes)
    scores.update(cites)
    return scores


def mean_scores(rows: Iterable[Mapping[str, Any]]) -> dict[str, float | None]:
    """Mean of every numeric metric over the rows where it is not None (booleans excluded)."""
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    keys: list[str] = []
    for row in rows:
        for key, value in row.items():
            if key not in sums and key not in keys:
                keys.append(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            sums[key] += float(value)
            counts[key] += 1
    return {k: (sums[k] / counts[k] if counts[k] else None) for k in keys if k not in ("null", "abstained")}


def aggregate(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Summaries of results rows (each with `type`, `scores`, and optionally `timings_ms`, `cold`).

    Returns {"count", "answerable", "null", "metrics", "by_type": {type: {...}}, "latency"}.
    Latency leaves out rows marked `cold` (the first question of a process, which loads models).
    """
    def summary(subset: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        scores = [r["scores"] for r in subset]
        metrics = mean_scores(scores)
        flags = [(bool(s.get("null")), bool(s["abstained"])) for s in scores if "abstained" in s]
        if flags:
            metrics.update(abstention_scores(flags))
        nulls = sum(bool(s.get("null")) for s in scores)
        return {"count": len(subset), "answerable": len(subset) - nulls, "null": nulls, "metrics": metrics}

    overall = summary(rows)
    by_type: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_type[str(row.get("type", "unknown"))].append(row)
    overall["by_type"] = {t: summary(r) for t, r in sorted(by_type.items())}
    overall["latency"] = latency_summary(r.get("timings_ms") or {} for r in rows if not r.get("cold"))
    return overall


def calibrate_threshold(points: Iterable[tuple[float, bool]]) -> dict[str, Any] | None:
    """The abstention threshold that best separates a question set: (support score, is_null) pairs in.

    A question is answered when its support is >= the threshold. The threshold chosen minimises the
    balanced error, (share of null questions answered + share of answerable questions abstained) / 2,
    so a set with few null questions does not simply learn to answer everything; among equally good
    thresholds, the middle of the widest gap between neighbouring scores is taken. None when the set
    lacks null or answerable questions.
    """
    pts = list(points)
    null = sorted(float(s) for s, is_null in pts if is_null)
    answerable = sorted(float(s) for s, is_null in pts if not is_null)
    if not null or not answerable:
        return None

    def errors(t: float) -> tuple[int, int]:
        """(null questions answered, answerable questions abstained) at threshold t."""
        return len(null) - bisect.bisect_left(null, t), bisect.bisect_left(answerable, t)

    scores = sorted(set(null) | set(answerable))
    candidates = [scores[0] - 0.01] + [(a + b) / 2 for a, b in zip(scores, scores[1:])] + [scores[-1] + 0.01]
    best: tuple[float, float, float] | None = None  # (error, -gap, threshold)
    for i, t in enumerate(candidates):
        null_answered, ans_abstained = errors(t)
        error = (null_answered / len(null) + ans_abstained / len(answerable)) / 2
        gap = (scores[i] if i < len(scores) else t) - (scores[i - 1] if i > 0 else t)
        key = (round(error, 12), -gap, t)
        if best is None or key < best:
            best = key
    error, _, threshold = best
    null_answered, ans_abstained = errors(threshold)
    return {
        "threshold": round(threshold, 4),
        "balanced_error": round(error, 4),
        "null_answered": null_answered,
        "answerable_abstained": ans_abstained,
        "null": len(null),
        "answerable": len(answerable),
    }
