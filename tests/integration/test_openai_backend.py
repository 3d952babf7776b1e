"""`QA_LLM_BACKEND=openai` end to end, against a real OpenAI-compatible server started by the test.

The server is llama.cpp's own HTTP server (xllamacpp.Server) in a separate process on 127.0.0.1,
serving the bundled Qwen2.5-Coder-0.5B GGUF behind an API key, so the test also checks that qa
sends the configured key (QA_LLM_API_KEY) and reports a rejected one. `qa ask` runs as a subprocess
with the settings in the environment only, as a user would run it.

Kept in the default run: the three tests use about 32 s of CPU in all (the GGUF joined once per
machine, the server's prompt and 48 generated tokens, two cold `qa ask`), so about 20 s of wall
time on two idle cores; measured 144 s on the shared machine at load average 19.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration]

MODEL_ALIAS = "qwen-test"
API_KEY = "test-key-123"

# Runs in the server process: load the GGUF, serve on a free port of 127.0.0.1, print the address,
# serve until the test closes stdin.
SERVER = """
import sys, xllamacpp
model, alias, key = sys.argv[1:4]
params = xllamacpp.CommonParams()
params.model.path = model
params.model_alias = {alias}
params.api_keys = [key]
params.hostnames = ["127.0.0.1"]
params.port = 0  # a free port
params.n_ctx = 2048
params.n_parallel = 1
params.cpuparams.n_threads = 2
params.cpuparams_batch.n_threads = 2
params.verbosity = -1
server = xllamacpp.Server(params)
print(server.listening_address, flush=True)
sys.stdin.read()
"""


@pytest.fixture(scope="module")
def openai_server():
    """Base URL (ending in /v1) of a llama.cpp OpenAI-compatible server, in its own process."""
    pytest.importorskip("xllamacpp")
    from qa.answer.llm import bundled_model_path

    # joined once per machine (490 MB), then found by its sha256 stamp: copying it per run cost 5-80 s here
    model = bundled_model_path(Path(tempfile.gettempdir()) / "qa-test-llm-cache")
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(model), MODEL_ALIAS, API_KEY],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        address = proc.stdout.readline().strip()
        assert address.startswith("http://127.0.0.1:"), f"server did not start (exit {proc.poll()})"
        yield address.rstrip("/") + "/v1"
    finally:
        proc.stdin.close()
        proc.terminate()
        proc.wait(timeout=30)


def _models(base_url: str, key: str | None) -> int:
    request = urllib.request.Request(base_url + "/models")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _qa(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli.main", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def user_env(kursk_index_master, tmp_path):
    """The environment of a user who configured nothing but the openai backend (no config file)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_") and k != "OPENAI_API_KEY"}
    env.update(HOME=str(tmp_path), QA_CONFIG="none", QA_INDEXES_DIR=str(kursk_index_master.parent),
               QA_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return env


def test_the_server_is_real_and_wants_its_key(openai_server):
    assert _models(openai_server, API_KEY) == 200
    assert _models(openai_server, None) == 401


def test_qa_ask_with_the_openai_backend(openai_server, user_env, tmp_path):
    env = dict(user_env, QA_LLM_BACKEND="openai", QA_LLM_BASE_URL=openai_server, QA_LLM_MODEL=MODEL_ALIAS,
               QA_LLM_API_KEY=API_KEY, QA_LLM_MAX_TOKENS="48", QA_LLM_PASSAGES="2", QA_LLM_PASSAGE_CHARS="500")
    question = "How many North Korean soldiers did the Pentagon say were sent to train in eastern Russia?"
    result = _qa(["ask", question, "--index", "kursk", "--mode", "llm", "--json"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["mode"] == "llm" and answer["timings_ms"].get("generate_first_token", 1) >= 0
    assert not answer["abstained"], answer
    assert "10,000" in answer["answer"].replace("10000", "10,000")
    assert answer["citations"] and all(c["verified"] for c in answer["citations"])
    assert any("Pentagon" in c["quote"] for c in answer["citations"])


def test_a_wrong_key_is_a_backend_failure_naming_the_setting(openai_server, user_env, tmp_path):
    env = dict(user_env, QA_LLM_BACKEND="openai", QA_LLM_BASE_URL=openai_server, QA_LLM_MODEL=MODEL_ALIAS,
               QA_LLM_API_KEY="wrong-key", QA_LLM_MAX_TOKENS="8")
    # an answerable question: an abstention is decided before the model is called and would never reach it
    question = "How many North Korean soldiers did the Pentagon say were sent to train in eastern Russia?"
    result = _qa(["ask", question, "--index", "kursk", "--mode", "llm"], env, tmp_path)
    assert result.returncode == 7, result.stderr  # LLM backend failed
    assert "Traceback" not in result.stderr and "QA_LLM" in result.stderr
