import pytest

from qa.answer.prompts import load_prompt, parse_template
from qa.errors import InputError, QAError
from qa.settings import PROJECT_ROOT, Settings


def test_shipped_prompts_load_and_render(tmp_path):
    settings = Settings(indexes_dir=tmp_path, prompts_dir=PROJECT_ROOT / "prompts")
    answer = load_prompt("answer", settings)
    system, user = answer.render(question="Q?", passages="[1] P")
    assert "[1]" in system and "Q?" in user and "[1] P" in user
    assert load_prompt("condense", settings).render(question="q", history="h")[1].count("h") >= 1


def test_unknown_variable_is_rejected_with_a_hint():
    with pytest.raises(QAError) as err:
        parse_template("answer", "{question} {passages} {context}")
    assert "{context}" in err.value.message and "{passages}" in err.value.hint


def test_missing_variable_is_rejected():
    with pytest.raises(InputError, match=r"does not use \{passages\}"):
        parse_template("answer", "Question: {question}")


def test_literal_braces_and_bad_braces():
    assert parse_template("answer", '{{"json": 1}} {question} {passages}').user.startswith('{{"json"')
    with pytest.raises(InputError, match="unbalanced"):
        parse_template("answer", "{question {passages}")
    with pytest.raises(InputError, match="plain name"):
        parse_template("answer", "{question} {passages} {0}")


def test_missing_file_names_the_fix(tmp_path):
    with pytest.raises(InputError) as err:
        load_prompt("answer", Settings(indexes_dir=tmp_path, prompts_dir=tmp_path))
    assert "QA_PROMPTS_DIR" in err.value.hint


def test_unknown_template_name():
    with pytest.raises(InputError):
        parse_template("summary", "{question}")
