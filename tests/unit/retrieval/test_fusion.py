import numpy as np
import pytest

from qa.errors import InputError
from qa.retrieval.fusion import interleave, minmax, reciprocal_rank_fusion, sigmoid, zscore


def test_rrf_sums_reciprocal_ranks():
    fused = dict(reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=60))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["c"] == pytest.approx(1 / 62)


def test_rrf_orders_best_first_and_weights_lists():
    order = [item for item, _ in reciprocal_rank_fusion([["a", "b"], ["b", "a"]], weights=[2.0, 1.0], k=10)]
    assert order == ["a", "b"]
    # an item ranked well by two lists beats one ranked first by one
    order = [item for item, _ in reciprocal_rank_fusion([["x", "y"], ["z", "y"]], k=60)]
    assert order[0] == "y"


def test_rrf_checks_its_arguments():
    with pytest.raises(InputError):
        reciprocal_rank_fusion([["a"]], k=0)
    with pytest.raises(InputError):
        reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0])
    assert reciprocal_rank_fusion([], k=60) == []


def test_score_helpers_handle_constants_and_empties():
    assert zscore(np.array([3.0, 3.0])).tolist() == [0.0, 0.0]
    assert minmax(np.array([])).size == 0
    np.testing.assert_allclose(minmax(np.array([1.0, 3.0, 2.0])), [0.0, 1.0, 0.5])
    z = zscore(np.array([1.0, 2.0, 3.0]))
    assert z.mean() == pytest.approx(0.0) and z.std() == pytest.approx(1.0)
    assert sigmoid(np.array([0.0]))[0] == pytest.approx(0.5)
    assert np.isfinite(sigmoid(np.array([1e6, -1e6]))).all()


def test_interleave_round_robin_without_repeats():
    assert interleave([["a", "b"], ["a", "c"], ["d"]], 10) == ["a", "c", "d", "b"]
    assert interleave([["a", "b", "c"], ["x"]], 2) == ["a", "x"]
    assert interleave([], 3) == []
