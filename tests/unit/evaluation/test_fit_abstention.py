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
