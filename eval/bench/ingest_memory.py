"""Full `qa ingest` (embedding and NER included) of single files: wall and CPU time, peak memory of the ingest
process and of its spaCy NER child, each beside the same for a baseline 1 kB article (process start-up,
imports, model loads), so that `total - baseline` is what the file itself costs (issue 12: no file of 1 MB
or less over 5 s or 500 MB). Run by hand; the numbers are in eval/bench/hardening.md, section 5.

    nice -n 10 .venv/bin/python eval/bench/ingest_memory.py [--hostile] [--json OUT.jsonl] [--md OUT.md] [FILE ...]

`--hostile` adds the 15 cases of eval/bench/hostile_inputs.py (written to a temporary folder). QA_* variables
in the environment reach the ingest's settings (QA_INGEST_ENTITIES=0 measures without NER).

Each file goes alone into a fresh index with a fresh embedding cache, through `qa.ingest.pipeline.ingest` in a
child process (`python -c`, so start-up and imports are counted as a user's `qa ingest` pays them). Measured:
- wall (start to exit) and CPU (the ingest process's own `getrusage`, plus its NER worker's);
- the ingest process's own peak RSS (`VmHWM`, `getrusage(RUSAGE_SELF)`) and peak anonymous memory (`RssAnon`
  sampled every 10 ms): peak RSS counts file-backed pages too (torch's libraries, the mapped model weights);
- the NER worker's peak RSS and CPU (`getrusage(RUSAGE_CHILDREN)` in the ingest process, after the worker
  was joined);
- CPU per stage from the progress callback (load, chunk, entities, embed, write), and the CPU spent on
  imports before ingest started.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASELINE_ARTICLE = ROOT / "eval" / "datasets" / "kursk" / "articles" / "000_130b95970b212a7e.txt"

CHILD = r"""
import json, resource, sys, threading, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])

def anon_mb():
    for line in open('/proc/self/status'):
        if line.startswith('RssAnon'):
            return int(line.split()[1]) / 1024
    return 0.0

peak = [0.0]
def sample():
    while True:
        peak[0] = max(peak[0], anon_mb())
        time.sleep(0.01)

threading.Thread(target=sample, daemon=True).start()
import os
from qa.config import load_settings
from qa.ingest.pipeline import ingest
work = Path(sys.argv[2])
env = {k: v for k, v in os.environ.items() if k.startswith('QA_')}  # e.g. QA_INGEST_ENTITIES=0
settings = load_settings({**env, 'QA_CONFIG': 'none', 'QA_CACHE_DIR': str(work / 'cache')})
stage_cpu = {}  # stage -> [CPU s when it started, CPU s when last reported]
def progress(stage, done, total):
    now = time.process_time()
    stage_cpu.setdefault(stage, [now, now])[1] = now
started = time.process_time()
summary = ingest([work / 'in'], work / 'index', settings, progress=progress)
time.sleep(0.05)
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({'peak_anon_mb': round(peak[0]), 'ingest_peak_rss_mb': round(own.ru_maxrss / 1024),
                  'ingest_cpu_s': round(own.ru_utime + own.ru_stime, 2),
                  'ner_peak_rss_mb': round(kids.ru_maxrss / 1024), 'ner_cpu_s': round(kids.ru_utime + kids.ru_stime, 2),
                  'chunks_embedded': summary.chunks_embedded, 'chunks': summary.chunks_total,
                  'warnings': len(summary.warnings), 'import_cpu_s': round(started, 2),
                  'stage_cpu_s': {k: round(v[1] - v[0], 2) for k, v in stage_cpu.items()}}))
"""


def measure(path: Path, name: str | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="ingest-memory-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        shutil.copy(path, work / "in" / path.name)
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(work)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=ROOT)
        out, err = proc.communicate()
        wall = time.perf_counter() - started
        row = {"file": name or path.name, "bytes": path.stat().st_size, "exit": proc.returncode,
               "wall_s": round(wall, 2)}
        try:
            row.update(json.loads(out.decode().strip().splitlines()[-1]))
            row["cpu_s"] = round(row["ingest_cpu_s"] + row["ner_cpu_s"], 2)
        except (ValueError, IndexError, KeyError):
            row["error"] = err.decode("utf-8", "replace")[-300:]
        return row


def baseline_file(folder: Path) -> Path:
    """About 1 kB of an ordinary article: the sample article cut at the last paragraph before 1,000 bytes."""
    text = BASELINE_ARTICLE.read_text()
    cut = text.rfind("\n", 0, 1000)
    path = folder / "baseline-1kB.txt"
    path.write_text(text[:cut] + "\n")
    return path


def hostile_files(folder: Path) -> list[tuple[str, Path]]:
    sys.path.insert(0, str(ROOT / "eval" / "bench"))
    from hostile_inputs import CASES

    out = []
    for number, (name, (suffix, data)) in enumerate(CASES.items()):
        path = folder / f"hostile-{number:02d}{suffix}"
        path.write_bytes(data)
        out.append((name, path))
    return out


def render(rows: list[dict], base: dict) -> str:
    lines = ["| file | bytes | chunks (embedded) | wall s | CPU s | CPU − baseline | ingest peak RSS MB (anon) "
             "| NER child peak RSS MB (CPU s) | stage CPU s |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in [base, *rows]:
        if "error" in row:
            lines.append(f"| {row['file']} | {row['bytes']:,} | error: {row['error'][-80:]!r} | | | | | | |")
            continue
        stages = ", ".join(f"{k} {v}" for k, v in row["stage_cpu_s"].items())
        minus = "—" if row is base else f"{row['cpu_s'] - base['cpu_s']:+.1f}"
        lines.append(f"| {row['file']} | {row['bytes']:,} | {row['chunks']:,} ({row['chunks_embedded']:,}) "
                     f"| {row['wall_s']:.1f} | {row['cpu_s']:.1f} | {minus} "
                     f"| {row['ingest_peak_rss_mb']} ({row['peak_anon_mb']}) "
                     f"| {row['ner_peak_rss_mb']} ({row['ner_cpu_s']:.1f}) | {stages} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--hostile", action="store_true", help="add the cases of eval/bench/hostile_inputs.py")
    parser.add_argument("--json", type=Path, help="append each row here as a JSON line")
    parser.add_argument("--md", type=Path, help="write the table here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ingest-memory-files-") as tmp:
        folder = Path(tmp)
        items = [(p.name, p) for p in args.files] + (hostile_files(folder) if args.hostile else [])
        rows: list[dict] = []
        base = measure(baseline_file(folder), "baseline: 1 kB of an article")
        for row in [base]:
            print(json.dumps(row), flush=True)
        for name, path in items:
            rows.append(measure(path, name))
            print(json.dumps(rows[-1]), flush=True)
            if args.json:
                with args.json.open("a") as out:
                    out.write(json.dumps({"baseline": base, **rows[-1]}) + "\n")
        table = render(rows, base)
        if args.md:
            args.md.write_text(table)
        print(table)


if __name__ == "__main__":
    main()
