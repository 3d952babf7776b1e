"""MultiHop-RAG with qa: the documented recipe (not part of the default test run).

    .venv/bin/python eval/run_multihop.py                      # ingest if missing, all 2,556 questions, retrieval
    .venv/bin/python eval/run_multihop.py --skip-retrieval --answers-sample 0 --mode extractive  # all, answers
    .venv/bin/python eval/run_multihop.py --skip-retrieval --answers-sample 40 --seed 0 --mode llm

(with QA_CHUNK_ACROSS_PARAGRAPHS=1; the abstention threshold needs no override since the abstention model,
see eval/bench/answer_ablation.md and eval/baselines/multihop_rag/README.md)

What it does, each step a plain `qa` command you can run by hand:

1. `qa ingest ../shared/benchmarks/multihop_rag/corpus.jsonl --index indexes/multihop_rag --json --quiet`,
   only when that index does not exist yet (or with --reingest); measures wall time, chunks/s and the
   peak RSS of the ingest process, and keeps them in eval/baselines/multihop_rag/ingest.json.
2. `qa eval ../shared/benchmarks/multihop_rag/questions.jsonl --index indexes/multihop_rag
   --out SCRATCH/retrieval --retrieval-only --k-values 4,10` over all 2,556 questions (the 301 null
   ones are left out of the retrieval metrics, as MultiHop-RAG does). Resumable: rerun after an
   interruption and it goes on where it stopped (use --fresh to start over).
   The report (with the ingest figures, the eval's own wall time and warm query p50) is copied to
   eval/baselines/multihop_rag/report.json and report.md; the 2,556 results stay in SCRATCH.
3. With --answers-sample N: `qa eval ... --mode MODE --sample N --seed S --out SCRATCH/answers-MODE`, a
   stratified sample (question types in their full-set proportions), copied to
   eval/baselines/multihop_rag/answers-MODE/report.json and report.md. N=0 means all questions.

Dataset: MultiHop-RAG (Tang & Yang, COLM 2024, arXiv:2401.15391), ODC-BY 1.0; see the README beside
the baseline.
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

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "multihop_rag"
BASELINE_DIR = ROOT / "eval" / "baselines" / "multihop_rag"


def qa_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "qa.cli.main", *args]


def run_child(cmd: list[str], *, capture: bool = False) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run a qa command; returns the process, its wall seconds and its peak RSS in MB."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    print("$ " + " ".join(cmd[2:]).replace("qa.cli.main", "qa"), file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, env=env, text=True, capture_output=capture)
    wall = time.perf_counter() - started
    # ru_maxrss of children is the largest child so far (KB on Linux): exact for the first child
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    if proc.returncode not in (0, 9):
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr or ''}")
    return proc, wall, peak


def ingest(index: Path, corpus: Path, reingest: bool) -> dict:
    stats_path = BASELINE_DIR / "ingest.json"
    if (index / "CURRENT").exists() and not reingest:
        print(f"index {index} exists: not ingesting (use --reingest to measure again)", file=sys.stderr)
        return json.loads(stats_path.read_text()) if stats_path.exists() else {}
    if reingest and index.exists():
        shutil.rmtree(index)
    proc, wall, peak = run_child(qa_command("ingest", str(corpus), "--index", str(index), "--json", "--quiet"),
                                 capture=True)
    summary = json.loads(proc.stdout)
    stats = {
        "corpus": str(corpus),
        "documents": summary["documents_total"],
        "chunks": summary["chunks_total"],
        "chunks_embedded": summary["chunks_embedded"],
        "wall_s": round(wall, 1),
        "ingest_seconds": round(summary["seconds"], 1),
        "chunks_per_s": round(summary["chunks_embedded"] / wall, 1),
        "peak_rss_mb": round(peak, 1),
        "warnings": len(summary.get("warnings", [])),
        "cpus": os.cpu_count(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    BASELINE_DIR.mkdir(parents=True, exist_ok=True)
    stats_path.write_text(json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats), file=sys.stderr)
    return stats


def run_eval(out: Path, args: list[str], fresh: bool) -> tuple[dict, float]:
    if fresh and out.exists():
        shutil.rmtree(out)
    _, wall, _ = run_child(qa_command("eval", "run", str(BENCH / "questions.jsonl"), *args, "--out", str(out)))
    return json.loads((out / "report.json").read_text()), wall


def publish(report: dict, dest: Path, extra: dict) -> None:
    """Copy a run's report into the baselines folder with the figures measured around it."""
    sys.path.insert(0, str(ROOT))
    from qa.evaluation.report import render_markdown

    run = {**report.get("run", {}), **extra}
    for key in ("questions", "index"):  # committed files: paths relative to the project
        if run.get(key):
            run[key] = os.path.relpath(run[key], ROOT)
    report = {**report, "run": run}
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (dest / "report.md").write_text(render_markdown(report))
    print(f"wrote {dest / 'report.json'} and report.md", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, default=ROOT / "indexes" / "multihop_rag")
    parser.add_argument("--corpus", type=Path, default=BENCH / "corpus.jsonl")
    parser.add_argument("--scratch", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "qa-eval-multihop",
                        help="Where the per-question results go (not committed).")
    parser.add_argument("--reingest", action="store_true", help="Rebuild the index and measure ingest again.")
    parser.add_argument("--skip-retrieval", action="store_true", help="Skip the 2,556-question retrieval run.")
    parser.add_argument("--fresh", action="store_true", help="Discard earlier results in SCRATCH (no resume).")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N questions (a quick try).")
    parser.add_argument("--answers-sample", type=int, default=None,
                        help="Also run answers on a stratified sample of N questions (0 = all).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", default="extractive", choices=("extractive", "llm"))
    args = parser.parse_args()

    index = args.index.resolve()
    ingest_stats = ingest(index, args.corpus, args.reingest)
    limit = ["--limit", str(args.limit)] if args.limit else []
    publish_dir = BASELINE_DIR if not args.limit else args.scratch / "published"

    if not args.skip_retrieval:
        report, wall = run_eval(args.scratch / "retrieval",
                                ["--index", str(index), "--retrieval-only", "--k-values", "4,10", "--no-charts",
                                 *limit], args.fresh)
        latency = report.get("latency", {}).get("wall", {})
        publish(report, publish_dir, {
            "ingest": ingest_stats,
            "eval_wall_s": round(wall, 1),
            "warm_query_p50_ms": latency.get("p50"),
            "warm_query_p95_ms": latency.get("p95"),
            "cpus": os.cpu_count(),
        })
        m = report["metrics"]
        print(f"retrieval over {report['answerable']} answerable questions: Hits@10 {m['hits@10']:.3f}, "
              f"MRR@10 {m['mrr@10']:.3f}, MAP@10 {m['map@10']:.3f}, fact recall@10 {m['fact_recall@10']:.3f}, "
              f"all-facts@10 {m['all_facts@10']:.3f}; eval wall {wall:.0f} s; warm p50 {latency.get('p50')} ms")

    if args.answers_sample is not None:
        sample = ["--sample", str(args.answers_sample), "--seed", str(args.seed)] if args.answers_sample else []
        out = args.scratch / f"answers-{args.mode}-n{args.answers_sample}-s{args.seed}"
        report, wall = run_eval(out, ["--index", str(index), "--mode", args.mode, *sample, *limit], args.fresh)
        publish(report, publish_dir / f"answers-{args.mode}", {
            "eval_wall_s": round(wall, 1), "sample": args.answers_sample or "all", "seed": args.seed,
            "cpus": os.cpu_count(),
        })
        m = report["metrics"]
        print(f"answers ({args.mode}, {report['count']} questions): accuracy {m.get('accuracy')}, "
              f"lenient {m.get('lenient_accuracy')}, abstention recall {m.get('abstention_recall')}")


if __name__ == "__main__":
    main()
