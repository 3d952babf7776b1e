"""Non-prose (runs of digits or symbols, one-token lines) costs seconds, not what prose costs (issue 12: no file of
1 MB or less over 5 s): large chunks cut by characters, embedded from their opening, one evidence span, and not
read for named entities; prose, tables of results and line-ups included, is chunked as before."""

import random

from qa.ingest.chunking import NON_PROSE_CHUNK_CHARS, chunk_document
from qa.ingest.pipeline import NON_PROSE_EMBED_CHARS, _chunk_sentence_spans, _model_text
from qa.ingest.sentences import is_prose, prose_paragraphs
from qa.types import Document

rng = random.Random(7)
DIGITS = "\n".join(" ".join(str(rng.randrange(10_000, 100_000)) for _ in range(12)) for _ in range(700))
ONE_WORD_LINES = "\n".join("".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randrange(3, 10)))
                           for _ in range(3000))
PROSE = ("The council of Lyon voted on Monday to close the old bridge over the Rhône for repairs, "
         "the mayor said. Work is to start in March and last two years. ") * 30
# real text that must stay prose (MultiHop-RAG holds both): a results table and a line-up
TABLE = "Group E\nTeam GP W D L GD P 1. Atletico (Q) 6 4 2 0 +11 14 2. Lazio (Q) 6 3 1 2 0 10 3. Feyenoord 6 2 0 4 -1 6"
LINE_UP = "T. Johnson-Reichel-Raddysh\nKatchouk-Guttman-Athanasiou\nPerry-Dickinson-Foligno\nVlasic-Jones\n" \
          "Korchinski-Murphy\nTinordi-Kaiser\nMrazek\nSöderblom"


def count_tokens(text: str) -> int:  # a word-piece count stand-in: digits and short words cost ~2 tokens
    return sum(1 + len(word) // 3 for word in text.split())


def doc(text: str) -> Document:
    return Document(doc_id="d", text=text, title="T")


def test_what_reads_as_prose():
    assert is_prose(PROSE) and is_prose(TABLE) and is_prose(LINE_UP) and is_prose("12 34")  # too short to tell
    assert not is_prose(DIGITS) and not is_prose(ONE_WORD_LINES)
    assert not is_prose("=*# ~^| <>+- _/ " * 20)


def test_non_prose_is_cut_into_large_chunks_by_characters():
    text = PROSE + "\n" + DIGITS + "\n" + PROSE
    chunks = chunk_document(doc(text), count_tokens, 200, 40)
    numbers = [c for c in chunks if not is_prose(c.text)]
    assert 2 <= len(numbers) <= len(DIGITS) // NON_PROSE_CHUNK_CHARS + 2  # was one chunk per two lines (350)
    assert all(len(c.text) <= NON_PROSE_CHUNK_CHARS and text[c.start:c.end] == c.text for c in chunks)
    covered, every = " ".join(c.text for c in numbers).split(), DIGITS.split()
    # each number once, in order (no overlap); a last line short of a paragraph group joins the prose after it
    assert covered == every[: len(covered)] and len(covered) >= len(every) - 24
    prose_alone = chunk_document(doc(PROSE), count_tokens, 200, 40)
    assert [c.text for c in chunks if c.end <= len(PROSE)] == [c.text for c in prose_alone]  # prose as before


def test_non_prose_is_embedded_from_its_opening_with_one_evidence_span():
    chunk = next(c for c in chunk_document(doc(DIGITS), count_tokens, 200, 40))
    assert _model_text("T\n", chunk) == "T\n" + chunk.text[:NON_PROSE_EMBED_CHARS]
    assert _chunk_sentence_spans(chunk) == [(0, len(chunk.text))]
    prose = chunk_document(doc(PROSE), count_tokens, 200, 40)[0]
    assert _model_text("T\n", prose) == "T\n" + prose.text  # prose: what was embedded before
    assert len(_chunk_sentence_spans(prose)) > 1


def test_non_prose_is_decided_per_paragraph():
    lines = ["Short intro.", "A. B. C. D. " * 300, "Residents had asked for it. Ferries will run every hour."]
    assert prose_paragraphs(lines) == [True, False, True]
    words = ["qxv", "brolt", "mek", "lo"] * 3  # 12 one-word paragraphs: a run of them is non-prose
    assert prose_paragraphs([*words, PROSE, "Mrazek", "Söderblom"]) == [False] * 12 + [True, True, True]
    text = "\n".join(lines)
    chunks = chunk_document(doc(text), count_tokens, 200, 40)
    assert lines[2] in [c.text for c in chunks]  # the prose after it is chunked as prose, on its own
