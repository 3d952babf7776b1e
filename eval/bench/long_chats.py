"""Long chats: what follow-up rewriting costs, and whether long chats slow everyone else (run by hand;
writes eval/bench/long_chats.md).

    .venv/bin/python eval/bench/long_chats.py --index PATH [--chats 50] [--turns 30] [--probes 20] [--think-s 5]

1. Rewrites: the follow-up rewriter of before (each earlier turn rewrote the history before it,
   2^(n-1) rewrites; taken from git at BEFORE_COMMIT) and of now (each turn once, the last 16), for
   chats of 4..50 turns: rewrite steps counted and wall time, side by side.
2. A 50-turn chat answered by the service in this process (extractive, warm), median of 9.
3. `qa serve` in its own process: median latency of a plain `/v1/ask`, alone, then while `--chats`
   clients chat (a request, `--think-s` seconds reading, the next), first with 1-turn chats, then
   with `--turns`-turn ones; the ratios of the medians to alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

# as `qa serve` does: one BLAS thread per request, set before numpy loads (2 cores shared by many)
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import httpx  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BEFORE_COMMIT = "2d84e15"  # the last commit with the exponential rewriter
FIRST = "How many North Korean troops were reported in Kursk?"
STANDALONE = "How many North Korean troops did the Pentagon say?"  # what the long chats' follow-up becomes
FOLLOWUPS = ["and how many did the Pentagon say?", "what about Umerov?", "when did they arrive?",
             "what about the Pentagon?"]


def chat(turns: int) -> list[tuple[str, str]]:
    history: list[tuple[str, str]] = []
    while len(history) < turns:
        history.append((FIRST, "Between 10,000 and 12,000 North Korean troops [1]."))
        history += [(f, "The Pentagon said about 10,000 [1].") for f in FOLLOWUPS]
    return history[:turns]


def old_condense() -> types.ModuleType:
    source = subprocess.run(["git", "show", f"{BEFORE_COMMIT}:qa/answer/condense.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    module = types.ModuleType("condense_before")
    exec(compile(source, "condense_before.py", "exec"), module.__dict__)
    return module


def count_rewrites(module: types.ModuleType, step_name: str, turns: int, budget_s: float) -> tuple[int, float]:
    """(rewrite steps, seconds) for one follow-up after `turns` earlier turns; (-1, s) when over budget."""
    calls = [0]
    step = getattr(module, step_name)

    def counted(*args):
        calls[0] += 1
        if time.perf_counter() - started > budget_s:
            raise TimeoutError
        return step(*args)

    setattr(module, step_name, counted)
    started = time.perf_counter()
    try:
        module.rewrite_followup("and how many did the Pentagon say?", chat(turns))
    except TimeoutError:
        return -1, time.perf_counter() - started
    finally:
        setattr(module, step_name, step)
    return calls[0], time.perf_counter() - started


def start_server(index: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli.main", "serve", "--index", index, "--port", str(port),
                             "--log-level", "warning"], cwd=ROOT, stdin=subprocess.DEVNULL,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("qa serve did not get ready")


def probe(url: str, n: int, gap_s: float = 0.0) -> list[float]:
    times = []
    with httpx.Client(timeout=300) as client:
        for _ in range(n):
            time.sleep(gap_s)  # spread over the chats' rounds, not squeezed between two of them
            t = time.perf_counter()
            r = client.post(url + "/v1/ask", json={"question": FIRST})
            r.raise_for_status()
            times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", required=True)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--turns", type=int, default=30)
    parser.add_argument("--probes", type=int, default=20)
    parser.add_argument("--think-s", type=float, default=5.0, help="seconds a chat client waits between requests")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from qa.answer import condense
    from qa.service import QAService
    from qa.settings import Settings

    lines = ["# Long chats", "", f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, load "
             f"{os.getloadavg()[0]:.1f} at the start (shared machine). `python eval/bench/long_chats.py "
             f"--index {Path(args.index).name} --chats {args.chats} --turns {args.turns} --probes {args.probes} "
             f"--think-s {args.think_s:g}`", "",
             "## Follow-up rewriting: steps and time for one follow-up", "",
             "| earlier turns | before: steps | before: ms | now: steps | now: ms |", "|---|---|---|---|---|"]
    before = old_condense()
    for turns in (4, 8, 12, 16, 20, 30, 50):
        b_steps, b_s = count_rewrites(before, "rewrite_followup", turns, budget_s=20)
        n_steps, n_s = count_rewrites(condense, "rewrite_against", turns, budget_s=20)
        b = ("over 20 s", f"> {b_s * 1000:.0f}") if b_steps < 0 else (str(b_steps), f"{b_s * 1000:.1f}")
        lines.append(f"| {turns} | {b[0]} | {b[1]} | {n_steps} | {n_s * 1000:.2f} |")
        print(lines[-1], flush=True)

    service = QAService(Settings.from_env(os.environ), args.index)
    long_chat = chat(50)
    service.ask("and how many did the Pentagon say?", history=long_chat)  # load and warm
    times = []
    for _ in range(9):
        t = time.perf_counter()
        service.ask("and how many did the Pentagon say?", history=long_chat)
        times.append((time.perf_counter() - t) * 1000)
    lines += ["", f"A 50-turn chat answered by the service (extractive, warm): median {statistics.median(times):.0f} ms "
              f"over 9 (min {min(times):.0f}, max {max(times):.0f}).", ""]
    print(lines[-2], flush=True)

    proc, url = start_server(args.index)
    try:
        probe(url, 3)  # warm
        alone = probe(url, args.probes)
        results = {}
        for label, turns in (("1-turn", 1), (f"{args.turns}-turn", args.turns)):
            stop = threading.Event()
            served, errors = [0], []
            messages = []
            for q, a in chat(turns - 1):
                messages += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
            body = {"model": "qa-extractive",
                    "messages": messages + [{"role": "user", "content": FOLLOWUPS[0] if turns > 1 else STANDALONE}]}

            def chatter(body=body, stop=stop, served=served, errors=errors) -> None:
                with httpx.Client(timeout=600) as client:
                    while not stop.is_set():
                        r = client.post(url + "/v1/chat/completions", json=body)
                        if r.status_code != 200:
                            errors.append(f"{r.status_code} {r.text[:100]}")
                        served[0] += 1
                        stop.wait(args.think_s)  # a person reads the answer before the next question

            threads = [threading.Thread(target=chatter, daemon=True) for _ in range(args.chats)]
            for t in threads:
                t.start()
            time.sleep(1.0)
            loaded = probe(url, args.probes, gap_s=3 * args.think_s / args.probes)
            stop.set()
            for t in threads:
                t.join(timeout=600)
            results[label] = (loaded, served[0], errors)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    long_label = f"{args.turns}-turn"
    ratio = statistics.median(results[long_label][0]) / statistics.median(alone)
    ratio_short = statistics.median(results["1-turn"][0]) / statistics.median(alone)
    lines += ["## A plain /v1/ask while chats run", "",
              f"{args.chats} chat clients, each sending a chat completion, reading the answer for {args.think_s:g} s, "
              "and asking again (the first round starts together). A 1-turn chat asks the standalone question that a "
              "30-turn chat's follow-up is rewritten into, so the two differ only by the history; a 30-turn chat sends its whole conversation "
              "(59 earlier messages and the question) every time. The probes are spread over three rounds.", "",
              "| | median ms | p95 ms | chat completions served meanwhile | errors |", "|---|---|---|---|---|",
              f"| alone | {statistics.median(alone):.0f} | {sorted(alone)[int(0.95 * (len(alone) - 1))]:.0f} | | |"]
    for label, (loaded, served, errors) in results.items():
        lines.append(f"| with {args.chats} {label} chats | {statistics.median(loaded):.0f} | "
                     f"{sorted(loaded)[int(0.95 * (len(loaded) - 1))]:.0f} | {served} | {len(errors)} |")
    lines += ["", f"Ratio of medians to alone: {ratio_short:.2f} with 1-turn chats, {ratio:.2f} with "
              f"{args.turns}-turn chats.", ""]
    print("\n".join(lines[-9:]), flush=True)
    out = ROOT / "eval" / "bench" / "long_chats.md"
    out.write_text("\n".join(lines) + "\n")
    (ROOT / "eval" / "bench" / "long_chats.json").write_text(json.dumps(
        {"alone_ms": alone, "loaded_ms": {k: v[0] for k, v in results.items()}, "ratio": ratio,
         "ratio_short": ratio_short, "chat_50_turns_ms": times}, indent=1))


if __name__ == "__main__":
    main()
