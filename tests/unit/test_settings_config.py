"""Config files (qa.toml): precedence, strict keys, origins, and `qa config show`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cli.main import app
from qa.config import config_files, load_settings, read_config_file, resolve_settings
from qa.errors import InputError
from qa.settings import DEFAULT_LLM_MODELS


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fake home folder: the user config is `home/.config/qa/qa.toml`."""
    path = tmp_path / "home"
    (path / ".config" / "qa").mkdir(parents=True)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project"
    path.mkdir()
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_precedence_default_user_file_project_file_env_option(home, project):
    user = write(home / ".config" / "qa" / "qa.toml",
                 '[retrieval]\nk = 3\nbm25_k = 40\n[llm]\nbackend = "ollama"\ntemperature = 0.5\n')
    proj = write(project / "qa.toml", '[retrieval]\nk = 4\ndense_k = 50\n[llm]\nmodel = "llama3.2"\n')
    environ = {"HOME": str(home), "QA_DENSE_K": "60", "QA_LLM_TEMPERATURE": "0.2"}
    resolved = resolve_settings(environ, project, k=9, mode=None)
    s = resolved.settings
    assert resolved.files == (user, proj)
    assert (s.k, s.bm25_k, s.dense_k, s.llm_backend, s.llm_model, s.llm_temperature) == (
        9, 40, 60, "ollama", "llama3.2", 0.2)
    assert resolved.origins["k"] == "option"
    assert resolved.origins["bm25_k"] == str(user)
    assert resolved.origins["llm_model"] == str(proj)
    assert resolved.origins["dense_k"] == "env" and resolved.origins["llm_temperature"] == "env"
    assert resolved.origins["rrf_k"] == "default" and s.rrf_k == 60
    assert s.effective_llm_model() == "llama3.2"


def test_xdg_config_home_and_qa_config(home, project, tmp_path):
    xdg = tmp_path / "xdg"
    (xdg / "qa").mkdir(parents=True)
    write(xdg / "qa" / "qa.toml", "[retrieval]\nk = 2\n")
    write(home / ".config" / "qa" / "qa.toml", "[retrieval]\nk = 3\n")
    assert load_settings({"HOME": str(home), "XDG_CONFIG_HOME": str(xdg)}, project).k == 2
    other = write(tmp_path / "other.toml", "[retrieval]\nk = 7\n")
    write(project / "qa.toml", "[retrieval]\nk = 4\n")
    assert load_settings({"HOME": str(home), "QA_CONFIG": str(other)}, project).k == 7  # that file only
    assert load_settings({"HOME": str(home), "QA_CONFIG": "none"}, project).k == 8  # no file: the default
    with pytest.raises(InputError, match="no such file"):
        config_files({"QA_CONFIG": str(tmp_path / "missing.toml")}, project)


def test_relative_paths_in_a_file_are_relative_to_the_file(project):
    cfg = write(project / "qa.toml", '[index]\nindexes_dir = "my-indexes"\n[ingest]\ninclude = ["*.txt"]\n')
    values = read_config_file(cfg)
    assert values["indexes_dir"] == (project / "my-indexes").resolve()
    assert values["include"] == ("*.txt",)


def test_full_field_names_are_accepted_in_their_table(project):
    cfg = write(project / "qa.toml", '[llm]\nllm_backend = "openai"\n[index]\nindex_type = "flat"\n')
    values = read_config_file(cfg)
    assert values == {"llm_backend": "openai", "index_type": "flat"}


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("[retrieval]\nkk = 3\n", "unknown key 'kk' in [retrieval]", "did you mean 'k'?"),
        ('[retrieval]\nmodel = "x"\n', "unknown key 'model' in [retrieval]", "belongs in [llm] as 'model'"),
        ("[retreival]\nk = 3\n", "unknown table [retreival]", "did you mean 'retrieval'?"),
        ("k = 3\n", "'k' is set outside a table", "under [retrieval]"),
        ('[retrieval]\nk = "3"\n', "k = '3' is not an integer", "write k as an integer"),
        ("[retrieval]\nsource_aware = 1\n", "is not true or false", "source_aware"),
        ("[retrieval]\nk = 3\nk = 4\n", "not valid TOML", "fix the line"),
        ('[llm]\nbackend = "openai"\nllm_backend = "ollama"\n', "sets llm_backend twice", "keep one"),
    ],
)
def test_bad_config_files_fail_with_the_key_and_the_fix(project, text, message, hint):
    cfg = write(project / "qa.toml", text)
    with pytest.raises(InputError) as err:
        read_config_file(cfg)
    assert message in err.value.message and str(cfg) in err.value.message
    assert hint in err.value.hint
    assert err.value.exit_code == 2 and "\n" not in err.value.message


def test_an_invalid_value_names_where_it_came_from(home, project):
    cfg = write(project / "qa.toml", '[llm]\nbackend = "olama"\n')
    with pytest.raises(InputError) as err:
        load_settings({"HOME": str(home), "QA_K": "0"}, project)
    assert f"llm_backend from file {cfg}" in err.value.message and "k from env QA_K" in err.value.message


def test_unknown_option_names_are_refused(home, project):
    with pytest.raises(InputError, match="unknown setting"):
        load_settings({"HOME": str(home)}, project, no_such_setting=1)


def _invoke(args: list[str], env: dict[str, str], cwd: Path, monkeypatch) -> object:
    monkeypatch.chdir(cwd)
    for name in ("QA_CONFIG", "XDG_CONFIG_HOME", "QA_API_KEY", "QA_LLM_API_KEY", "OPENAI_API_KEY", "QA_K"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner().invoke(app, args, env=env)


def test_config_show_prints_every_setting_with_its_origin(home, project, monkeypatch):
    cfg = write(project / "qa.toml", '[llm]\nbackend = "ollama"\n')
    result = _invoke(["config", "show"], {"HOME": str(home), "QA_K": "5", "QA_API_KEY": "s3cret"}, project,
                     monkeypatch)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "s3cret" not in out  # secrets are never printed
    assert f'backend = "ollama"  # file {cfg}' in out
    assert "k = 5  # env QA_K" in out
    assert "# model = (unset: qwen2.5:0.5b)  # default; QA_LLM_MODEL" in out
    assert "rrf_k = 60  # default; QA_RRF_K" in out
    parsed = tomllib.loads(out)  # the output is a valid qa.toml
    assert list(parsed) == ["index", "ingest", "retrieval", "answer", "llm", "serve"]
    assert parsed["retrieval"]["k"] == 5 and parsed["llm"]["backend"] == "ollama"


def test_config_show_json(home, project, monkeypatch):
    write(project / "qa.toml", "[retrieval]\nk = 6\n")
    result = _invoke(["config", "show", "--json"], {"HOME": str(home), "QA_LLM_API_KEY": "s3cret"}, project,
                     monkeypatch)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = {r["name"]: r for r in data["settings"]}
    assert data["files"] == [str(project / "qa.toml")]
    assert rows["k"]["value"] == 6 and rows["k"]["origin"] == f"file {project / 'qa.toml'}"
    assert rows["k"]["section"] == "retrieval" and rows["k"]["env"] == "QA_K"
    assert rows["llm_api_key"]["value"] == "(set, hidden)" and "s3cret" not in result.output
    assert rows["llm_model"]["value"] is None and rows["llm_model"]["effective"] == DEFAULT_LLM_MODELS["local"]


def test_config_show_and_other_commands_report_a_bad_file_in_one_line(home, project, monkeypatch):
    write(project / "qa.toml", "[retrieval]\nkk = 3\n")
    for args in (["config", "show"], ["indexes"]):
        result = _invoke(args, {"HOME": str(home)}, project, monkeypatch)
        assert result.exit_code == 2
        assert "unknown key 'kk' in [retrieval]" in result.output and "Traceback" not in result.output


def test_config_show_names_qa_variables_that_set_nothing(home, project, monkeypatch):
    result = _invoke(["config", "show"], {"HOME": str(home), "QA_LLM_MODLE": "x"}, project, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "# ignored: QA_LLM_MODLE names no setting (did you mean QA_LLM_MODEL?)" in result.output
    resolved = resolve_settings({"HOME": str(home), "QA_LLM_MODLE": "x", "QA_CONFIG": "none", "QA_K": "3"}, project)
    assert resolved.unknown_env == ("QA_LLM_MODLE",)
