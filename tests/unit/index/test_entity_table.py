"""The docstore's entities table: written by span, read back by range, checked by `--verify`."""

from qa.index import docstore
from qa.index.docstore_views import open_entities
from qa.ingest.entities import EntitySpan
from qa.types import Chunk, Document

TEXT = "Ardentix bought the Lisbon plant. Maria Okafor runs Ardentix from Porto."


def _write(tmp_path, entities):
    doc = Document(doc_id="d1", title="t", text=TEXT, content_hash="h")
    chunks = [(Chunk(chunk_id="c0", doc_id="d1", start=0, end=33, ordinal=0, text=TEXT[:33]), "e0"),
              (Chunk(chunk_id="c1", doc_id="d1", start=34, end=len(TEXT), ordinal=1, text=TEXT[34:]), "e1")]
    docstore.write_docstore(tmp_path, [doc], chunks, entities)
    return tmp_path


def _span(text, label, after=0):
    start = TEXT.index(text, after)
    return EntitySpan(start, start + len(text), label, text)


def test_entities_are_read_back_by_span_and_typed_by_name(tmp_path):
    spans = [_span("Ardentix", "ORG"), _span("Lisbon", "GPE"), _span("Maria Okafor", "PERSON"),
             _span("Ardentix", "ORG", 34), _span("Porto", "GPE")]
    directory = _write(tmp_path, [("d1", 0 if s.start < 34 else 1, s) for s in spans])
    table = open_entities(directory)
    assert table.within("d1", 34, len(TEXT)) == spans[2:]
    assert table.within("d1", 0, 33) == spans[:2]
    assert table.within("d1", 5, 33) == [spans[1]]  # only spans wholly inside
    assert table.types_of("ardentix’s") == {"organisation": 2} and table.types_of("Atlantis") == {}
    assert docstore.count_entities(directory) == 5 and docstore.entity_problems(directory, 5) == []


def test_verify_finds_entities_that_do_not_match_the_text_or_the_manifest(tmp_path):
    wrong = EntitySpan(0, 8, "ORG", "Ardentiy")
    (tmp_path / "a").mkdir()
    directory = _write(tmp_path / "a", [("d1", 0, wrong)])
    assert docstore.entity_problems(directory, 1) == ["1 entities differ from their documents' text"]
    assert docstore.entity_problems(directory, 2) == ["the docstore holds 1 entities, the manifest says 2"]
    (tmp_path / "b").mkdir()
    plain = _write(tmp_path / "b", None)  # written without entities: no table, and none expected
    assert docstore.count_entities(plain) is None and docstore.entity_problems(plain, None) == []
