"""eval/fit_abstention.py: each weight is held to the direction its feature means."""

import importlib.util
from pathlib import Path

import numpy as np

SCRIPT = Path(__file__).resolve().parents[3] / "eval" / "fit_abstention.py"


def load_script():
    spec = importlib.util.spec_from_file_location("fit_abstention", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_weight_fitted_against_its_direction_is_dropped_and_the_rest_refitted():
    fit = load_script()
    rng = np.random.default_rng(0)
    relevance = rng.uniform(0, 1, 400)
    y = (relevance + rng.normal(0, 0.1, 400) > 0.5).astype(float)
    # in this sample, a missing value of the asked type happens to come with answerable questions
    typed_missing = np.where(y == 1, rng.uniform(0, 1, 400) < 0.6, rng.uniform(0, 1, 400) < 0.2).astype(float)
    x = np.column_stack([relevance, typed_missing])
    w = np.ones(400)
    free = fit.fit(x, y, w)
    assert free[2] > 0  # the free fit learns "no value found -> answer"
    signed = fit.fit_signed(x, y, w, ["relevance", "typed_missing"])
    assert signed[2] == 0.0 and signed[1] > 0


def _rows(name, relevance, null):
    return [{"set": name, "id": f"{name}{i}", "null": bool(n), "features": {"relevance": float(r)}}
            for i, (r, n) in enumerate(zip(relevance, null))]


def test_every_set_weighs_the_same_and_answerable_questions_weigh_more_inside_a_set():
    fit = load_script()
    rows = _rows("big", np.linspace(0, 1, 300), np.arange(300) % 3 == 0)
    rows += _rows("small", [0.2, 0.9, 0.8], [1, 0, 0])
    y = np.array([0.0 if r["null"] else 1.0 for r in rows])
    w = fit.set_weights(rows, y, 1.5)
    big, small = w[:300], w[300:]
    assert abs(big.sum() - small.sum()) < 1e-9
    assert abs(small[1:].sum() / small[:1].sum() - 1.5) < 1e-9
    assert abs(big[y[:300] == 1].sum() / big[y[:300] == 0].sum() - 1.5) < 1e-9


def test_leave_one_out_decides_each_set_by_a_model_that_never_saw_it():
    fit = load_script()
    rng = np.random.default_rng(1)

    def agreeing(name):  # answerable above 0.5, unanswerable below
        r = rng.uniform(0, 1, 200)
        return _rows(name, r, r < 0.5)

    # a set whose answerable questions all sit where the others' unanswerable ones do
    odd = _rows("odd", np.r_[rng.uniform(0.3, 0.45, 50), rng.uniform(0.0, 0.1, 20)], [0] * 50 + [1] * 20)
    rows = agreeing("a") + agreeing("b") + odd
    held_out = fit.leave_one_out(rows, 1.5, signed=False)
    assert held_out["a"]["false_abstention_rate"] < 0.1 and held_out["b"]["null_abstention_recall"] > 0.5
    assert held_out["odd"]["false_abstention_rate"] == 1.0  # fitted without it, the boundary sits above 0.45
    in_sample = fit.evaluate(rows, fit.fit_rows(rows, 1.5, signed=False))
    assert in_sample["odd"]["false_abstention_rate"] < 1.0  # in the fit it pulls the boundary down


def test_the_gate_set_is_decided_as_labelled_by_the_least_bias_shift():
    fit = load_script()
    rows = _rows("gate", [0.1, 0.2, 0.55, 0.8, 0.9], [1, 1, 1, 0, 0]) + _rows("other", [0.2, 0.6], [1, 0])
    names = ["relevance"]
    beta = np.array([-5.0, 10.0])  # boundary at relevance 0.5: the gate's null question at 0.55 is answered
    shift = fit.gate_shift(rows, beta, "gate", names=names)
    assert -1.0 < shift < 0  # z of the null at 0.55 is 0.5: moved just past it (and short of the 0.8 one)
    shifted = np.array([beta[0] + shift, beta[1]])
    assert fit.evaluate(rows, shifted, names)["gate"] == {"questions": 5, "null": 3, "null_abstention_recall": 1.0,
                                                    "false_abstention_rate": 0.0}
    assert fit.gate_shift(rows, shifted, "gate", names=names) == 0.0
    inseparable = _rows("gate", [0.9, 0.3], [1, 0])
    assert np.isnan(fit.gate_shift(inseparable, beta, "gate", names=names))


def test_a_fit_weighs_only_the_features_it_is_given():
    fit = load_script()
    rng = np.random.default_rng(2)
    relevance = rng.uniform(0, 1, 200)
    rows = [{"set": "a", "id": str(i), "null": bool(r < 0.5), "features": {"relevance": float(r), "noise": float(n)}}
            for i, (r, n) in enumerate(zip(relevance, rng.uniform(0, 1, 200)))]
    beta = fit.fit_rows(rows, 1.5, signed=False, names=["relevance"])
    assert beta.shape == (2,) and beta[1] > 0
    both = fit.fit_rows(rows, 1.5, signed=False, names=["relevance", "noise"])
    assert both.shape == (3,)
    decided = fit.evaluate(rows, beta, names=["relevance"])["a"]
    assert decided["null_abstention_recall"] > 0.9 and decided["false_abstention_rate"] < 0.1


def test_a_model_file_is_decided_on_the_same_rows_by_its_own_weights():
    fit = load_script()
    rows = _rows("a", [0.1, 0.3, 0.6, 0.9], [1, 1, 0, 0])
    # boundary at relevance 0.5 (z = 10 r - 5): both nulls abstained, both answerable answered
    strict = {"bias": -5.0, "weights": {"relevance": 10.0}}
    assert fit.decide_with_model(rows, strict)["a"] == {"questions": 4, "null": 2, "null_abstention_recall": 1.0,
                                                       "false_abstention_rate": 0.0}
    # boundary at 0.8: the answerable question at 0.6 is declined too; a feature the rows lack counts 0
    late = {"bias": -8.0, "weights": {"relevance": 10.0, "dense": 3.0}}
    assert fit.decide_with_model(rows, late)["a"]["false_abstention_rate"] == 0.5
