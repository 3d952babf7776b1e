"""Backend wiring of the llm composer: which model and URL each backend asks, and errors that name them."""

from __future__ import annotations

import pytest
from test_answer_llm_fake import PROMPT

from qa.answer.llm import ChatGenerator, build_chat_model, describe_backend
from qa.errors import GenerationError
from qa.settings import Settings


def test_errors_name_the_backend_model_and_url(reader, embedder, answer_settings):
    class Refused:
        openai_api_base = "http://127.0.0.1:9/v1"

        def stream(self, messages):
            raise ConnectionError("connection refused")
            yield  # pragma: no cover

    settings = Settings(llm_backend="ollama", llm_base_url="http://127.0.0.1:9")
    generator = ChatGenerator(Refused(), PROMPT, target=describe_backend(settings))
    from qa.answer.compose import compose_answer

    q = "Who confirmed the deployment of North Korean troops?"
    with pytest.raises(GenerationError) as err:
        compose_answer(q, reader.hits(q), reader, embedder, answer_settings, mode="llm", generator=generator)
    message = err.value.message
    assert "ollama backend, model qwen2.5:0.5b at http://127.0.0.1:9/v1" in message
    assert "connection refused" in message
    assert "QA_LLM_MODEL" in err.value.hint and "--mode extractive" in err.value.hint
    assert err.value.exit_code == 7


def test_describe_backend_uses_the_effective_model_and_url():
    assert describe_backend(Settings(llm_backend="openai", llm_base_url="http://127.0.0.1:9/v1")) == (
        "openai backend, model gpt-4o-mini at http://127.0.0.1:9/v1")
    assert describe_backend(Settings(llm_backend="openai", llm_api_key="k")) == (
        "openai backend, model gpt-4o-mini at https://api.openai.com/v1")
    for settings in (Settings(llm_backend="ollama"), Settings(llm_backend="openai", llm_base_url="http://h:1/v1")):
        chat, _ = build_chat_model(settings)  # the URL named is the one the client really asks
        assert describe_backend(settings).endswith(f" at {chat.openai_api_base}")
    assert describe_backend(Settings(llm_backend="local")).startswith("local backend, model bundled Qwen2.5")
    assert "model x.gguf" in describe_backend(Settings(llm_backend="local", llm_model_path="x.gguf"))


def test_the_api_key_reaches_the_openai_client():
    chat, _ = build_chat_model(Settings(llm_backend="openai", llm_api_key="sk-abc", llm_model="m"))
    assert chat.openai_api_key.get_secret_value() == "sk-abc" and chat.model_name == "m"


def test_the_cli_names_the_llm_in_the_library_wording_once():
    from qa.cli.answer_view import llm_failure

    settings = Settings(llm_backend="ollama", llm_base_url="http://127.0.0.1:9")
    named = f"the language model failed ({describe_backend(settings)}): connection refused"
    assert llm_failure(settings, named) == named  # already named: not named twice
    assert llm_failure(settings, "llama.cpp could not load x") == (
        "the language model failed (ollama backend, model qwen2.5:0.5b at http://127.0.0.1:9/v1): "
        "llama.cpp could not load x")
