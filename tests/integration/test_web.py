"""The chat page end to end: headless Debian chromium (via playwright) against `qa serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
QUESTION = "How many North Korean troops were reported in Kursk?"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def qa_serve(kursk_index_master, tmp_path):
    """`qa serve` as its own process on a free port; yields the base URL."""
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa.cli.main", "serve", "--index", str(kursk_index_master), "--port", str(port),
         "--log-level", "warning"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env={**{k: v for k, v in os.environ.items() if k != "QA_API_KEY"}, "HF_HUB_OFFLINE": "1",
             "QA_INDEXES_DIR": str(tmp_path / "indexes")},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            assert proc.poll() is None, f"qa serve exited: {log.seek(0) or log.read()}"
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "qa serve did not get ready"
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium "
                                                  "(apt-get install -y chromium chromium-driver)")
def test_chat_page_streams_an_answer_and_shows_a_cited_passage(qa_serve, kursk_service):
    from playwright.sync_api import sync_playwright

    external: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 760})
            page.on("request", lambda r: None if r.url.startswith((qa_serve, "data:")) else external.append(r.url))
            page.goto(qa_serve + "/")
            page.locator("#status").filter(has_text="articles").wait_for(timeout=10_000)
            page.fill("#question", QUESTION)
            page.click("#send")
            message = page.locator('.msg.assistant[data-done="true"]')
            message.wait_for(timeout=60_000)
            text = message.inner_text()
            assert "Sources:" in text and "[1]" in text
            message.locator('a.cite[data-n="1"]').first.click()
            popup = page.locator("#popup")
            popup.wait_for(state="visible", timeout=5_000)
            title, quote = page.inner_text("#popup .title"), page.inner_text("#popup .quote")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "web_chat.png"))
        finally:
            browser.close()

    answer = kursk_service.ask(QUESTION)
    first = next(c for c in answer.citations if c.n == 1)
    assert title == f"[1] {first.title}"
    assert " ".join(quote.split()) == " ".join(first.quote.split())
    assert external == []  # the page loads nothing from outside the server
    assert (ARTIFACTS / "web_chat.png").stat().st_size > 10_000
