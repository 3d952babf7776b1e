"""The HTTP API on a real uvicorn server on 127.0.0.1, over the real sample index, with real clients."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Iterator

import httpx
import pytest

pytestmark = pytest.mark.integration

QUESTION = "How many North Korean troops were reported in Kursk?"
EXTRA_ARTICLE = """Antarctic krill survey finds record swarm near the Weddell Sea
A research vessel from the Alfred Wegener Institute counted a record swarm of Antarctic krill near the Weddell Sea
in January, scientists said on Tuesday. The swarm covered about 450 square kilometres, according to the survey team.
"""


@contextmanager
def serve(app: Any, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Run `app` on uvicorn in a background thread on a free 127.0.0.1 port; yield its base URL.
    `headers`: sent with the /readyz polls (the API key, when the app has one)."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.started and httpx.get(url + "/readyz", headers=headers).status_code == 200:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"server not ready: {httpx.get(url + '/readyz', headers=headers).text}")
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="module")
def server_url(kursk_service) -> Iterator[str]:
    from qa.api.app import create_app

    with serve(create_app(kursk_service.settings, kursk_service)) as url:
        yield url


@pytest.fixture(scope="module")
def openai_client(server_url):
    import openai

    return openai.OpenAI(base_url=server_url + "/v1", api_key="not-needed", max_retries=0, timeout=120)


def check_citations(qa: dict[str, Any], service: Any) -> None:
    """Every citation of the `qa` field quotes the stored article text exactly, and its marker is in the answer."""
    assert qa["citations"], qa
    documents = service.reader.documents
    for c in qa["citations"]:
        assert documents[c["doc_id"]].text[c["start"]:c["end"]] == c["quote"]
        assert f"[{c['n']}]" in qa["answer"]


def test_openai_client_non_streaming(openai_client, kursk_service):
    response = openai_client.chat.completions.create(
        model="qa-extractive", messages=[{"role": "user", "content": QUESTION}])
    content = response.choices[0].message.content
    qa = response.model_extra["qa"]
    assert response.choices[0].finish_reason == "stop"
    assert qa["abstained"] is False
    check_citations(qa, kursk_service)
    assert content.startswith(qa["answer"])
    assert "\n\nSources:\n[1] " in content
    assert any(n in qa["answer"] for n in ("8,000", "10,000", "11,000", "12,000")), qa["answer"]


def test_openai_client_streaming(openai_client, kursk_service):
    whole = openai_client.chat.completions.create(
        model="qa-extractive", messages=[{"role": "user", "content": QUESTION}])
    chunks = list(openai_client.chat.completions.create(
        model="qa-extractive", messages=[{"role": "user", "content": QUESTION}], stream=True))
    assert len(chunks) > 5
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert streamed == whole.choices[0].message.content
    final = chunks[-1]
    assert final.choices[0].finish_reason == "stop"
    check_citations(final.model_extra["qa"], kursk_service)
    assert all("qa" not in (c.model_extra or {}) for c in chunks[:-1])


def test_follow_up_uses_the_history(openai_client):
    first = openai_client.chat.completions.create(
        model="qa-extractive", messages=[{"role": "user", "content": QUESTION}])
    follow = openai_client.chat.completions.create(model="qa-extractive", messages=[
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": "And what did the Pentagon say?"},
    ])
    qa = follow.model_extra["qa"]
    assert qa["question"] == "And what did the Pentagon say?"
    assert qa.get("standalone_question"), qa  # rewritten with the conversation
    assert qa["standalone_readable"] is True, qa  # "How many ... did the Pentagon say?" is shown on the page
    assert qa["passages"]


def test_langchain_chat_openai(server_url):
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(base_url=server_url + "/v1", api_key="not-needed", model="qa-extractive", max_retries=0)
    message = llm.invoke(QUESTION)
    assert "[1]" in message.content and "Sources:" in message.content
    chain = ChatPromptTemplate.from_messages([("user", "{question}")]) | llm | StrOutputParser()
    streamed = "".join(chain.stream({"question": QUESTION}))
    assert streamed == message.content


def test_ask_search_models_and_probes(server_url, kursk_service):
    answer = httpx.post(server_url + "/v1/ask", json={"question": QUESTION, "k": 5}, timeout=60).json()
    assert set(answer) >= {"question", "answer", "abstained", "mode", "citations", "passages", "timings_ms"}
    check_citations(answer, kursk_service)
    assert len(answer["passages"]) <= 5
    found = httpx.post(server_url + "/v1/search", json={"query": "Pentagon estimate", "k": 3}, timeout=60).json()
    assert [p["rank"] for p in found["passages"]] == [1, 2, 3]
    assert all(p["text"] and p["title"] for p in found["passages"])
    models = httpx.get(server_url + "/v1/models").json()
    assert {m["id"] for m in models["data"]} == {"qa-extractive", "qa-llm"}
    assert httpx.get(server_url + "/healthz").json() == {"status": "ok"}
    ready = httpx.get(server_url + "/readyz").json()
    assert ready["documents"] == 5 and ready["generation"]
    docs = httpx.get(server_url + "/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower() and "https://" not in docs.text
    for page in (docs.text, httpx.get(server_url + "/redoc").text):  # offline: every asset is served here
        for asset in re.findall(r'(?:src|href)="(/docs-static/[^"]+)"', page):
            assert httpx.get(server_url + asset).status_code == 200, asset
    assert "/docs-static/swagger-ui-bundle.js" in docs.text
    assert "ChatCompletion" in httpx.get(server_url + "/openapi.json").json()["components"]["schemas"]


def test_limits_and_error_objects(server_url, openai_client, kursk_service):
    import openai

    def error_of(response: httpx.Response, status: int) -> dict:
        assert response.status_code == status, response.text
        body = response.json()
        assert set(body) == {"error"} and {"message", "type", "code"} <= set(body["error"])
        return body["error"]

    big = "x" * (kursk_service.settings.max_body_bytes + 10)
    assert error_of(httpx.post(server_url + "/v1/ask", json={"question": big}), 413)["code"] == "request_too_large"
    with pytest.raises(openai.BadRequestError) as empty:
        openai_client.chat.completions.create(model="qa-extractive", messages=[{"role": "user", "content": "  "}])
    assert empty.value.status_code == 400 and empty.value.code == "invalid_input"
    with pytest.raises(openai.BadRequestError) as empty_stream:
        openai_client.chat.completions.create(model="qa-extractive", messages=[{"role": "user", "content": ""}],
                                              stream=True)
    assert empty_stream.value.status_code == 400
    too_many = [{"role": "user", "content": "q"}] * (kursk_service.settings.max_messages + 1)
    with pytest.raises(openai.BadRequestError) as many:
        openai_client.chat.completions.create(model="qa-extractive", messages=too_many)
    assert many.value.code == "too_many_messages"
    with pytest.raises(openai.NotFoundError):
        openai_client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": QUESTION}])
    long_question = "why " * kursk_service.settings.max_question_chars
    assert error_of(httpx.post(server_url + "/v1/ask", json={"question": long_question}), 400)["code"] == "invalid_input"
    assert error_of(httpx.post(server_url + "/v1/search", json={"query": "q", "k": "many"}), 422)
    assert error_of(httpx.post(server_url + "/v1/ask", content=b"{oops", headers={"content-type": "application/json"}),
                    422)


def test_api_key_on(kursk_service):
    import openai

    from qa.api.app import create_app

    settings = kursk_service.settings.replace(api_key="test-key-123")
    with serve(create_app(settings, kursk_service), headers={"Authorization": "Bearer test-key-123"}) as url:
        with pytest.raises(openai.AuthenticationError) as denied:
            openai.OpenAI(base_url=url + "/v1", api_key="wrong", max_retries=0).models.list()
        assert denied.value.status_code == 401 and denied.value.code == "invalid_api_key"
        assert httpx.post(url + "/v1/search", json={"query": "troops"}).status_code == 401
        allowed = openai.OpenAI(base_url=url + "/v1", api_key="test-key-123", max_retries=0)
        assert {m.id for m in allowed.models.list()} == {"qa-extractive", "qa-llm"}
        assert httpx.get(url + "/healthz").status_code == 200
        assert httpx.get(url + "/readyz").status_code == 401  # what the index holds needs the key


def test_sixteen_concurrent_requests(server_url):
    def one(i: int) -> int:
        if i % 2:
            body = {"model": "qa-extractive", "messages": [{"role": "user", "content": QUESTION}], "stream": i % 4 == 1}
            response = httpx.post(server_url + "/v1/chat/completions", json=body, timeout=120)
            if body["stream"]:
                assert response.text.rstrip().endswith("data: [DONE]")
        else:
            response = httpx.post(server_url + "/v1/search", json={"query": f"troops {i}"}, timeout=120)
        return response.status_code

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(one, range(16)))
    assert statuses == [200] * 16


def test_new_generation_is_picked_up_while_serving(kursk_index, ingest_embedder, tmp_path):
    """`qa ingest` into the served index while requests run: every response is valid, then the new
    article is found without a restart."""
    from qa.api.app import create_app
    from qa.ingest.pipeline import ingest
    from qa.service import QAService
    from qa.settings import Settings

    settings = Settings(indexes_dir=kursk_index.parent)
    service = QAService(settings, kursk_index)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "krill.txt").write_text(EXTRA_ARTICLE)
    with serve(create_app(settings, service)) as url:
        before = httpx.get(url + "/readyz").json()["generation"]
        stop = threading.Event()
        results: list[tuple[int, Any]] = []

        def hammer() -> None:
            with httpx.Client(base_url=url, timeout=120) as client:
                while not stop.is_set():
                    r = client.post("/v1/chat/completions", json={
                        "model": "qa-extractive", "messages": [{"role": "user", "content": QUESTION}]})
                    results.append((r.status_code, r.json()))
                    r = client.post("/v1/search", json={"query": "krill swarm Weddell Sea", "k": 3})
                    results.append((r.status_code, r.json()))

        workers = [threading.Thread(target=hammer) for _ in range(3)]
        for w in workers:
            w.start()
        try:
            ingest([extra], kursk_index, settings, embedder=ingest_embedder)
            deadline = time.monotonic() + 30
            while httpx.get(url + "/readyz").json()["generation"] == before:
                assert time.monotonic() < deadline, "the new generation was not picked up"
                time.sleep(0.2)
            time.sleep(1.5)  # let the hammering run on the new generation too
        finally:
            stop.set()
            for w in workers:
                w.join(timeout=120)
        found = httpx.post(url + "/v1/search", json={"query": "krill swarm Weddell Sea", "k": 3}, timeout=60).json()
        assert "krill" in found["passages"][0]["title"].lower()
        assert httpx.get(url + "/readyz").json()["documents"] == 6
    assert len(results) >= 4
    for status, body in results:
        assert status == 200, body
        if "choices" in body:
            assert body["qa"]["citations"] and body["choices"][0]["message"]["content"]
        else:
            assert body["passages"]


@pytest.mark.slow
def test_llm_mode_streams_real_tokens(server_url):
    """The local LLM streams its tokens as they are generated (slow: loads the bundled GGUF)."""
    with httpx.stream("POST", server_url + "/v1/chat/completions", timeout=600, json={
        "model": "qa-llm", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}) as response:
        assert response.status_code == 200
        arrivals = []
        for line in response.iter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                arrivals.append((time.monotonic(), json.loads(line[6:])))
    contents = [c for _, c in arrivals if c["choices"][0]["delta"].get("content")]
    assert len(contents) > 3
    assert arrivals[-1][1]["qa"]["mode"] == "llm"
    assert arrivals[-1][0] - arrivals[1][0] > 0.05  # spread over time, not one burst
