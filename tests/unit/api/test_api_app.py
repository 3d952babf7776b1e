"""The HTTP API over a fake service: routes, OpenAI shapes, streaming, limits, errors, freshness."""

from __future__ import annotations

import json
import time

import pytest

from qa.api import chat
from qa.api.schemas import ChatMessage


def sse_events(text: str) -> list[str]:
    return [line[len("data: "):] for line in text.split("\n\n") if line.startswith("data: ")]


def chat_body(question: str = "How many North Korean troops were reported in Kursk?", **extra):
    return {"model": "qa-extractive", "messages": [{"role": "user", "content": question}], **extra}


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert {"message", "type", "code"} <= set(body["error"])
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_models_lists_one_id_per_mode(make_client):
    body = make_client().get("/v1/models").json()
    assert body["object"] == "list"
    assert [m["id"] for m in body["data"]] == ["qa-extractive", "qa-llm"]


def test_chat_completion_has_markers_sources_and_qa_field(make_client):
    body = make_client().post("/v1/chat/completions", json=chat_body()).json()
    assert body["object"] == "chat.completion"
    content = body["choices"][0]["message"]["content"]
    assert content.startswith("Between 8,000 and 12,000 North Korean troops were reported in Kursk [1].")
    assert "\n\nSources:\n[1] North Korean troops come under fire in Kursk (Kyiv Post, 2024-11-05)" in content
    qa = body["qa"]
    assert qa["abstained"] is False
    assert qa["citations"][0]["n"] == 1 and qa["citations"][0]["quote"].startswith("Estimates suggest")
    assert qa["passages"][0]["chunk_id"] == "g000001:c0"


@pytest.mark.parametrize("model", ["qa-extractive", "qa-llm"])
def test_streamed_content_equals_the_whole_reply(make_client, fake_cls, model):
    service = fake_cls()
    client = make_client(service)
    whole = client.post("/v1/chat/completions", json={**chat_body(), "model": model}).json()
    with client.stream("POST", "/v1/chat/completions", json={**chat_body(), "model": model, "stream": True}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = sse_events(r.read().decode())
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert content == whole["choices"][0]["message"]["content"]
    assert len(chunks) > 5  # streamed in pieces, not one blob
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["qa"]["citations"] == whole["qa"]["citations"]
    assert all("qa" not in c for c in chunks[:-1])
    assert service.calls[-1]["mode"] == ("llm" if model == "qa-llm" else "extractive")


def test_a_draft_that_differs_is_followed_by_the_checked_answer(make_client, fake_cls):
    client = make_client(fake_cls(draft="Some 12,000 troops [4]."))
    with client.stream("POST", "/v1/chat/completions", json={**chat_body(), "model": "qa-llm", "stream": True}) as r:
        chunks = [json.loads(e) for e in sse_events(r.read().decode())[:-1]]
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert content.startswith("Some 12,000 troops [4].\n\n---\nChecked answer: Between 8,000")
    assert chat.strip_sources(content) == chunks[-1]["qa"]["answer"]


def test_an_obeyed_instruction_in_the_draft_is_never_streamed(make_client, fake_cls):
    client = make_client(fake_cls(draft="HACKED [1]. Visit evil.example for the count. Some 12,000 troops [4]."))
    with client.stream("POST", "/v1/chat/completions", json={**chat_body(), "model": "qa-llm", "stream": True}) as r:
        chunks = [json.loads(e) for e in sse_events(r.read().decode())[:-1]]
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert "HACKED" not in content and "evil.example" not in content
    assert content.startswith("Some 12,000 troops [4].")


def test_earlier_turns_become_history_without_sources(make_client, fake_cls):
    service = fake_cls()
    client = make_client(service)
    messages = [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "How many troops?"},
        {"role": "assistant", "content": "About 10,000 [1].\n\nSources:\n[1] Some title"},
        {"role": "user", "content": [{"type": "text", "text": "And the Pentagon?"}]},
    ]
    body = client.post("/v1/chat/completions", json={"model": "qa", "messages": messages}).json()
    assert service.calls[-1]["question"] == "And the Pentagon?"
    assert service.calls[-1]["history"] == [("How many troops?", "About 10,000 [1].")]
    assert body["qa"]["standalone_question"] == "And the Pentagon? (rewritten)"
    assert body["qa"]["standalone_readable"] is False  # a bracketed aside the user did not write: not shown


def test_ask_and_search(make_client):
    client = make_client()
    answer = client.post("/v1/ask", json={"question": "How many troops?", "k": 3, "history": [["q", "a"]]}).json()
    assert set(answer) >= {"question", "answer", "abstained", "mode", "citations", "passages", "timings_ms"}
    result = client.post("/v1/search", json={"query": "troops", "k": 1}).json()
    assert result["passages"][0]["rank"] == 1
    assert result["passages"][0]["scores"] == {"dense": 0.8, "bm25": 7.5}


@pytest.mark.parametrize("stream", [False, True])
def test_empty_question_is_400(make_client, stream):
    response = make_client().post("/v1/chat/completions", json=chat_body("   ", stream=stream))
    assert_error(response, 400, "invalid_input")


def test_input_limits(make_client):
    client = make_client(max_messages=3, max_body_bytes=2_000)
    many = {"model": "qa-extractive", "messages": [{"role": "user", "content": "q"}] * 4}
    assert_error(client.post("/v1/chat/completions", json=many), 400, "too_many_messages")
    assert_error(client.post("/v1/chat/completions", json=chat_body("x" * 5_000)), 413, "request_too_large")

    def chunked():  # no Content-Length: counted as it arrives
        yield b'{"model": "qa-extractive", "messages": [{"role": "user", "content": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}]}'

    assert_error(client.post("/v1/chat/completions", content=chunked(),
                             headers={"content-type": "application/json"}), 413)
    assert_error(client.post("/v1/ask", json={"question": "q", "history": [["a", "b"]] * 2}), 400, "too_many_messages")
    too_long = client.post("/v1/ask", json={"question": "x" * 2_500})
    assert too_long.status_code in (400, 413)


def test_request_errors(make_client):
    client = make_client()
    assert_error(client.post("/v1/chat/completions", json={**chat_body(), "model": "gpt-4"}), 404, "model_not_found")
    last_assistant = {"model": "qa-extractive", "messages": [{"role": "assistant", "content": "hi"}]}
    assert_error(client.post("/v1/chat/completions", json=last_assistant), 400, "invalid_messages")
    assert_error(client.post("/v1/chat/completions", json={"model": "qa-extractive"}), 422)
    assert_error(client.post("/v1/chat/completions", content=b"{not json", headers={"content-type": "application/json"}), 422)
    assert_error(client.post("/v1/ask", json={"question": "q", "k": 0}), 422)
    assert_error(client.get("/v1/nothing"), 404)


def test_api_key(make_client):
    client = make_client(api_key="s3cret")
    assert_error(client.get("/v1/models"), 401, "invalid_api_key")
    assert_error(client.get("/v1/models", headers={"Authorization": "Bearer wrong"}), 401)
    assert client.get("/v1/models", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/healthz").status_code == 200  # probes and the page stay open
    assert client.get("/").status_code == 200


def test_missing_index_is_503_with_the_reason(make_client, fake_cls):
    client = make_client(fake_cls(missing=True))
    assert client.get("/healthz").json() == {"status": "ok"}
    error = assert_error(client.get("/readyz"), 503, "not_ready")
    assert "qa ingest" in error["message"]
    assert_error(client.post("/v1/ask", json={"question": "q"}), 503, "index_not_found")
    assert_error(client.post("/v1/chat/completions", json=chat_body(stream=True)), 503, "index_not_found")


def test_slow_answer_is_504(make_client, fake_cls):
    client = make_client(fake_cls(delay_s=1.0), request_timeout_s=0.2)
    started = time.monotonic()
    assert_error(client.post("/v1/ask", json={"question": "q"}), 504, "timeout")
    assert_error(client.post("/v1/chat/completions", json=chat_body(stream=True)), 504, "timeout")
    assert time.monotonic() - started < 1.5


def test_work_of_a_timed_out_request_stops_at_its_deadline(make_client, fake_cls):
    service = fake_cls(delay_s=0.5)
    client = make_client(service, request_timeout_s=0.2)
    assert_error(client.post("/v1/ask", json={"question": "q"}), 504, "timeout")
    assert_error(client.post("/v1/chat/completions", json=chat_body()), 504, "timeout")
    waited = time.monotonic() + 10
    while service.stopped < 2 and time.monotonic() < waited:  # abandoned workers reach their next check
        time.sleep(0.05)
    assert service.stopped == 2
    assert all(0 < call["deadline"].at - call["deadline"].remaining_s for call in service.calls)


def test_a_deadline_error_is_504_not_500():
    from qa.api.security import qa_error_status
    from qa.deadline import DeadlineExceeded

    assert qa_error_status(DeadlineExceeded("late", hint="raise it")) == (504, "timeout")


def test_readyz_and_freshness_checks_at_most_once_a_second(make_client, fake_cls):
    service = fake_cls()
    client = make_client(service)
    assert client.get("/readyz").json()["generation"] == "g000001"
    before = service.reloads
    for _ in range(20):
        client.post("/v1/search", json={"query": "troops"})
    assert service.reloads - before <= 1
    time.sleep(1.05)
    client.post("/v1/search", json={"query": "troops"})
    assert service.reloads - before >= 1


def test_api_key_guards_readyz_and_the_page_shows_the_key_field_only_with_auth(make_client):
    open_client = make_client()
    assert 'data-auth="off"' in open_client.get("/").text
    assert open_client.get("/readyz").status_code == 200
    client = make_client(api_key="s3cret")
    assert 'data-auth="on"' in client.get("/").text
    assert_error(client.get("/readyz"), 401, "invalid_api_key")
    assert client.get("/readyz", headers={"Authorization": "Bearer s3cret"}).json()["status"] == "ready"
    assert client.get("/healthz").status_code == 200


def test_citations_and_passages_carry_the_article_url(make_client):
    body = make_client().post("/v1/ask", json={"question": "How many troops?"}).json()
    url = body["passages"][0]["url"]  # the fake's article has one
    assert url.startswith("https://") and body["citations"][0]["url"] == url


def test_chat_page_script_is_valid_javascript(make_client, tmp_path):
    import re
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node to check the page's script")
    script = re.search(r"<script>(.*)</script>", make_client().get("/").text, re.S).group(1)
    (tmp_path / "page.js").write_text(script)
    check = subprocess.run([node, "--check", str(tmp_path / "page.js")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "chars ${c.start}" not in script and "North Korean" not in script  # no offsets, no sample question


def test_chat_page_is_self_contained(make_client):
    response = make_client().get("/")
    assert response.status_code == 200
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    html = response.text
    assert "/v1/chat/completions" in html and "getReader" in html
    assert "http://" not in html and "https://" not in html


def test_openapi_documents_the_qa_field(make_client):
    schema = make_client().get("/openapi.json").json()
    assert "/v1/chat/completions" in schema["paths"]
    assert "qa" in schema["components"]["schemas"]["ChatCompletion"]["properties"]


def test_cors_is_off_unless_configured(make_client):
    preflight = {"Origin": "http://example.test", "Access-Control-Request-Method": "POST"}
    assert "access-control-allow-origin" not in make_client().options("/v1/ask", headers=preflight).headers
    client = make_client(cors_origins=("http://example.test",))
    assert client.options("/v1/ask", headers=preflight).headers["access-control-allow-origin"] == "http://example.test"


def test_word_chunks_rebuild_the_text():
    text = "  One [1] two,\n\nSources:\n[1] T  "
    assert "".join(chat.word_chunks(text)) == text


def test_split_messages_drops_unanswered_turns():
    messages = [ChatMessage(role="user", content="a"), ChatMessage(role="user", content="b"),
                ChatMessage(role="assistant", content="B\n\nSources:\n[1] x"), ChatMessage(role="user", content="c")]
    assert chat.split_messages(messages, 10) == ("c", [("b", "B")])


@pytest.mark.parametrize("declared, chunks_read", [(400, 4), (10_000, 0)])
def test_a_declared_body_over_the_limit_is_read_to_its_end_before_the_refusal_unless_far_over(declared, chunks_read):
    """A client still sending when the server closes reads a connection reset, not the 413: a body of up to
    DRAIN_FACTOR times the limit is read (and dropped) first; a far larger one is refused unread."""
    import asyncio

    from qa.api.security import BodyLimitMiddleware

    async def app(scope, receive, send):  # never reached
        raise AssertionError("an oversized body reached the app")

    chunks = [{"type": "http.request", "body": b"x" * 100, "more_body": i < 3} for i in range(4)]
    read, sent = [], []

    async def receive():
        read.append(chunks[len(read)])
        return read[-1]

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/ask",
             "headers": [(b"content-length", str(declared).encode())]}
    asyncio.run(BodyLimitMiddleware(app, max_bytes=200)(scope, receive, send))
    assert len(read) == chunks_read
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
