"""Long chats over HTTP, measured against a real `qa serve` (uvicorn) on the sample index (run by hand;
writes eval/bench/chat_load.json, summarised in eval/bench/hardening.md).

    nice -n 5 .venv/bin/python eval/bench/chat_load.py [--index PATH] [--chats 50] [--turns 30] [--probes 30]

1. A 50-turn chat, held the way an OpenAI client holds one: every turn posts the whole conversation so
   far (the server's own earlier replies included) to /v1/chat/completions; the latency of each turn,
   then the 50th turn again, median of 5.
2. A plain /v1/ask (median of `--probes`), alone, then while `--chats` clients chat at once, each
   sending a `--turns`-turn conversation (all its earlier turns and a follow-up), reading the reply
   for `--think-s` seconds, and asking again; as a control the same with 1-turn chats that ask the
   standalone question directly (so the two differ only by the history). Alone is measured before
   and after, and its median taken over both.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "eval" / "datasets" / "kursk" / "articles"
PROBE = "How many North Korean troops were reported in Kursk?"
TURNS = ["How many North Korean troops were reported in Kursk?", "and how many did the Pentagon say?",
         "what about Umerov?", "when did they arrive?", "who reported that?", "what about the Pentagon?",
         "where were they seen?", "and Reuters?"]
STANDALONE = "How many North Korean troops did the Pentagon say?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli.main", "serve", "--index", str(index), "--port", str(port)],
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("qa serve did not get ready")


def completion(client: httpx.Client, url: str, messages: list[dict]) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = client.post(url + "/v1/chat/completions", json={"model": "qa-extractive", "messages": messages})
    return (time.perf_counter() - started) * 1000, response


def long_chat(url: str, turns: int) -> dict:
    """Hold a chat of `turns` turns; each turn sends the whole conversation so far."""
    messages: list[dict] = []
    per_turn, statuses = [], []
    with httpx.Client(timeout=300) as client:
        for turn in range(turns):
            messages.append({"role": "user", "content": TURNS[turn % len(TURNS)]})
            ms, response = completion(client, url, messages)
            per_turn.append(round(ms, 1))
            statuses.append(response.status_code)
            reply = (response.json()["choices"][0]["message"]["content"] if response.status_code == 200
                     else "(no answer)")
            messages.append({"role": "assistant", "content": reply})
        last = messages[:-1]
        repeats = [completion(client, url, last) for _ in range(5)]
    error = None
    if any(s != 200 for s in statuses):
        first_bad = next(i for i, s in enumerate(statuses) if s != 200)
        error = f"turn {first_bad + 1}: HTTP {statuses[first_bad]}"
    return {"per_turn_ms": per_turn, "statuses": statuses, "messages_in_last": len(last), "error": error,
            "last_turn_ms": [round(ms, 1) for ms, _ in repeats], "last_turn_status": repeats[-1][1].status_code,
            "last_turn_median_ms": round(statistics.median(ms for ms, _ in repeats), 1),
            "last_reply": repeats[-1][1].json()["choices"][0]["message"]["content"][:300]
            if repeats[-1][1].status_code == 200 else repeats[-1][1].text[:300]}


def conversation(turns: int) -> list[dict]:
    messages: list[dict] = []
    for turn in range(turns - 1):
        messages += [{"role": "user", "content": TURNS[turn % len(TURNS)]},
                     {"role": "assistant", "content": "Between 10,000 and 12,000 North Korean troops [1].\n\n"
                                                      "Sources:\n[1] North Korean troops (Reuters, 2024-10-28)"}]
    return messages + [{"role": "user", "content": TURNS[1] if turns > 1 else STANDALONE}]


def probe(url: str, n: int, gap_s: float = 0.0) -> list[float]:
    times = []
    with httpx.Client(timeout=300) as client:
        for _ in range(n):
            time.sleep(gap_s)
            started = time.perf_counter()
            client.post(url + "/v1/ask", json={"question": PROBE}).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return times


def under_chats(url: str, chats: int, turns: int, probes: int, think_s: float) -> dict:
    body = {"model": "qa-extractive", "messages": conversation(turns)}
    stop = threading.Event()
    served, errors = [0], []

    def chatter() -> None:
        with httpx.Client(timeout=600) as client:
            while not stop.is_set():
                response = client.post(url + "/v1/chat/completions", json=body)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.text[:100]}")
                served[0] += 1
                stop.wait(think_s)

    threads = [threading.Thread(target=chatter, daemon=True) for _ in range(chats)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    loaded = probe(url, probes, gap_s=3 * think_s / probes)  # spread over three rounds of the chats
    stop.set()
    for thread in threads:
        thread.join(timeout=600)
    return {"ms": loaded, "median_ms": round(statistics.median(loaded), 1), "served": served[0],
            "errors": len(errors), "error_examples": errors[:3], "messages_per_request": len(body["messages"])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, default=Path("/tmp/hardening-campaign/chat/indexes/kursk"))
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--turns", type=int, default=30)
    parser.add_argument("--long-turns", type=int, default=50)
    parser.add_argument("--probes", type=int, default=30)
    parser.add_argument("--think-s", type=float, default=5.0)
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "bench" / "chat_load.json")
    args = parser.parse_args()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "QA_CONFIG": "none",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    if not (args.index / "CURRENT").exists():
        subprocess.run([sys.executable, "-m", "qa.cli.main", "ingest", str(ARTICLES), "--index", str(args.index), "--quiet"],
                       cwd=ROOT, env=env, check=True, stdin=subprocess.DEVNULL)
    result: dict = {"load_at_start": round(os.getloadavg()[0], 1), "cores": os.cpu_count(), "args": {
        k: str(v) for k, v in vars(args).items()}}
    proc, url = start_server(args.index, env)
    try:
        probe(url, 3)  # warm
        result["long_chat"] = chat = long_chat(url, args.long_turns)
        print(f"{args.long_turns}-turn chat: last turn median {chat['last_turn_median_ms']} ms, "
              f"max turn {max(chat['per_turn_ms'])} ms, error {chat['error']}", flush=True)
        alone = probe(url, args.probes)
        result["with_1_turn_chats"] = under_chats(url, args.chats, 1, args.probes, args.think_s)
        result[f"with_{args.turns}_turn_chats"] = under_chats(url, args.chats, args.turns, args.probes, args.think_s)
        alone += probe(url, args.probes)
        result["alone_ms"] = alone
        result["alone_median_ms"] = round(statistics.median(alone), 1)
        for key in ("with_1_turn_chats", f"with_{args.turns}_turn_chats"):
            result[key]["ratio_to_alone"] = round(result[key]["median_ms"] / result["alone_median_ms"], 2)
            print(key, {k: v for k, v in result[key].items() if k != "ms"}, flush=True)
        print("alone median", result["alone_median_ms"], flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    result["load_at_end"] = round(os.getloadavg()[0], 1)
    args.out.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
