"""eval/bench/miss_anatomy.py: a miss is put at the stage where its answering sentence is lost, on the real
sample index."""

import importlib.util
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "eval" / "bench" / "miss_anatomy.py"
KURSK_QUESTIONS = Path(__file__).resolve().parents[3] / "eval" / "datasets" / "kursk" / "questions.jsonl"


def load_script():
    spec = importlib.util.spec_from_file_location("miss_anatomy", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["miss_anatomy"] = module  # its dataclasses resolve their annotations through it
    spec.loader.exec_module(module)
    return module


def kursk_row(qid: str) -> dict:
    return next(r for r in map(json.loads, KURSK_QUESTIONS.read_text().splitlines()) if r["id"] == qid)


def test_the_evidence_quote_is_found_as_sentences_of_its_article(kursk_service):
    anatomy = load_script()
    row = kursk_row("q01")
    found = anatomy.answering_sentences(kursk_service.reader, row)
    doc = kursk_service.reader.documents[row["evidence"][0]["doc_id"]]
    assert found and all(d == doc.doc_id for d, _ in found)
    assert any("10,000 North Korean soldiers" in doc.text[s:s + 200] for _, s in found)


def test_without_evidence_every_sentence_holding_an_accepted_answer_counts(kursk_service):
    anatomy = load_script()
    row = {"id": "x", "question": "How many soldiers?", "answers": ["15,000"]}
    found = anatomy.answering_sentences(kursk_service.reader, row)
    docs = kursk_service.reader.documents
    assert found and all("15,000" in docs[d].text[s:s + 300] for d, s in found)


def test_a_right_answer_is_counted_and_a_retrieved_but_outranked_sentence_is_stage_c(kursk_service, tmp_path):
    anatomy = load_script()
    right = kursk_row("q01")
    # the same question "answered" by the Umerov sentence of another article: retrieved and scored, but the
    # composer quotes the Pentagon's figure
    other = dict(kursk_row("q02"), id="moved", question=right["question"])
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps(right) + "\n" + json.dumps(other) + "\n")
    result = anatomy.run_set("kursk", questions, str(kursk_service.index_path), kursk_service.settings, deep=20)
    assert (result.answerable, result.right) == (2, 1)
    [miss] = result.misses
    assert miss.qid == "moved" and miss.stage == "c" and "sentence rank" in miss.detail
    assert "10,000" in miss.answer
    assert "| moved | (c) scored, outranked |" in anatomy.render([result], "test")


def test_an_answer_in_parts_is_answered_by_a_sentence_stating_any_part(kursk_service):
    anatomy = load_script()
    row = {"id": "x", "question": "What numbers are given?", "answers": [], "answer_parts": [["10,000"], ["15,000"]]}
    found = anatomy.answering_sentences(kursk_service.reader, row)
    texts = [kursk_service.reader.documents[d].text[s:s + 300] for d, s in found]
    assert any("10,000" in t for t in texts) and any("15,000" in t for t in texts)
