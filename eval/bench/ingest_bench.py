"""Ingest benchmark (run by hand; numbers go in eval/bench/ingest.md).

    .venv/bin/python eval/bench/ingest_bench.py [CORPUS] [--index PATH]

Measures a cold ingest (fresh index) of CORPUS (default: the MultiHop-RAG corpus.jsonl in ../shared)
in a child process: chunks, chunks/s, wall time, peak RSS, index size on disk; then the re-ingest
of the unchanged corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT.parent / "shared" / "benchmarks" / "multihop_rag" / "corpus.jsonl"


def run(corpus: Path, index: Path) -> dict:
    cmd = [sys.executable, "-m", "qa.cli.main", "ingest", str(corpus), "--index", str(index), "--json", "--quiet"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return {"wall_s": wall, **json.loads(proc.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--index", type=Path, default=ROOT / "indexes" / "bench-ingest")
    parser.add_argument("--keep", action="store_true", help="Keep an existing index (measure re-ingest only).")
    args = parser.parse_args()
    if args.index.exists() and not args.keep:
        shutil.rmtree(args.index)
    first = run(args.corpus, args.index)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    second = run(args.corpus, args.index)
    size = sum(p.stat().st_size for p in args.index.rglob("*") if p.is_file())
    report = {
        "corpus": str(args.corpus),
        "documents": first["documents_total"],
        "chunks": first["chunks_total"],
        "chunks_embedded": first["chunks_embedded"],
        "wall_s": round(first["wall_s"], 1),
        "chunks_per_s": round(first["chunks_embedded"] / first["wall_s"], 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "index_size_mb": round(size / 1e6, 1),
        "reingest_unchanged_s": round(second["wall_s"], 2),
        "reingest_chunks_embedded": second["chunks_embedded"],
        "warnings": len(first["warnings"]),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
