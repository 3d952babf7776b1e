"""Text that is not valid Unicode is refused where it enters, with a message that does not repeat it."""

import json

import pytest

from qa.errors import InputError
from qa.input_text import check_text, lone_surrogate_at
from qa.integrations.mcp_server import INVALID_TEXT, clean_json_line


def test_lone_surrogates_are_found_and_refused():
    assert lone_surrogate_at("troops in Kursk? 🇺🇦 é") is None
    assert lone_surrogate_at("troops\udcff?") == 6  # a non-UTF-8 byte on the command line (surrogateescape)
    with pytest.raises(InputError) as err:
        check_text("troops \ud800", "the query")
    assert "the query" in err.value.message and "character 8" in err.value.message
    err.value.message.encode("utf-8")  # printable: the bad character is not repeated
    assert check_text("fine") == "fine"


def test_mcp_lines_with_lone_surrogate_escapes_are_cleaned():
    line = '{"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"arguments": {"query": "a \\ud800 b"}}}\n'
    cleaned = json.loads(clean_json_line(line))
    assert cleaned["params"]["arguments"]["query"] == f"a {INVALID_TEXT} b"
    pair = '{"q": "flag \\ud83c\\uddfa\\ud83c\\udde6"}\n'  # a correct surrogate pair is one character
    assert json.loads(clean_json_line(pair))["q"] == "flag 🇺🇦"
    assert clean_json_line("not json \\ud800\n") == "not json \\ud800\n"
