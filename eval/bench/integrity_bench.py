"""What checking a generation's files on every open costs, at the MultiHop-RAG size.

Files of the sizes a MultiHop-RAG generation has (8,987 chunks, 66,220 sentences, 384 dims: chunk
vectors 13.8 MB float32, the FAISS flat index the same, sentence vectors 50.9 MB as float16 -- 101.7 MB
when they were float32 -- plus a docstore and BM25 files), hashed the ways `qa/index/integrity.py` could:
sha256 and blake2b streamed in 1 MB blocks, xxh3-128 over a memory map, and the check the open path
runs (`file_problems`, sizes and xxh3). Page cache warm (a query server's steady state; a cold disk
adds the read time to every method alike). Medians of 7 runs.

    nice -n 5 .venv/bin/python eval/bench/integrity_bench.py --out eval/bench/integrity.md
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from qa.index import integrity

CHUNKS, SENTENCES, DIM = 8987, 66220, 384
RUNS = 7


def _files(directory: Path, sentence_dtype: type) -> dict[str, int]:
    rng = np.random.default_rng(0)
    np.save(directory / "vectors.npy", rng.standard_normal((CHUNKS, DIM), dtype=np.float32))
    (directory / "vectors.faiss").write_bytes(rng.bytes(CHUNKS * DIM * 4 + 90))
    np.save(directory / "sentence_vectors.npy", rng.standard_normal((SENTENCES, DIM)).astype(sentence_dtype))
    np.save(directory / "sentence_spans.npy", rng.integers(0, 10_000, (SENTENCES, 2), dtype=np.int32))
    np.save(directory / "sentence_ptr.npy", np.arange(CHUNKS + 1, dtype=np.int64))
    (directory / "docstore.sqlite").write_bytes(rng.bytes(30 * 2**20))  # text of 609 articles and chunks
    (directory / "bm25.json").write_bytes(rng.bytes(2 * 2**20))
    for name, size in (("bm25_indptr.npy", 8 * 60_000), ("bm25_rows.npy", 4 * 1_200_000), ("bm25_weights.npy", 4 * 1_200_000)):
        (directory / name).write_bytes(rng.bytes(size))
    return {p.name: p.stat().st_size for p in directory.iterdir()}


def _median_ms(fn) -> float:
    fn()  # warm the page cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _streamed(make):
    def digest(path: Path) -> str:
        h = make()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()

    return digest


def measure(sentence_dtype: type) -> list[tuple[str, float, float]]:
    with tempfile.TemporaryDirectory(prefix="qa-integrity-") as tmp:
        directory = Path(tmp)
        sizes = _files(directory, sentence_dtype)
        paths = sorted(directory.iterdir())
        manifest = {"files": integrity.file_digests(directory, skip="manifest.json")}
        total_mb = sum(sizes.values()) / 2**20
        rows = []
        for label, digest in (("sha256, streamed", _streamed(hashlib.sha256)),
                              ("blake2b, streamed", _streamed(hashlib.blake2b)),
                              ("xxh3-128, memory-mapped", integrity.fast_digest)):
            rows.append((label, total_mb, _median_ms(lambda: [digest(p) for p in paths])))
        assert integrity.file_problems(directory, manifest) == []
        rows.append(("open-path check (sizes + xxh3)", total_mb, _median_ms(lambda: integrity.file_problems(directory, manifest))))
        rows.append(("--verify file check (sizes + sha256)", total_mb,
                     _median_ms(lambda: integrity.file_problems(directory, manifest, full=True))))
        rows.append(("np.load(mmap) of the three vector files", total_mb, _median_ms(lambda: [
            np.load(directory / n, mmap_mode="r") for n in ("vectors.npy", "sentence_vectors.npy", "sentence_spans.npy")])))
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = ["| generation files | method | MB | median ms | MB/s |", "|---|---|---:|---:|---:|"]
    for dtype, label in ((np.float16, "sentence vectors float16 (today)"), (np.float32, "sentence vectors float32")):
        for method, mb, ms in measure(dtype):
            lines.append(f"| {label} | {method} | {mb:.0f} | {ms:.1f} | {mb / (ms / 1000):,.0f} |")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
