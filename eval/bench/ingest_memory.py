"""Full ingest (embedding included) of single files: CPU time, peak RSS and peak anonymous memory (run by hand;
the numbers are in eval/bench/hardening.md, section 5).

    nice -n 5 .venv/bin/python eval/bench/ingest_memory.py FILE [FILE ...]

QA_* variables in the environment reach the ingest's settings (QA_INGEST_ENTITIES=0 measures without NER).
`stage_cpu_s` is the CPU time between a stage's first and last progress report (load, chunk, entities,
embed, write); `import_cpu_s` what the child spent before ingest started (imports).

Each file goes alone into a fresh index with a fresh embedding cache, through `qa.ingest.pipeline.ingest`
in a child process. Peak RSS (`wait4`) counts file-backed pages too (torch's libraries, the mapped model
weights, the generation's files mapped while they are hashed): clean pages the kernel can drop. Peak
anonymous memory (`RssAnon`, sampled every 10 ms in the child) is what the process really holds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys, threading, time
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
print(json.dumps({'peak_anon_mb': round(peak[0]), 'chunks_embedded': summary.chunks_embedded,
                  'chunks': summary.chunks_total, 'warnings': len(summary.warnings),
                  'import_cpu_s': round(started, 2),
                  'stage_cpu_s': {k: round(v[1] - v[0], 2) for k, v in stage_cpu.items()}}))
"""


def measure(path: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="ingest-memory-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        shutil.copy(path, work / "in" / path.name)
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(work)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        out, err = proc.stdout.read(), proc.stderr.read()
        row = {"file": path.name, "bytes": path.stat().st_size, "exit": os.waitstatus_to_exitcode(status),
               "wall_s": round(wall, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
               "peak_rss_mb": round(usage.ru_maxrss / 1024)}
        try:
            row.update(json.loads(out.decode().strip().splitlines()[-1]))
        except (ValueError, IndexError):
            row["error"] = err.decode("utf-8", "replace")[-300:]
        return row


def main() -> None:
    for name in sys.argv[1:]:
        print(json.dumps(measure(Path(name))), flush=True)


if __name__ == "__main__":
    main()
