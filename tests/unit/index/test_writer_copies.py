"""The writer saves sentence vectors already in their stored dtype without copying them.

Found by eval/bench/hardening.md (section 5): a 900 kB file of tiny sentences has 150,024 sentence vectors
(115 MB as float16); `.astype()` copied them once more while writing, part of a 663 MB peak in `qa ingest`.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from generation_content import make_content
from qa.index import writer
from qa.index.layout import SENTENCE_VECTOR_DTYPE, SENTENCE_VECTORS


def test_sentence_vectors_are_saved_without_a_copy(tmp_path, settings, monkeypatch):
    content = make_content()
    stored = np.ascontiguousarray(content.sentence_vectors, dtype=SENTENCE_VECTOR_DTYPE)
    content = dataclasses.replace(content, sentence_vectors=stored)
    saved = {}
    real_save = writer.save_array

    def recording_save(folder, name, array):
        saved[name] = array
        return real_save(folder, name, array)

    monkeypatch.setattr(writer, "save_array", recording_save)
    writer.write_generation(tmp_path / "index", settings, content)
    assert np.shares_memory(saved[SENTENCE_VECTORS], stored)
    assert saved[SENTENCE_VECTORS].dtype == SENTENCE_VECTOR_DTYPE
