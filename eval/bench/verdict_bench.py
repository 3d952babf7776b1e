"""Yes/no verdicts measured on their own: how often `qa.answer.verdict.decide` gives the gold answer.

    # 1. retrieve and gather the evidence of every yes/no question once (slow part), cached:
    .venv/bin/python eval/bench/verdict_bench.py gather QUESTIONS --index INDEX --out CACHE.pkl \
        [--types comparison temporal]
    # 2. decide from the cache (fast; rerun after changing verdict.py):
    .venv/bin/python eval/bench/verdict_bench.py score CACHE.pkl [--sample N --seed S] [--show 20]

The gather step retrieves exactly as `qa ask` does (the Query built once, retrieval with its
analysis) with the number of passages the composer reads (`--k`, default the settings' k), and
keeps each question's scored candidate sentences. Gold answers are read as yes/no from the first
word ("Yes", "True", "Agree", "Similar", "Consistent", "Same", "Align" count as yes); questions
whose gold answer is neither are counted but never right, except that a verdict naming one of the
question's two alternatives ("consistent or inconsistent?") is right when that word is the gold
answer. Reported per question type: verdict accuracy (answered correctly / all), how often each
verdict is given, and the gold base rates, so a verdict that only follows the majority shows up.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import pickle
import random
import sys
import time
from pathlib import Path
from typing import Any

YES_WORDS = {"yes", "true", "agree", "agreement", "similar", "consistent", "same", "align", "aligned", "consistency"}
NO_WORDS = {"no", "false"}


def gold_label(answers: list[str]) -> str:
    word = (answers[0] if answers else "").strip().lower().rstrip(".")
    if word in YES_WORDS:
        return "yes"
    if word in NO_WORDS:
        return "no"
    return "other"


def gather_cmd(args: argparse.Namespace) -> None:
    import numpy as np

    from qa.answer.evidence import gather
    from qa.config import load_settings
    from qa.query import build_query
    from qa.service import QAService

    settings = load_settings(os.environ)
    service = QAService(settings, args.index)
    reader, retriever = service._state()
    k = args.k or settings.k
    rows = [json.loads(line) for line in Path(args.questions).read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.types:
        rows = [r for r in rows if r.get("type") in args.types]
    cached = []
    started = time.perf_counter()
    for r in rows:
        query = build_query(r["question"], sources=reader.sources,
                            default_year=getattr(retriever, "default_year", None))
        asks_yes_no = query.answer_type == "yesno" or r.get("answer_type") == "yes_no"
        if not asks_yes_no and r.get("type") not in ("comparison", "temporal"):
            continue
        result = retriever.retrieve(r["question"], k, None, analysis=query.analysis)
        evidence = gather(query, result.hits, reader, np.asarray(result.query_vector, dtype=np.float32))
        for c in evidence.candidates:
            c.vector = None  # not needed to decide; keeps the cache small
        cached.append({"id": r["id"], "type": r.get("type"), "question": r["question"], "answers": r.get("answers", []),
                       "query": query, "candidates": evidence.candidates, "idf": evidence.idf})
    with open(args.out, "wb") as f:
        pickle.dump(cached, f)
    print(f"{len(cached)} questions gathered with k={k} in {time.perf_counter() - started:.0f} s -> {args.out}")


class _Evidence:
    def __init__(self, item: dict[str, Any]) -> None:
        self.question = item["query"]
        self.candidates = item["candidates"]
        self.idf = item["idf"]


def score_cmd(args: argparse.Namespace) -> None:
    from qa.answer.verdict import decide

    with open(args.cache, "rb") as f:
        items = pickle.load(f)
    if args.sample and args.sample < len(items):
        items = random.Random(args.seed).sample(items, args.sample)
    by_type: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    shown = 0
    for item in items:
        gold = gold_label(item["answers"])
        v = decide(item["query"], _Evidence(item))
        # "consistent or inconsistent?": the word answered must be the gold word
        word = (item["answers"][0] if item["answers"] else "").strip().lower().rstrip(".")
        right = v.option == word if v.option else v.answer == gold
        t = item["type"]
        for key in (t, "all"):
            c = by_type[key]
            c["n"] += 1
            c[f"gold_{gold}"] += 1
            c[f"said_{v.answer}"] += 1
            c["right"] += right
            c[f"rel_{item['query'].relation}_{v.answer}_{'ok' if right else 'x'}"] += 1
        if args.show and shown < args.show and not right:
            shown += 1
            print(f"--- {item['id']} gold={gold} said={v.answer} rel={item['query'].relation}: {v.reason}")
            print("   Q:", item["question"])
            for s in v.supports:
                src = s.candidate.hit.source if s.candidate is not None else None
                text = s.candidate.text[:160] if s.candidate is not None else None
                print(f"   [{s.score:.2f} agrees={s.agrees} {src}] {s.clause.terms} -> {text}")
    print("| type | n | verdict accuracy | said yes | said no | undecided | gold yes | gold no | gold other |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t in sorted(by_type, key=lambda x: (x == "all", x)):
        c = by_type[t]
        n = c["n"]
        shares = " | ".join(f"{c[key] / n:.2f}" for key in
                            ("said_yes", "said_no", "said_undecided", "gold_yes", "gold_no", "gold_other"))
        print(f"| {t} | {n} | {c['right'] / n:.3f} | {shares} |")
    if args.relations:
        c = by_type["all"]
        for key in sorted(k for k in c if k.startswith("rel_")):
            print(key, c[key])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gather")
    g.add_argument("questions")
    g.add_argument("--index", required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--k", type=int, default=None)
    g.add_argument("--types", nargs="*")
    s = sub.add_parser("score")
    s.add_argument("cache")
    s.add_argument("--sample", type=int, default=0)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--show", type=int, default=0)
    s.add_argument("--relations", action="store_true")
    args = parser.parse_args()
    gather_cmd(args) if args.cmd == "gather" else score_cmd(args)


if __name__ == "__main__":
    main()
