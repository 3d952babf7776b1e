"""Entities are recognised by a spaCy child beside the embedding; a failed ingest stops that child at once."""

import multiprocessing
import time

import pytest

from qa.ingest import pipeline
from qa.settings import Settings

ARTICLE = ("Maria Okafor, chief executive of Veltrona Foods, opened a plant in Lisbon on Monday. "
           "Officials in Porto said the company would hire 300 people. ") * 20


def _ingest(tmp_path, name="x"):
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("Veltrona opens Lisbon plant\n\n" + ARTICLE)
    settings = Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache")
    return pipeline.ingest([folder], tmp_path / "indexes" / name, settings)


def test_entities_recognised_beside_embedding_reach_the_index(tmp_path):
    from qa.service import QAService

    _ingest(tmp_path)
    reader = QAService(Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache"),
                       tmp_path / "indexes" / "x").reader
    assert reader.entity_types("Maria Okafor") == {"person": 20}
    assert reader.entity_types("Lisbon").get("place")


def test_a_failed_embedding_stops_the_recogniser_child_without_waiting(tmp_path, monkeypatch):
    def failing(*args, **kwargs):
        time.sleep(0.5)  # the child is reading by now
        raise RuntimeError("embedding failed")

    monkeypatch.setattr(pipeline, "_embed_and_write", failing)
    started = time.perf_counter()
    with pytest.raises(RuntimeError, match="embedding failed"):
        _ingest(tmp_path)
    assert time.perf_counter() - started < 30
    deadline = time.time() + 10
    while multiprocessing.active_children() and time.time() < deadline:
        time.sleep(0.1)
    assert not multiprocessing.active_children()
