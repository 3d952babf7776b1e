"""The chat page's script, run by node against a small DOM stand-in (tests/unit/api/js/page_harness.js)
and fed the SSE events the real app streams: links, dates instead of offsets, closest passages on an
abstention, a visible thinking state, the key field only with auth, the placeholder from the index."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

HARNESS = Path(__file__).parent / "js" / "page_harness.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs node to run the page's script")


def sse_events(text: str) -> list[dict]:
    return [json.loads(line[6:]) for line in text.split("\n\n") if line.startswith("data: {")]


def run_page(tmp_path, client, events, *, auth=False, ready=None) -> dict:
    script = re.search(r"<script>(.*)</script>", client.get("/").text, re.S).group(1)
    (tmp_path / "page.js").write_text(script)
    ready = ready or {"status": 200, "body": client.get("/readyz").json()}
    scenario = {"auth": auth, "ready": ready, "events": events, "question": "How many troops?"}
    (tmp_path / "scenario.json").write_text(json.dumps(scenario))
    run = subprocess.run([NODE, str(HARNESS), str(tmp_path / "page.js"), str(tmp_path / "scenario.json")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def streamed(client) -> list[dict]:
    body = {"model": "qa-extractive", "stream": True, "messages": [{"role": "user", "content": "How many troops?"}]}
    return sse_events(client.post("/v1/chat/completions", json=body).text)


def test_a_citation_links_its_article_and_shows_outlet_and_date(make_client, tmp_path):
    client = make_client()
    events = streamed(client)
    shown = run_page(tmp_path, client, events)
    assert shown["placeholder"] == "Ask about your 1 articles"
    assert shown["thinking_seen"] and "thinking" not in shown["classes"] and shown["done"] == "true"
    cited = events[-1]["qa"]["citations"][0]
    assert cited["url"].startswith("https://")
    title = shown["citation"]["title"]
    link = next(n for n in title if n["tag"] == "a")
    assert link["href"] == cited["url"] and link["text"] == cited["title"] and link["target"] == "_blank"
    assert shown["citation"]["source"] == "Kyiv Post · 2024-11-05"  # no character offsets
    assert shown["closest"] == 0


def test_an_abstention_shows_the_closest_passages(make_client, tmp_path):
    client = make_client()
    events = streamed(client)
    final = events[-1]["qa"]
    final.update(abstained=True, citations=[], answer="The indexed articles do not say how many troops.")
    events = [events[0], {"choices": [{"delta": {"content": final["answer"]}}]}, events[-1]]
    shown = run_page(tmp_path, client, events)
    assert shown["closest"] == 1 and "abstained" in shown["classes"]
    assert "Closest passages" in shown["text"] and "Estimates suggest" in shown["text"]
    assert [link["href"] for link in shown["links"]] == [final["passages"][0]["url"]]


def test_links_only_to_web_addresses(make_client, tmp_path):
    client = make_client()
    events = streamed(client)
    for c in events[-1]["qa"]["citations"]:
        c["url"] = "javascript:alert(1)"
    shown = run_page(tmp_path, client, events)
    assert all(n["tag"] == "#text" for n in shown["citation"]["title"])


def test_with_auth_the_page_asks_for_the_key(make_client, tmp_path):
    client = make_client(api_key="s3cret")
    html = client.get("/").text
    assert 'data-auth="on"' in html and 'body[data-auth="off"] #keyform { display: none; }' in html
    assert 'placeholder="Ask about your articles"' in html  # until /readyz says how many
    unauthorized = {"status": 401, "body": {"error": {"message": "missing or wrong API key"}}}
    shown = run_page(tmp_path, client, [], auth=True, ready=unauthorized)
    assert shown["status"] == "enter the API key to start"
