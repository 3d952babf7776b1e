"""Load benchmark of `qa serve` (run by hand; writes eval/bench/load.md).

    .venv/bin/python eval/bench/load.py [--index PATH | --url http://127.0.0.1:8000] [--requests 200] [--concurrency 16]

Without --url it starts `qa serve --index PATH` as its own process on a free 127.0.0.1 port and stops it
afterwards; either way the requests come from this second process. The mix: half non-streaming chat
completions, a quarter streaming ones (time to first content chunk recorded too), a quarter /v1/search,
cycling through the sample questions. Reports errors, p50/p95 latency and throughput, overall and by kind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
FALLBACK_QUESTIONS = [
    "How many North Korean troops were reported in Kursk?",
    "What did the Pentagon say about North Korean troops in Russia?",
    "When did North Korean troops begin their journey to Russia?",
    "Who is Viktor Kovalenko?",
    "How many North Korean special forces were transferred to Vladivostok?",
]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def load_questions(path: Path) -> list[str]:
    if path.exists():
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        questions = [r["question"] for r in rows if r.get("question")]
        if questions:
            return questions
    return FALLBACK_QUESTIONS


def start_server(index: str, mode: str | None) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "qa.cli.main", "serve", "--index", index, "--port", str(port), "--log-level", "warning"]
    if mode:
        cmd += ["--mode", mode]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"qa serve exited with {proc.returncode}")
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("qa serve did not get ready in 180 s")


async def one(client: httpx.AsyncClient, kind: str, question: str, model: str) -> dict[str, Any]:
    started = time.perf_counter()
    first: float | None = None
    try:
        if kind == "search":
            r = await client.post("/v1/search", json={"query": question, "k": 8})
            ok = r.status_code == 200 and bool(r.json().get("passages"))
            status = r.status_code
        elif kind == "chat":
            r = await client.post("/v1/chat/completions",
                                  json={"model": model, "messages": [{"role": "user", "content": question}]})
            ok = r.status_code == 200 and bool(r.json()["choices"][0]["message"]["content"])
            status = r.status_code
        else:
            body = {"model": model, "stream": True, "messages": [{"role": "user", "content": question}]}
            done = False
            async with client.stream("POST", "/v1/chat/completions", json=body) as r:
                status = r.status_code
                async for line in r.aiter_lines():
                    if first is None and line.startswith("data: {") and '"content": "' in line and '"content": ""' not in line:
                        first = time.perf_counter() - started
                    if line == "data: [DONE]":
                        done = True
            ok = status == 200 and done
        error = None if ok else f"HTTP {status}"
    except (httpx.HTTPError, KeyError, ValueError) as exc:
        ok, error = False, f"{type(exc).__name__}: {exc}"
    return {"kind": kind, "ok": ok, "error": error, "latency_s": time.perf_counter() - started, "first_s": first}


async def run(url: str, n: int, concurrency: int, questions: list[str], model: str, api_key: str | None) -> tuple[list[dict[str, Any]], float]:
    kinds = ["chat", "search", "chat", "stream"]
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits, headers=headers) as client:
        for q in questions[:2]:  # warm-up, not measured
            await one(client, "chat", q, model)
        gate = asyncio.Semaphore(concurrency)

        async def gated(i: int) -> dict[str, Any]:
            async with gate:
                return await one(client, kinds[i % len(kinds)], questions[i % len(questions)], model)

        started = time.perf_counter()
        results = await asyncio.gather(*(gated(i) for i in range(n)))
        return list(results), time.perf_counter() - started


def summarize(results: list[dict[str, Any]], wall: float) -> dict[str, Any]:
    def stats(rows: list[dict[str, Any]]) -> dict[str, Any]:
        lat = [r["latency_s"] * 1000 for r in rows]
        out = {"requests": len(rows), "errors": sum(not r["ok"] for r in rows),
               "p50_ms": round(statistics.median(lat), 1), "p95_ms": round(pct(lat, 0.95), 1),
               "max_ms": round(max(lat), 1)}
        firsts = [r["first_s"] * 1000 for r in rows if r["first_s"] is not None]
        if firsts:
            out["first_chunk_p50_ms"] = round(statistics.median(firsts), 1)
            out["first_chunk_p95_ms"] = round(pct(firsts, 0.95), 1)
        return out

    summary = {"all": stats(results), "wall_s": round(wall, 2), "throughput_rps": round(len(results) / wall, 2)}
    for kind in ("chat", "stream", "search"):
        rows = [r for r in results if r["kind"] == kind]
        if rows:
            summary[kind] = stats(rows)
    summary["error_samples"] = sorted({r["error"] for r in results if r["error"]})[:5]
    return summary


def write_report(path: Path, summary: dict[str, Any], args: argparse.Namespace, target: str) -> None:
    rows = [("all requests", summary["all"])] + [(label, summary[k]) for k, label in
                                                  (("chat", "chat, non-streaming"), ("stream", "chat, streaming"),
                                                   ("search", "/v1/search")) if k in summary]
    lines = [
        "# `qa serve` load benchmark",
        "",
        f"Run `{' '.join(['.venv/bin/python', 'eval/bench/load.py'] + sys.argv[1:])}` on "
        f"{time.strftime('%Y-%m-%d %H:%M', time.localtime())}: {args.requests} requests, {args.concurrency} at a "
        f"time, from a second process against {target} on 127.0.0.1 (model `{args.model}`).",
        f"Machine: {os.cpu_count()} CPU cores, Python {platform.python_version()}, {platform.machine()}; other "
        "jobs may share the cores, so treat the numbers as indicative.",
        "",
        "| requests | n | errors | p50 ms | p95 ms | max ms | first chunk p50 / p95 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, s in rows:
        first = f"{s['first_chunk_p50_ms']} / {s['first_chunk_p95_ms']}" if "first_chunk_p50_ms" in s else "–"
        lines.append(f"| {label} | {s['requests']} | {s['errors']} | {s['p50_ms']} | {s['p95_ms']} | {s['max_ms']} | {first} |")
    lines += [
        "",
        f"Throughput: **{summary['throughput_rps']} requests/s** ({summary['all']['requests']} in {summary['wall_s']} s).",
        "",
        "Latency is end to end at the client (queueing behind the other 15 requests included); the mix is half",
        "non-streaming chat completions, a quarter streaming ones and a quarter `/v1/search`, cycling through",
        "the sample questions. The blocking retrieval and answer work runs on the server's worker threads, so",
        "throughput is bounded by the CPU cores, not by the event loop.",
        "",
        "`qa serve` pins OpenBLAS/OpenMP to one thread per worker thread (qa/cli/serve.py). Without that, on",
        "the same 2-core machine and index (2026-11-23), the same 200 requests gave 0.95 requests/s with p50",
        "15.2 s and p95 33.1 s: 16 request threads each starting BLAS threads oversubscribed the cores.",
    ]
    if summary["error_samples"]:
        lines += ["", "Errors seen: " + "; ".join(summary["error_samples"])]
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running `qa serve` (default: start one on --index)")
    parser.add_argument("--index", default=str(ROOT / "indexes" / "kursk"), help="index served when --url is not given")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--model", default="qa-extractive")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "datasets" / "kursk" / "questions.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "bench" / "load.md")
    args = parser.parse_args()

    proc = None
    if args.url:
        url, target = args.url.rstrip("/"), f"`qa serve` at {args.url}"
    else:
        if not Path(args.index).exists():
            raise SystemExit(f"no index at {args.index}: run `qa ingest eval/datasets/kursk/articles --index kursk` "
                             "or pass --index / --url")
        proc, url = start_server(args.index, None)
        target = f"`qa serve --index {args.index}` (started by this script)"
    ready = httpx.get(url + "/readyz", timeout=10).json()
    target += f", index of {ready.get('documents')} articles / {ready.get('chunks')} chunks"
    try:
        results, wall = asyncio.run(run(url, args.requests, args.concurrency, load_questions(args.questions),
                                        args.model, os.environ.get("QA_API_KEY")))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    summary = summarize(results, wall)
    write_report(args.out, summary, args, target)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
