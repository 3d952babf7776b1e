"""How the index layer scales: build time, disk, cold open, query latency, memory and ANN recall by size.

    .venv/bin/python eval/bench/scale.py --sizes 10000,100000 --backends faiss,milvus
    .venv/bin/python eval/bench/scale.py --sizes 100000 --backends faiss --index-type hnsw --tag hnsw
    nice -n 10 .venv/bin/python eval/bench/scale.py --sizes 1000000 --backends faiss --keep   # ~1 h on 2 shared cores
    .venv/bin/python eval/bench/scale.py --sizes 1000000 --backends faiss --keep --reuse --ef-search 2048

Corpus: real MultiHop-RAG sentences (../shared/benchmarks/multihop_rag/corpus.jsonl) recombined into
new articles: each synthetic article takes an outlet, a date and a title from a real one and 8 chunks
of 3-6 sentences drawn (seeded) from the whole sentence pool, so text, vocabulary and BM25 postings
have real statistics at any size.

Embedder: NOT MiniLM. A fast deterministic embedder (each word a seeded Gaussian vector of 384 dims,
a sentence the normalised sum of its words; a chunk the normalised sum of its sentences and title)
stands in for it, so that the store is what is measured: MiniLM's cost belongs to the ingest
benchmark (eval/bench/ingest.md). The index is written by the real writer (qa/index/writer.py:
docstore, memory-mappable arrays, BM25 files, FAISS file or Milvus collection) and queried by the
real service (`QAService.ask`: retrieval + rerank + extractive answer) in a fresh process.

Per size and backend: build seconds (the writer only; the content is prepared beforehand, its vectors
as memory-mapped scratch files and its chunks made on access, so a 1M-chunk build stays under 3 GB of
private memory), disk bytes, cold open (a fresh process opening the index and building its retriever;
the page cache is warm from the build; the first open after a build, which hashes every file, is
measured apart), query p50/p95 of `ask` over real MultiHop-RAG questions (the query embedding, ~0.1 ms
with this embedder, included) in wall and CPU time, peak RSS (VmHWM) and private memory of the query
process (the files a query process memory-maps count in it: see qa/index/row_file.py for why the row
arrays of a large index are read with positioned reads), and recall@10 of the store's search against exact
search over the same vectors, whole and
restricted to an outlet's rows, with HNSW's recall by efSearch. Results go to eval/bench/scale.json (merged by
size/backend/tag) and eval/bench/scale.md, with a log-log chart scale.png.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BENCH = ROOT.parent / "shared" / "benchmarks" / "multihop_rag"
OUT = Path(__file__).resolve().parent
DIM = 384
CHUNKS_PER_ARTICLE = 8
EMBEDDER_NAME = "scale-bench-hash-384"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
NOTES_MARKER = "<!-- notes: kept across reruns -->"


class HashWordEmbedder:
    """Deterministic stand-in for MiniLM: word -> seeded Gaussian vector, text -> normalised sum."""

    name = EMBEDDER_NAME
    dimension = DIM

    def __init__(self) -> None:
        self._cache: dict[str, np.ndarray] = {}

    def word(self, w: str) -> np.ndarray:
        vec = self._cache.get(w)
        if vec is None:
            vec = np.random.default_rng(zlib.crc32(w.encode())).standard_normal(DIM).astype(np.float32)
            self._cache[w] = vec
        return vec

    def embed(self, texts):
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in _WORD.findall(text.lower()):
                out[i] += self.word(w)
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-12)
        return out


def load_pool(limit_articles: int | None = None):
    """(sentences, their vectors float16, article metadata) from the MultiHop-RAG corpus."""
    from qa.ingest.sentences import split_sentences

    sentences, meta = [], []
    with open(BENCH / "corpus.jsonl", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit_articles is not None and n >= limit_articles:
                break
            art = json.loads(line)
            meta.append((art.get("source") or "", art.get("published_at") or "", art.get("title") or ""))
            text = art["text"]
            for a, b in split_sentences(text):
                s = " ".join(text[a:b].split())
                if 20 <= len(s) <= 400:
                    sentences.append(s)
    sentences = sorted(set(sentences))
    emb = HashWordEmbedder()
    vectors = np.concatenate([emb.embed(sentences[i:i + 2000]) for i in range(0, len(sentences), 2000)])
    return sentences, vectors.astype(np.float16), meta, emb


class LazyChunks(Sequence):
    """(Chunk, embed hash) of each row, made on access from its document's text: a 1M-chunk corpus
    would otherwise hold every chunk's text twice (chunk and document) in memory while it is written."""

    def __init__(self, docs, row_doc: np.ndarray, starts: np.ndarray, ends: np.ndarray, ordinals: np.ndarray,
                 lexical: bool = False) -> None:
        self.docs, self.row_doc, self.starts, self.ends, self.ordinals = docs, row_doc, starts, ends, ordinals
        self.lexical = lexical  # items are the BM25 texts (title + chunk) instead

    def __len__(self) -> int:
        return int(self.row_doc.size)

    def __getitem__(self, i):
        from qa.types import Chunk

        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        doc = self.docs[int(self.row_doc[i])]
        text = doc.text[int(self.starts[i]):int(self.ends[i])]
        if self.lexical:
            return f"{doc.title}\n{text}"
        chunk_id = f"{doc.doc_id}:{int(self.ordinals[i])}"
        return Chunk(chunk_id=chunk_id, doc_id=doc.doc_id, start=int(self.starts[i]), end=int(self.ends[i]),
                     ordinal=int(self.ordinals[i]), text=text), chunk_id


def build_content(n_chunks: int, pool, workdir: Path, seed: int = 0):
    """A GenerationContent of `n_chunks` chunks recombined from the sentence pool (seeded).

    The chunk and sentence vectors are memory-mapped files in `workdir` and the chunks are made on
    access (`LazyChunks`), so that a 1M-chunk build fits in a few GB: the writer reads them as it
    would arrays and lists in memory."""
    from qa.index.writer import GenerationContent
    from qa.types import Document

    sentences, svecs, meta, emb = pool
    rng = np.random.default_rng(seed)
    n_articles = -(-n_chunks // CHUNKS_PER_ARTICLE)
    title_vecs = {}
    docs = []
    vectors = np.lib.format.open_memmap(workdir / "content-vectors.npy", mode="w+", dtype=np.float32,
                                        shape=(n_chunks, DIM))
    ptr = np.zeros(n_chunks + 1, dtype=np.int64)
    row_doc = np.zeros(n_chunks, dtype=np.int32)
    starts, ends = np.zeros(n_chunks, dtype=np.int32), np.zeros(n_chunks, dtype=np.int32)
    ordinals = np.zeros(n_chunks, dtype=np.int16)
    spans: list[np.ndarray] = []
    sent_rows: list[np.ndarray] = []
    row = 0
    for a in range(n_articles):
        source, date, title = meta[int(rng.integers(len(meta)))]
        doc_id = f"syn-{a:07d}"
        if title not in title_vecs:
            title_vecs[title] = emb.embed([title])[0]
        parts, offset = [], 0
        for c in range(min(CHUNKS_PER_ARTICLE, n_chunks - row)):
            picks = rng.integers(len(sentences), size=int(rng.integers(3, 7)))
            start = offset
            local = []
            pieces = []
            for p in picks.tolist():
                s = sentences[p]
                local.append((offset, offset + len(s)))
                pieces.append(s)
                offset += len(s) + 1
            text = " ".join(pieces)
            row_doc[row], starts[row], ends[row], ordinals[row] = a, start, start + len(text), c
            vec = svecs[picks].astype(np.float32).sum(0) + title_vecs[title]
            vectors[row] = vec / max(float(np.linalg.norm(vec)), 1e-12)
            spans.append(np.asarray(local, dtype=np.int32))
            sent_rows.append(picks.astype(np.int32))
            ptr[row + 1] = ptr[row] + len(picks)
            parts.append(text)  # the offset already counts the "\n" that joins it to the next chunk
            row += 1
        docs.append(Document(doc_id=doc_id, title=title, text="\n".join(parts), source=source or None,
                             published_at=date or None, content_hash=doc_id))
    picks_all = np.concatenate(sent_rows)
    del sent_rows
    sentence_vectors = np.lib.format.open_memmap(workdir / "content-sentence-vectors.npy", mode="w+",
                                                 dtype=np.float16, shape=(picks_all.size, DIM))
    for a in range(0, picks_all.size, 200_000):
        sentence_vectors[a:a + 200_000] = svecs[picks_all[a:a + 200_000]]
    return GenerationContent(
        documents=docs, chunks=LazyChunks(docs, row_doc, starts, ends, ordinals),
        lexical_texts=LazyChunks(docs, row_doc, starts, ends, ordinals, lexical=True), vectors=vectors,
        sentence_ptr=ptr, sentence_spans=np.concatenate(spans), sentence_vectors=sentence_vectors,
        embedder={"name": EMBEDDER_NAME, "dimension": DIM, "max_tokens": 256},
        chunking={"synthetic": True, "chunks_per_article": CHUNKS_PER_ARTICLE},
    )


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S ") + message, file=sys.stderr, flush=True)


def disk_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def settings_for(backend: str, index_type: str, root: Path):
    from qa.settings import Settings

    return Settings(indexes_dir=root.parent, embedder=EMBEDDER_NAME, vector_store=backend, index_type=index_type,
                    keep_generations=0)


def build(n: int, backend: str, index_type: str, pool, workdir: Path, reuse: bool = False) -> dict:
    """Write an index of `n` chunks; with `reuse`, an index this script built and kept before is used as it is."""
    from qa.index.generations import writer_lock
    from qa.index.writer import write_generation

    root = workdir / f"scale-{n}-{backend}-{index_type}"
    saved = workdir / f"{root.name}.build.json"
    if reuse and saved.exists() and (root / "CURRENT").exists():
        log(f"reusing {root} (built {json.loads(saved.read_text())['build_s']} s)")
        return json.loads(saved.read_text())
    shutil.rmtree(root, ignore_errors=True)
    content = build_content(n, pool, workdir)
    log(f"{n:,} chunks: content ready, writing the {backend} {index_type} index")
    started = time.perf_counter()
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 30 or done == total:
            last[0] = time.perf_counter()
            log(f"  {stage} {done:,}/{total:,} ({last[0] - started:.0f} s)")

    with writer_lock(root):
        write_generation(root, settings_for(backend, index_type, root), content, progress=progress)
    build_s = time.perf_counter() - started
    del content
    for scratch in ("content-vectors.npy", "content-sentence-vectors.npy"):
        (workdir / scratch).unlink(missing_ok=True)
    if backend == "milvus":
        from qa.index.milvus_store import close_clients

        close_clients()  # milvus-lite: the query process must be the one process holding the file
    # Peak RSS of the building process so far (the sentence pool included; the content's vectors are
    # memory-mapped scratch files, which count once their pages are touched).
    build_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    built = {"root": str(root), "build_s": round(build_s, 2), "disk_mb": round(disk_bytes(root) / 2**20, 1),
             "build_rss_mb": round(build_rss_mb)}
    saved.write_text(json.dumps(built))
    return built


def query_process(root: Path, backend: str, index_type: str, n_questions: int, ef_search: int = 0) -> dict:
    """Run in a fresh process: cold open, then `ask` per question; prints one JSON line."""
    started = time.perf_counter()
    from qa.service import QAService

    service = QAService(settings_for(backend, index_type, root), root)
    service._embedder = HashWordEmbedder()  # the benchmark's embedder instead of MiniLM
    reader = service.reader  # opens the index and builds the retriever
    open_s = time.perf_counter() - started
    if ef_search and reader.store.index_type == "hnsw":
        # Search an index built with another default as the current default would (the build records efSearch).
        import dataclasses

        import faiss

        faiss.downcast_index(reader.store._index).hnsw.efSearch = ef_search
        reader.store._params = dataclasses.replace(reader.store._params, ef_search=ef_search)
    if n_questions == 0:
        return {"open_s": round(open_s, 3)}
    questions = []
    with open(BENCH / "questions.jsonl", encoding="utf-8") as fh:
        for line in fh:
            questions.append(json.loads(line)["question"])
            if len(questions) >= n_questions:
                break
    service.ask(questions[0])  # first query: page faults of the first touched pages, not steady state
    times, cpu, stages = [], [], {}
    for q in questions:
        t, c = time.perf_counter(), time.process_time()
        answer = service.ask(q)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        for stage, ms in (answer.timings_ms or {}).items():
            stages.setdefault(stage, []).append(ms)
    # Peak RSS of serving: taken before the recall check below, whose exact search reads every vector.
    # VmHWM, not getrusage's ru_maxrss: Linux carries the RSS of the process that spawned this one over
    # the exec into ru_maxrss, so it reported the benchmark's building process (before 2026-11-30 rows).
    rss_mb = _status_kb("VmHWM") / 1024
    rss_from = "VmHWM"
    anon_mb = _status_kb("RssAnon") / 1024  # private memory; the rest of RSS is mapped index pages (page cache)
    emb = service._embedder
    # Recall of the whole-index search, and of a search restricted to the rows of the largest outlet
    # (what a question naming that outlet runs: `IndexReader.dense_search` with its rows).
    # The smallest outlet whose rows the store searches itself (not exactly) is the hardest case of that search.
    from qa.index.reader import EXACT_SUBSET_BELOW

    by_size = sorted(reader.rows_by_source.values(), key=len)
    largest = by_size[-1]
    smallest = next((rows for rows in by_size if rows.size >= EXACT_SUBSET_BELOW), largest)
    qvecs = emb.embed(questions)
    exact_all = exact_top10(reader.vectors, qvecs)  # one pass over the vectors for every question
    exact_largest, exact_smallest = exact_top10(reader.vectors, qvecs, largest), exact_top10(reader.vectors, qvecs, smallest)

    def overlap(found: np.ndarray, exact: set) -> float:
        return len(set(found.tolist()) & exact) / max(len(exact), 1)

    recalls = [overlap(reader.store.search(q, 10)[0], e) for q, e in zip(qvecs, exact_all)]
    subset_recalls = [overlap(reader.dense_search(q, 10, largest)[0], e) for q, e in zip(qvecs, exact_largest)]
    small_recalls = [overlap(reader.dense_search(q, 10, smallest)[0], e) for q, e in zip(qvecs, exact_smallest)]
    recall_by_ef = {}
    if reader.store.index_type == "hnsw":  # what other search breadths would give, on the same index
        import faiss

        hnsw = faiss.downcast_index(reader.store._index).hnsw
        built_ef = hnsw.efSearch
        for ef in (256, 512, 1024, 2048):
            hnsw.efSearch = ef
            found, took = [], []
            for q, e in zip(qvecs, exact_all):
                t = time.process_time()  # CPU time: wall time on the shared cores is mostly waiting
                rows = reader.store.search(q, 10)[0]
                took.append((time.process_time() - t) * 1000)
                found.append(overlap(rows, e))
            recall_by_ef[ef] = {"recall@10": round(float(np.mean(found)), 4),
                                "search_cpu_ms_p50": round(float(np.median(took)), 2)}
        hnsw.efSearch = built_ef
    return {"open_s": round(open_s, 3), "p50_ms": round(float(np.percentile(times, 50)), 1),
            "p95_ms": round(float(np.percentile(times, 95)), 1),
            "cpu_p50_ms": round(float(np.percentile(cpu, 50)), 1), "cpu_p95_ms": round(float(np.percentile(cpu, 95)), 1),
            "rss_mb": round(rss_mb), "rss_from": rss_from, "anon_mb": round(anon_mb), "recall@10": round(float(np.mean(recalls)), 4),
            "outlet_recall@10": round(float(np.mean(subset_recalls)), 4), "outlet_rows": int(largest.size),
            "small_outlet_recall@10": round(float(np.mean(small_recalls)), 4), "small_outlet_rows": int(smallest.size),
            "questions": len(times), "index_type": reader.store.index_type,
            "store": {**reader.store.describe(), **({"ef_search": ef_search} if ef_search else {})},
            "ef_search_at_query": ef_search or None,
            "recall_by_ef": recall_by_ef,
            "stage_p50_ms": {k: round(float(np.median(v)), 1) for k, v in stages.items()}}


def exact_top10(vectors: np.ndarray, queries: np.ndarray, rows: np.ndarray | None = None) -> list[set]:
    """For each query, its exact top-10 rows by inner product (among `rows`), reading the vectors once in blocks."""
    rows = np.arange(vectors.shape[0]) if rows is None else np.asarray(rows, dtype=np.int64)
    best_rows = np.zeros((len(queries), 0), dtype=np.int64)
    best_scores = np.zeros((len(queries), 0), dtype=np.float32)
    for a in range(0, rows.size, 100_000):
        block = rows[a:a + 100_000]
        scores = (np.asarray(vectors[block[0]:block[-1] + 1] if rows.size == vectors.shape[0] else vectors[block])
                  @ queries.T).T
        best_scores = np.concatenate([best_scores, scores], axis=1)
        best_rows = np.concatenate([best_rows, np.broadcast_to(block, scores.shape)], axis=1)
        keep = np.argsort(-best_scores, axis=1, kind="stable")[:, :10]
        best_scores, best_rows = np.take_along_axis(best_scores, keep, 1), np.take_along_axis(best_rows, keep, 1)
    return [set(r.tolist()) for r in best_rows]


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def run_query_child(root: Path, backend: str, index_type: str, n_questions: int, ef_search: int = 0) -> dict:
    """`n_questions` 0: the child only opens the index (the first open after a build hashes every file,
    qa/index/integrity.py; later opens only the files that changed)."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", HF_HUB_OFFLINE="1")
    proc = subprocess.run([sys.executable, __file__, "--query", str(root), "--backends", backend,
                           "--index-type", index_type, "--questions", str(n_questions), "--ef-search", str(ef_search)],
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def merge_rows(new_rows: list[dict]) -> list[dict]:
    """scale.json as it is on disk now (another run may have added rows since this one started), with
    `new_rows` replacing the rows of the same (chunks, backend, tag)."""
    path = OUT / "scale.json"
    results = json.loads(path.read_text()) if path.exists() else []
    keys = {(r["chunks"], r["backend"], r["tag"]) for r in new_rows}
    return [r for r in results if (r["chunks"], r["backend"], r["tag"]) not in keys] + new_rows


def write_report(results: list[dict]) -> None:
    (OUT / "scale.json").write_text(json.dumps(results, indent=2) + "\n")
    rows = sorted(results, key=lambda r: (r["backend"], r["tag"], r["chunks"]))
    lines = [
        "# Scale benchmark (eval/bench/scale.py)",
        "",
        "Synthetic articles recombined from real MultiHop-RAG sentences; **a fast deterministic hash embedder, not "
        "MiniLM** (the store is what is measured). 2 shared cores, other work running: absolute times are noisy. "
        "Query = `QAService.ask` (retrieval + rerank + extractive answer) over real MultiHop-RAG questions, in a "
        "fresh process; CPU = the CPU time of that process per query (less sensitive to the other work sharing the "
        "cores than wall time); cold open = that process opening the index and building its retriever (page cache warm; "
        "first = the first open after the build, which hashes files of 256 MB and more that later opens find unchanged); "
        "peak RSS = VmHWM of that process (it counts the memory-mapped index pages a query touched, which the kernel can "
        "reclaim: the HNSW file, and below 200k chunks the vector and BM25 arrays, which from 200k chunks on are read "
        "with positioned reads instead, rows measured from 2026-11-30 09:20), anon = its private memory after the queries; recall@10 = the store's search against exact search over "
        "the same vectors, over the whole index and (outlet) restricted to the rows of the largest outlet, as a question "
        "naming it searches. Build = the writer only (content prepared beforehand), with the peak RSS of the building "
        "process (its memory-mapped content counted). Search CPU by efSearch: the HNSW search alone, per query.",
        "",
        "| backend | index | chunks | sentences | build s | build RSS MB | disk MB | cold open s | query p50 ms | p95 ms | "
        "CPU p50 ms | CPU p95 ms | peak RSS MB | anon MB | recall@10 | outlet recall@10 | p50 by stage (ms) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['backend']} | {_index_label(r)} | {r['chunks']:,} | {r['sentences']:,} | {r['build_s']} | "
                     f"{r.get('build_rss_mb', '')} | {r['disk_mb']} | {_open(r)} | {r['p50_ms']} | {r['p95_ms']} | "
                     f"{r.get('cpu_p50_ms', '')} | {r.get('cpu_p95_ms', '')} | {_peak_rss(r)} | {r.get('anon_mb', '')} | "
                     f"{r['recall@10']} | {_outlet_recall(r)} | "
                     + ", ".join(f"{k} {v}" for k, v in r.get("stage_p50_ms", {}).items()) + " |")
    swept = [r for r in rows if r.get("recall_by_ef")]
    if swept:
        lines += ["", "HNSW recall@10 and search CPU ms (p50) by efSearch, same index:", "",
                  "| chunks | row | " + " | ".join(f"efSearch {ef}" for ef in swept[0]["recall_by_ef"]) + " |",
                  "|---|---|" + "---|" * len(swept[0]["recall_by_ef"])]
        for r in swept:
            lines.append(f"| {r['chunks']:,} | {_index_label(r)} | " + " | ".join(
                f"{v['recall@10']} ({v.get('search_cpu_ms_p50', v.get('search_ms_p50'))} ms)"
                for v in r["recall_by_ef"].values()) + " |")
    notes = ""
    if (OUT / "scale.md").exists():  # hand-written analysis below the marker survives a rerun
        previous = (OUT / "scale.md").read_text()
        if NOTES_MARKER in previous:
            notes = previous[previous.index(NOTES_MARKER):]
    (OUT / "scale.md").write_text("\n".join(lines) + "\n\n" + (notes or NOTES_MARKER + "\n"))
    plot(rows)


def _index_label(r: dict) -> str:
    store = r.get("store") or {}
    if store.get("encoding"):
        return (f"{r['index_type']} ({store['encoding']}, efSearch {store['ef_search']}, "
                f"refine {store['candidates']})")
    if r["index_type"] == "hnsw" and r["tag"] == "hnsw":  # a row written before the sq8 encoding
        return "hnsw (float32, efSearch 512)"
    return r["tag"] if r["tag"] != r["index_type"] and r["tag"].startswith(r["index_type"]) else r["index_type"]


def _open(r: dict) -> str:
    return f"{r['open_s']} (first {r['first_open_s']})" if "first_open_s" in r else str(r["open_s"])


def _peak_rss(r: dict) -> str:
    # Rows measured before VmHWM read getrusage, which reported the building process's peak instead.
    return str(r["rss_mb"]) if r.get("rss_from") == "VmHWM" else "n/a"


def _outlet_recall(r: dict) -> str:
    if "outlet_recall@10" not in r:
        return ""
    text = f"{r['outlet_recall@10']} ({r['outlet_rows']:,} rows)"
    if r.get("small_outlet_rows", r["outlet_rows"]) != r["outlet_rows"]:
        text += f"; {r['small_outlet_recall@10']} ({r['small_outlet_rows']:,} rows)"
    return text


def plot(rows: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(14, 4))
    series: dict[str, list[dict]] = {}
    for r in rows:
        encoding = (r.get("store") or {}).get("encoding")
        series.setdefault(f"{r['backend']} {r['tag']}" + (f" ({encoding})" if encoding else ""), []).append(r)
    for label, rs in series.items():
        if len(rs) < 2:  # a variant measured at one size (in the table): no line to draw
            continue
        rs = sorted(rs, key=lambda r: r["chunks"])
        x = [r["chunks"] for r in rs]
        axes[0].plot(x, [r["p50_ms"] for r in rs], "o-", label=f"{label} p50")
        axes[0].plot(x, [r["p95_ms"] for r in rs], "x--", label=f"{label} p95")
        if all("cpu_p50_ms" in r for r in rs):
            axes[0].plot(x, [r["cpu_p50_ms"] for r in rs], "s:", label=f"{label} CPU p50")
        measured = [r for r in rs if r.get("rss_from") == "VmHWM"]
        if measured:
            axes[1].plot([r["chunks"] for r in measured], [r["rss_mb"] for r in measured], "o-", label=f"{label} peak RSS")
        if all(r.get("anon_mb") for r in rs):
            axes[1].plot(x, [r["anon_mb"] for r in rs], "x--", label=f"{label} anon")
        axes[2].plot(x, [max(r["open_s"], 1e-3) for r in rs], "o-", label=f"{label} open")
        axes[2].plot(x, [r["build_s"] for r in rs], "x--", label=f"{label} build")
    for ax, title, unit in zip(axes, ("query latency", "memory of a query process", "cold open and build"),
                               ("ms", "MB", "s")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("chunks")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle("qa index scale (hash embedder, not MiniLM; 2 shared cores)")
    fig.tight_layout()
    fig.savefig(OUT / "scale.png", dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--backends", default="faiss,milvus")
    ap.add_argument("--index-type", default="auto")
    ap.add_argument("--tag", default="", help="label of this variant in the results (e.g. hnsw)")
    ap.add_argument("--questions", type=int, default=60)
    ap.add_argument("--workdir", default="/tmp/qa-scale")
    ap.add_argument("--keep", action="store_true", help="keep the built indexes")
    ap.add_argument("--reuse", action="store_true", help="query indexes kept by an earlier --keep run instead of building")
    ap.add_argument("--ef-search", type=int, default=0,
                    help="search a kept HNSW index with this efSearch instead of the one its build recorded")
    ap.add_argument("--no-report", action="store_true", help="print the rows only (a trial run)")
    ap.add_argument("--query", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.query:
        print(json.dumps(query_process(Path(args.query), args.backends, args.index_type, args.questions, args.ef_search)))
        return
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    pool = load_pool()
    print(f"pool: {len(pool[0]):,} sentences from {len(pool[2])} articles", file=sys.stderr)
    for n in [int(s) for s in args.sizes.split(",")]:
        for backend in args.backends.split(","):
            built = build(n, backend, args.index_type, pool, workdir, reuse=args.reuse)
            if "first_open_s" not in built:
                built["first_open_s"] = run_query_child(Path(built["root"]), backend, args.index_type, 0)["open_s"]
                (workdir / f"{Path(built['root']).name}.build.json").write_text(json.dumps(built))
            log(f"built in {built['build_s']} s, first open {built['first_open_s']} s; querying")
            queried = run_query_child(Path(built["root"]), backend, args.index_type, args.questions, args.ef_search)
            manifest_counts = json.loads(next(Path(built["root"]).glob("generations/g*/manifest.json")).read_text())["counts"]
            row = {"chunks": n, "backend": backend, "tag": args.tag or queried["index_type"],
                   "sentences": manifest_counts["sentences"], **{k: v for k, v in built.items() if k != "root"}, **queried}
            print(json.dumps(row), file=sys.stderr)
            if not args.no_report:
                write_report(merge_rows([row]))
            if not args.keep:
                shutil.rmtree(built["root"], ignore_errors=True)
                (workdir / f"{Path(built['root']).name}.build.json").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
