"""`qa serve --workers N`: a real `qa serve` process with two uvicorn workers over a copy of the sample
index, answering concurrent requests, behind the API key, and switching every worker to a new generation
written by `qa ingest`; and milvus-lite refusing more than one worker."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from sample_paths import ROOT

pytestmark = pytest.mark.integration

QUESTION = "How many North Korean troops were reported in Kursk?"
KEY = "worker-test-key"
AUTH = {"Authorization": f"Bearer {KEY}"}


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "QA_INDEXES_DIR": str(tmp_path / "indexes"), "QA_CACHE_DIR": str(tmp_path / "cache"),
            "QA_CONFIG": "none", **extra}


def _workers(parent: int) -> list[int]:
    """The parent's child processes (uvicorn's spawned workers)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [int(pid) for pid in children
            if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")]


def _mapped_generations(pid: int, index: Path) -> set[str]:
    """The index generations whose memory-mapped chunk vectors process `pid` holds."""
    pattern = re.compile(re.escape(str(index)) + r"/generations/(g\d+)/vectors\.npy")
    return set(pattern.findall(Path(f"/proc/{pid}/maps").read_text()))


def _wait(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def two_workers(kursk_index, tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa.cli.main", "serve", "--index", str(kursk_index), "--port", "0", "--workers", "2",
         "--log-level", "warning"],
        cwd=ROOT, env=_env(tmp_path, QA_API_KEY=KEY), stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        match = re.search(r"on (http://127\.0\.0\.1:\d+) .*2 workers", line)
        assert match, line
        url = match.group(1)
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # drain: a full pipe would block the workers
        _wait(lambda: len(_workers(proc.pid)) == 2, 60, "two worker processes")
        workers = _workers(proc.pid)
        # each worker loads the index in the background at start: wait until both have it mapped
        _wait(lambda: all(_mapped_generations(w, kursk_index) for w in workers), 120, "both workers to load the index")
        yield url, proc, workers
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_two_workers_answer_concurrent_requests_and_each_switches_to_a_new_generation(
        two_workers, kursk_index, tmp_path, ingest_embedder):
    url, proc, workers = two_workers
    assert httpx.get(url + "/healthz").status_code == 200
    assert httpx.get(url + "/readyz").status_code == 401  # the key holds in every worker
    assert httpx.post(url + "/v1/ask", json={"question": QUESTION}).status_code == 401

    def ask(_: int) -> httpx.Response:
        return httpx.post(url + "/v1/ask", json={"question": QUESTION, "k": 5}, headers=AUTH, timeout=120)

    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(ask, range(8)))
    assert [r.status_code for r in replies] == [200] * 8
    answers = {r.json()["answer"] for r in replies}
    assert len(answers) == 1  # both workers give the same answer over the same generation
    assert replies[0].json()["citations"] and not replies[0].json()["abstained"]
    before = httpx.get(url + "/readyz", headers=AUTH).json()["generation"]

    # a new generation, written by a real ingest while the workers serve
    from qa.ingest.pipeline import ingest
    from qa.settings import Settings

    extra = tmp_path / "new-article"
    extra.mkdir()
    (extra / "drill.md").write_text("# Harbour drill\n\nThe port authority of Valmora held a night drill on "
                                    "Tuesday with 14 tugboats, the harbour master said.\n", encoding="utf-8")
    ingest([extra], kursk_index, Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache"),
           embedder=ingest_embedder)
    after = (kursk_index / "CURRENT").read_text().strip()
    assert after != before

    def all_switched() -> bool:
        # concurrent requests reach both workers; each switches on the first request a second after its last check
        with ThreadPoolExecutor(6) as pool:
            list(pool.map(lambda _: httpx.post(url + "/v1/search", json={"query": "tugboats drill", "k": 3},
                                               headers=AUTH, timeout=60), range(6)))
        return all(after in _mapped_generations(w, kursk_index) for w in workers)

    _wait(all_switched, 90, "both workers to switch to the new generation")
    found = httpx.post(url + "/v1/search", json={"query": "How many tugboats were in the Valmora drill?", "k": 3},
                       headers=AUTH, timeout=60).json()
    assert "tugboats" in found["passages"][0]["text"]
    assert _workers(proc.pid) == workers  # no worker died along the way


def test_milvus_lite_refuses_more_than_one_worker(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "qa.cli.main", "serve", "--index", str(tmp_path / "indexes" / "lite"), "--port", "0",
         "--workers", "2"],
        cwd=ROOT, env=_env(tmp_path, QA_VECTOR_STORE="milvus"), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    first = proc.stderr.splitlines()[0]
    assert first.startswith("error: index ") and "milvus-lite" in first and "--workers 2" in first
    assert "Traceback" not in proc.stderr
