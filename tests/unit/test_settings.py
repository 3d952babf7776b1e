"""Settings: one default per field, sections, the environment layer, per-backend LLM models."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from qa.answer.llm import build_chat_model
from qa.errors import InputError
from qa.settings import DEFAULT_LLM_MODELS, SECTIONS, Settings, env_values, file_key, section_of

QA_PACKAGE = Path(__file__).resolve().parents[2] / "qa"


def test_every_field_is_in_one_section_and_described():
    grouped = Settings.sections()
    assert list(grouped) == list(SECTIONS)
    names = [n for group in grouped.values() for n in group]
    assert sorted(names) == sorted(f.name for f in fields(Settings))
    assert all(grouped[s] for s in SECTIONS), "no empty section"
    assert all(Settings.describe().values()), "every field has a description"
    assert section_of("k") == "retrieval" and section_of("llm_temperature") == "llm"
    assert section_of("index_type") == "index" and section_of("max_question_chars") == "serve"
    assert file_key("llm_backend") == "backend" and file_key("index_type") == "type" and file_key("k") == "k"


def test_no_module_keeps_a_shadow_default_table():
    """Defaults live in Settings only: no `getattr(settings, name, default)` and no OPTIONAL_SETTINGS."""
    offenders = []
    for path in QA_PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "OPTIONAL_SETTINGS" in text or re.search(r"getattr\(\s*(self\.)?settings\s*,\s*\"\w+\"\s*,", text):
            offenders.append(str(path.relative_to(QA_PACKAGE.parent)))
    assert offenders == [], f"shadow settings defaults in {offenders}"


def test_environment_values_are_typed_and_strict():
    values = env_values({"QA_K": "5", "QA_RRF_BM25_WEIGHT": "1.5", "QA_SOURCE_AWARE": "off",
                         "QA_INCLUDE": "*.txt, *.md", "QA_INDEXES_DIR": "~/idx", "QA_LLM_MODEL": "",
                         "OPENAI_API_KEY": "sk-test", "UNRELATED": "x"})
    assert values["k"] == 5 and values["rrf_bm25_weight"] == 1.5 and values["source_aware"] is False
    assert values["include"] == ("*.txt", "*.md")
    assert values["indexes_dir"] == Path("~/idx").expanduser()
    assert values["llm_model"] is None  # an empty optional value means "unset"
    assert values["llm_api_key"] == "sk-test"  # OPENAI_API_KEY is the fallback for QA_LLM_API_KEY
    with pytest.raises(InputError, match="QA_SOURCE_AWARE"):
        env_values({"QA_SOURCE_AWARE": "maybe"})  # a typo in a boolean is an error, not False
    with pytest.raises(InputError, match="QA_K"):
        env_values({"QA_K": "eight"})


def test_invalid_values_fail_with_the_fix():
    with pytest.raises(InputError) as err:
        Settings(k=0, llm_backend="olama")
    assert "k must be greater than 0" in err.value.message
    assert "llm_backend must be one of local, openai, ollama" in err.value.message
    assert "qa config show" in err.value.hint and err.value.exit_code == 2


def test_each_llm_backend_has_its_own_default_model():
    """The Ollama backend used to ask Ollama for gpt-4o-mini unless QA_LLM_MODEL was set."""
    assert Settings().llm_model is None
    assert Settings(llm_backend="ollama").effective_llm_model() == "qwen2.5:0.5b" == DEFAULT_LLM_MODELS["ollama"]
    assert Settings(llm_backend="openai").effective_llm_model() == "gpt-4o-mini"
    assert Settings(llm_backend="ollama", llm_model="llama3.2").effective_llm_model() == "llama3.2"

    ollama, _ = build_chat_model(Settings(llm_backend="ollama"))
    assert ollama.model_name == "qwen2.5:0.5b"
    assert str(ollama.openai_api_base) == "http://localhost:11434/v1"
    openai, _ = build_chat_model(Settings(llm_backend="openai", llm_base_url="http://127.0.0.1:9/v1"))
    assert openai.model_name == "gpt-4o-mini"
    chosen, _ = build_chat_model(Settings(llm_backend="ollama", llm_model="mistral", llm_base_url="http://h:1"))
    assert chosen.model_name == "mistral" and str(chosen.openai_api_base) == "http://h:1/v1"


def test_library_code_never_touches_the_process_environment():
    """Only the entry points (qa/cli) read or write os.environ; the library gets a Settings object."""
    offenders = []
    for path in QA_PACKAGE.rglob("*.py"):
        if path.parent.name == "cli":
            continue
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("#"))
        code = re.sub(r'"""[\s\S]*?"""', "", code)  # docstrings may name os.environ
        if re.search(r"os\.environ|os\.getenv|os\.putenv|os\.unsetenv", code):
            offenders.append(str(path.relative_to(QA_PACKAGE.parent)))
    assert offenders == [], f"os.environ used in library modules {offenders}"
