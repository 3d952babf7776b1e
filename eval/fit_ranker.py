"""Fit the candidate ranker (qa/answer/ranker.py) on development question sets; write it as package data.

    HF_HUB_OFFLINE=1 .venv/bin/python eval/fit_ranker.py \
        --set kursk=eval/datasets/kursk/questions.jsonl@indexes/kursk \
        --set quiz=eval/datasets/quiz/questions.jsonl@/tmp/ner/mh ... \
        --sample multihop=400 --seed 1 --cache /tmp/ranker-cache.json --leave-one-out

For every answerable question whose answer is a typed value, the service is asked once with the gate
open (threshold 0, so that the answer is composed, abstain or not) and with the model switched off,
and the candidates aggregation ranked last for it (the answer's own ranking) are recorded with
their features. A candidate is labelled right when its value holds an accepted answer
(`answer_correct`), or, for a name, when an accepted answer holds all of it ("Bankman-Fried" for
"Sam Bankman-Fried").

Only questions with a right candidate and at least two candidates teach the order. The model is a
conditional logit: p(candidate) = softmax over the question's candidates of w . features, fitted
by gradient descent on the negative log-likelihood of the right candidates with an L2 penalty;
every set weighs the same in the fit whatever its size, so one large benchmark does not set the
order for the others.

Writes qa/answer/ranker_model.json: weights, the sets (path, questions that taught it), the date,
and per set how often the first candidate is right in the support order and under the model (in
sample, and with `--leave-one-out` fitted without that set: the honest estimate for kinds of
questions the model has not seen). Features are cached, so a refit costs nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.answer import ranker  # noqa: E402
from qa.answer.ranker import FEATURES, MODEL_FILE  # noqa: E402
from fit_abstention import collect_sets, parse_sets  # noqa: E402  (eval/ is the script's folder: one reading of --set)

L2 = 0.02
STEPS = 3000
LEARNING_RATE = 0.5


def right_value(value: str, answers: tuple, parts: tuple) -> bool:
    from qa.evaluation.metrics import answer_correct, contains_answer, normalize_answer

    if answer_correct(value, answers, parts):
        return True
    golds = list(answers) + [a for p in parts for a in p]
    # a shorter form of a name the answer writes in full ("Bankman-Fried" of "Sam Bankman-Fried")
    return len(normalize_answer(value)) >= 4 and not any(ch.isdigit() for ch in value) and \
        any(contains_answer(g, value) for g in golds)


def collect(name: str, path: Path, index: Path, sample: int, seed: int, cache: dict) -> list[dict]:
    from qa.evaluation.questions import load_questions
    from qa.service import QAService
    from qa.settings import Settings

    questions = [q for q in load_questions(path).questions if not q.is_null]
    if 0 < sample < len(questions):
        questions = random.Random(seed).sample(questions, sample)
    service = None
    rows = []
    started = time.perf_counter()
    recorded: list[tuple[list[str], list[dict[str, float]]]] = []
    plain_order = ranker.order

    def recording_order(groups, query, evidence, model=None):
        recorded.append(([g.value for g in groups], ranker.features(groups, query, evidence)))
        return groups  # the support order: the features must not depend on a model being fitted

    for i, q in enumerate(questions):
        key = f"{name}:{q.id}"
        if key not in cache:
            if service is None:
                service = QAService(Settings(abstain_threshold=0.0), str(index))
            recorded.clear()
            ranker.order = recording_order
            try:
                as_of = {"as_of": date.fromisoformat(q.question_date)} if q.question_date else {}
                service.ask(q.question, **as_of)
            finally:
                ranker.order = plain_order
            values, feats = recorded[-1] if recorded else ([], [])
            cache[key] = {"values": values, "features": feats,
                          "labels": [right_value(v, q.answers, q.answer_parts) for v in values]}
        rows.append({"set": name, "id": q.id, **cache[key]})
        if (i + 1) % 50 == 0:
            print(f"{name}: {i + 1}/{len(questions)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return rows


def teaching(rows: list[dict]) -> list[dict]:
    """The questions that teach an order: a right candidate among two or more."""
    return [r for r in rows if len(r["values"]) >= 2 and any(r["labels"])]


def matrix(row: dict) -> np.ndarray:
    return np.array([[f.get(n, 0.0) for n in FEATURES] for f in row["features"]], dtype=np.float64)


def fit(rows: list[dict]) -> np.ndarray:
    """Conditional logit weights (see the module docstring); each set weighs the same."""
    rows = teaching(rows)
    per_set: dict[str, int] = defaultdict(int)
    for r in rows:
        per_set[r["set"]] += 1
    width = max(len(r["values"]) for r in rows)
    x = np.zeros((len(rows), width, len(FEATURES)))  # questions x candidates x features, padded
    present = np.zeros((len(rows), width), dtype=bool)
    right = np.zeros((len(rows), width), dtype=bool)
    for i, r in enumerate(rows):
        x[i, : len(r["values"])] = matrix(r)
        present[i, : len(r["values"])] = True
        right[i, : len(r["values"])] = r["labels"]
    weight = np.array([1.0 / per_set[r["set"]] for r in rows])
    weight /= weight.sum()
    w = np.zeros(len(FEATURES))
    for _ in range(STEPS):
        s = np.where(present, x @ w, -np.inf)
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        q = np.where(right, p, 0.0)
        q /= q.sum(axis=1, keepdims=True)  # the posterior over each question's right candidates
        grad = L2 * w + np.einsum("q,qc,qcf->f", weight, p - q, x)
        w -= LEARNING_RATE * grad
    return w


def first_right(rows: list[dict], weights: np.ndarray | None) -> tuple[int, int]:
    """(questions whose first candidate is right, questions with a right candidate)."""
    rows = [r for r in rows if any(r["labels"])]
    hits = 0
    for r in rows:
        if weights is None or len(r["values"]) < 2:
            top = 0
        else:
            s = matrix(r) @ weights
            top = int(np.argmax(s))  # ties: the earlier, as ranker.order keeps them
        hits += bool(r["labels"][top])
    return hits, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", required=True, help="name=questions.jsonl@index")
    parser.add_argument("--sample", action="append", default=[], help="name=N: N answerable questions of that set")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/ranker-cache.json"))
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--leave-one-out", action="store_true")
    args = parser.parse_args()
    samples = {k: int(v) for k, _, v in (s.partition("=") for s in args.sample)}
    sets = parse_sets(args.set)
    rows = collect_sets(sets, samples, args.seed, args.cache, collect)
    weights = fit(rows)
    report = []
    for name, questions, _ in sets:
        mine = [r for r in rows if r["set"] == name]
        support_order, n = first_right(mine, None)
        entry = {"name": name, "path": str(questions), "answerable": len(mine), "right_among_candidates": n,
                 "teaching": len(teaching(mine)),
                 "sample": samples[name] if 0 < samples.get(name, 0) <= len(mine) else "all",
                 "first_right_support_order": support_order, "first_right_model": first_right(mine, weights)[0]}
        if args.leave_one_out:
            entry["first_right_model_held_out"] = first_right(mine, fit([r for r in rows if r["set"] != name]))[0]
        report.append(entry)
        print(json.dumps(entry), file=sys.stderr)
    model = {"weights": {f: round(float(v), 6) for f, v in zip(FEATURES, weights)},
             "fitted_on": report, "date": date.today().isoformat(), "l2": L2, "seed": args.seed}
    args.out.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
