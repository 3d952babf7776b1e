"""Test doubles shared by the unit-test folders (imported as `fakes`: tests/ is on sys.path)."""

from __future__ import annotations

import re
import zlib

import numpy as np


class HashEmbedder:
    """Deterministic bag-of-words vectors: texts sharing words get similar vectors."""

    name = "hash"

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension

    def embed(self, texts):
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[i, zlib.crc32(word.encode()) % self.dimension] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-12)
        return out

    def count_tokens(self, text):
        return len(text.split())
