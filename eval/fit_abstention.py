"""Fit the abstention model (qa/answer/abstain.py) on development question sets; write it as package data.

    .venv/bin/python eval/fit_abstention.py \
        --set kursk=eval/datasets/kursk/questions.jsonl@indexes/kursk \
        --set kursk_reworded=eval/datasets/kursk_reworded/questions.jsonl@indexes/kursk \
        --set pages=eval/datasets/pages/questions.jsonl@indexes/pages \
        --set mixed=eval/datasets/mixed/questions.jsonl@indexes/mixed \
        --set multihop=../shared/benchmarks/multihop_rag/questions.jsonl@indexes/multihop_rag_packed \
        --sample multihop=200 --seed 1 --features-cache /tmp/abstention-features.json

For every question it asks the service once with the gate open (threshold 0, so the features of
every question are computed, abstain or not) and keeps `Answer.features`. Label: 1 for a question
with an answer, 0 for an unanswerable ("null") one. The logistic regression is fitted by Newton's
method with a small L2 penalty (`--signed`: each weight held to the direction its feature means);
every set weighs the same in the fit, and inside a set the answerable questions weigh 1.5 times the
unanswerable ones (a false abstention costs more than a wrongly answered null question), whatever
their counts: the 51 kursk questions count as much as
200 MultiHop ones and the boundary does not lean towards the majority class.

Writes qa/answer/abstention_model.json: bias, weights, the sets (path, questions, null questions,
sample), the date, and per set the decision's null-abstention recall and false-abstention rate at
the 0.5 boundary. Features are cached (question id -> features) so a refit costs nothing.

`--leave-one-out` also fits the model once per set on the other sets and reports that set's null
recall and false-abstention rate under it (in the model file as `held_out`): how the decision does
on a kind of question it was not fitted on, the honest estimate for question sets we do not have.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.answer.abstain import FEATURES, MODEL_FILE, query_features  # noqa: E402
from qa.query import build_query  # noqa: E402

L2 = 0.01
ANSWERABLE_WEIGHT = 1.5  # a false abstention costs more than answering an unanswerable question


def parse_sets(values: list[str]) -> list[tuple[str, Path, Path]]:
    out = []
    for v in values:
        name, _, rest = v.partition("=")
        questions, _, index = rest.partition("@")
        out.append((name, Path(questions), Path(index)))
    return out


def collect_sets(sets: list[tuple[str, Path, Path]], samples: dict[str, int], seed: int, cache_path: Path | None,
                 collect: Callable[..., list[dict]]) -> list[dict]:
    """Every set's rows, `collect(name, questions, index, sample, seed, cache)` each, with the feature cache read
    from `cache_path` and written back to it (None: none kept), also when a set fails half way: what was
    computed is not computed again. Shared by this script and eval/fit_ranker.py."""
    cache: dict = json.loads(cache_path.read_text()) if cache_path and cache_path.exists() else {}
    rows: list[dict] = []
    try:
        for name, path, index in sets:
            rows.extend(collect(name, path, index, samples.get(name, 0), seed, cache))
    finally:
        if cache_path:
            cache_path.write_text(json.dumps(cache))
    return rows


def stratified(questions: list, n: int, seed: int) -> list:
    """n questions with every type in its share of the set (all of a type when it is small)."""
    if n <= 0 or n >= len(questions):
        return questions
    by_type: dict[str, list] = defaultdict(list)
    for q in questions:
        by_type[q.type].append(q)
    rng = random.Random(seed)
    out = []
    for items in by_type.values():
        take = max(1, round(n * len(items) / len(questions)))
        out.extend(rng.sample(items, min(take, len(items))))
    return out


def collect(name: str, path: Path, index: Path, sample: int, seed: int, cache: dict) -> list[dict]:
    from qa.evaluation.questions import load_questions
    from qa.service import QAService
    from qa.settings import Settings
    from datetime import date

    questions = stratified(load_questions(path).questions, sample, seed)
    settings = Settings(abstain_threshold=0.0)
    service = QAService(settings, index)
    rows = []
    started = time.perf_counter()
    for i, q in enumerate(questions):
        key = f"{name}:{q.id}"
        if key not in cache:
            as_of = {"as_of": date.fromisoformat(q.question_date)} if q.question_date else {}
            answer = service.ask(q.question, **as_of)
            cache[key] = {"features": answer.features, "null": q.is_null, "type": q.type}
        row = {"set": name, "id": q.id, **cache[key]}
        # question-only features are recomputed (cheap, no index), so a new one needs no re-run
        row["features"] = {**row["features"], **query_features(build_query(q.question))}
        rows.append(row)
        if (i + 1) % 50 == 0:
            print(f"{name}: {i + 1}/{len(questions)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return rows


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted L2 logistic regression by Newton's method; returns [bias, weights...]."""
    xb = np.hstack([np.ones((x.shape[0], 1)), x])
    beta = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (w * (p - y)) + penalty * beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(xb.shape[1])
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


# `--signed`: the direction each feature may push the decision (more relevance, coverage or support never
# makes a question less answerable; unseen terms or a missing value of the asked type never make it more);
# a weight fitted against its direction is dropped and the rest refitted. Measured on the five dev sets
# (eval/bench/answer_ablation.md) it did worse than the free fit, held out and in sample: the features
# are not independent — `relevance` counts a term the index never saw at the largest idf, so a
# paraphrase word lowers it, and the free fit's positive `unseen` weight gives that back; a question
# whose typed value is missing has `relevance` 0 (only sentences with such a value count) and the
# positive `typed_missing` weight sets the level of the rest. Not the default.
SIGNS = {"relevance": 1, "dense": 1, "entities": 1, "rare": 1, "rare_passage": 1, "unseen": -1, "clauses": 1,
         "typed_missing": -1, "candidate": 1, "length": 1}


def fit_signed(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: list[str]) -> np.ndarray:
    """`fit` with each weight held to its SIGNS direction: a feature whose weight comes out the other
    way is left out (weight 0) and the others refitted, until every weight agrees."""
    active = list(range(len(names)))
    while True:
        beta_active = fit(x[:, active], y, w)
        wrong = [j for j, b in zip(active, beta_active[1:]) if SIGNS.get(names[j], 0) * b < 0]
        if not wrong:
            beta = np.zeros(len(names) + 1)
            beta[0] = beta_active[0]
            for j, b in zip(active, beta_active[1:]):
                beta[j + 1] = b
            return beta
        # drop the most wrong one first: dropping one changes the others
        worst = min(wrong, key=lambda j: SIGNS[names[j]] * beta_active[1 + active.index(j)])
        active.remove(worst)


def evaluate(rows: list[dict], beta: np.ndarray, names: Sequence[str] = FEATURES) -> dict[str, dict[str, float]]:
    out = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        part = [r for r in rows if r["set"] == name]
        x = np.array([[r["features"].get(f, 0.0) for f in names] for r in part])
        p = 1.0 / (1.0 + np.exp(-(beta[0] + x @ beta[1:])))
        null = np.array([r["null"] for r in part])
        abstain = p < 0.5
        out[name] = {
            "questions": len(part),
            "null": int(null.sum()),
            "null_abstention_recall": round(float(abstain[null].mean()), 4) if null.any() else None,
            "false_abstention_rate": round(float(abstain[~null].mean()), 4) if (~null).any() else None,
        }
    return out


def set_weights(rows: list[dict], y: np.ndarray, answerable_weight: float) -> np.ndarray:
    """Each set weighs the same; inside a set, answerable questions weigh `answerable_weight` times the
    unanswerable ones, whatever their counts. Normalised to a mean of 1."""
    weight = np.zeros(len(rows))
    for name in {r["set"] for r in rows}:
        idx = [i for i, r in enumerate(rows) if r["set"] == name]
        for label, share in ((0.0, 1.0), (1.0, answerable_weight)):
            members = [i for i in idx if y[i] == label]
            for i in members:
                weight[i] = share / (2 * len(members))
    return weight * (len(rows) / weight.sum())


def fit_rows(rows: list[dict], answerable_weight: float, signed: bool,
             names: Sequence[str] = FEATURES) -> np.ndarray:
    x = np.array([[r["features"].get(f, 0.0) for f in names] for r in rows])
    y = np.array([0.0 if r["null"] else 1.0 for r in rows])
    weight = set_weights(rows, y, answerable_weight)
    return fit_signed(x, y, weight, list(names)) if signed else fit(x, y, weight)


def gate_shift(rows: list[dict], beta: np.ndarray, gate: str, margin: float = 0.1,
               names: Sequence[str] = FEATURES) -> float:
    """The smallest change of the bias that decides every question of the `gate` set as its label
    says (0.0 when the fit already does; nan when no bias can: a null question scores above an
    answerable one). The gate set is the one CI checks exactly (kursk: every null abstained, no
    answerable one): the fit's boundary is moved just past its nearest question, by `margin` in
    log-odds or half the gap, whichever is smaller."""
    part = [r for r in rows if r["set"] == gate]
    if not part:
        raise SystemExit(f"--gate {gate}: no such set")
    x = np.array([[r["features"].get(f, 0.0) for f in names] for r in part])
    z = beta[0] + x @ beta[1:]
    null = np.array([r["null"] for r in part])
    lo = float(z[null].max()) if null.any() else -np.inf
    hi = float(z[~null].min()) if (~null).any() else np.inf
    if lo < 0.0 < hi:
        return 0.0
    if lo >= hi:
        return float("nan")
    step = min(margin, (hi - lo) / 2)
    return -(lo + step) if lo >= 0.0 else -(hi - step)


def decide_with_model(rows: list[dict], model: dict) -> dict[str, dict[str, float]]:
    """Each set decided by a model file (its own bias and weights) on the same cached rows as the fit: the
    shipped model and a refit side by side, per set, before any `qa eval` run."""
    names = list(model["weights"])
    beta = np.array([float(model["bias"]), *(float(model["weights"][f]) for f in names)])
    return evaluate(rows, beta, names)


def leave_one_out(rows: list[dict], answerable_weight: float, signed: bool,
                  names: Sequence[str] = FEATURES) -> dict[str, dict[str, float]]:
    """Each set decided by the model fitted on all the others."""
    out = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        beta = fit_rows([r for r in rows if r["set"] != name], answerable_weight, signed, names)
        out[name] = evaluate([r for r in rows if r["set"] == name], beta, names)[name]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", action="append", required=True, help="NAME=QUESTIONS.jsonl@INDEX")
    parser.add_argument("--sample", action="append", default=[], help="NAME=N: a stratified sample of N questions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--features-cache", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--answerable-weight", type=float, default=ANSWERABLE_WEIGHT,
                        help="Weight of an answerable question relative to an unanswerable one, per set.")
    parser.add_argument("--signed", action="store_true",
                        help="Hold each weight to its SIGNS direction (measured worse on the dev sets, see "
                             "eval/bench/answer_ablation.md; kept for comparison).")
    parser.add_argument("--gate", default=None,
                        help="A set every question of which must be decided as labelled (the CI gate's, kursk): the "
                             "bias is moved the least that does it (written as gate_shift).")
    parser.add_argument("--features", default=",".join(FEATURES),
                        help="Comma-separated features the model weighs (default: abstain.FEATURES, the shipped "
                             "set); any key of Answer.features may be named, e.g. to try a new one on cached rows.")
    parser.add_argument("--compare", type=Path, default=None,
                        help="A model file (e.g. the shipped qa/answer/abstention_model.json, copied) decided on the "
                             "same rows, per set (written as compared_with), to choose a refit by its dev sets.")
    parser.add_argument("--leave-one-out", action="store_true",
                        help="Also decide each set with the model fitted on the other sets (written as held_out).")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    samples = {k: int(v) for k, _, v in (s.partition("=") for s in args.sample)}
    sets = parse_sets(args.set)
    rows = collect_sets(sets, samples, args.seed, args.features_cache, collect)

    names = [f for f in args.features.split(",") if f]
    beta = fit_rows(rows, args.answerable_weight, args.signed, names)
    shift = gate_shift(rows, beta, args.gate, names=names) if args.gate else 0.0
    if np.isnan(shift):
        raise SystemExit(f"--gate {args.gate}: no boundary decides every question of the set as labelled")
    beta[0] += shift
    results = evaluate(rows, beta, names)
    held_out = leave_one_out(rows, args.answerable_weight, args.signed, names) if args.leave_one_out else {}
    compared = decide_with_model(rows, json.loads(args.compare.read_text())) if args.compare else {}
    model = {
        "bias": round(float(beta[0]), 6),
        "weights": {f: round(float(b), 6) for f, b in zip(names, beta[1:])},
        "fitted_on": [
            {"name": name, "questions": os.path.relpath(path, ROOT), "sample": samples.get(name, 0) or "all",
             **results[name], **({"held_out": held_out[name]} if name in held_out else {}),
             **({"compared_with": compared[name]} if name in compared else {})}
            for name, path, _ in sets
        ],
        **({"gate": args.gate, "gate_shift": round(shift, 6)} if args.gate else {}),
        **({"compared_with": os.path.relpath(args.compare, ROOT)} if args.compare else {}),
        "fitted_at": time.strftime("%Y-%m-%d"),
        "method": (f"L2 logistic regression (Newton), each set weighted equally, answerable:unanswerable "
                   f"{args.answerable_weight}:1 inside a set"
                   f"{', each weight held to its direction (SIGNS)' if args.signed else ''}; "
                   f"eval/fit_abstention.py"),
    }
    args.out.write_text(json.dumps(model, indent=2) + "\n")
    print(json.dumps(model, indent=2))


if __name__ == "__main__":
    main()
