"""Drive the real `qa chat` program through a pseudo-terminal."""

import os
import sys

import pexpect
import pytest

from sample_paths import ROOT

pytestmark = pytest.mark.integration


def test_chat_answers_rewrites_followups_and_handles_commands(kursk_index_master, tmp_path):
    env = {**os.environ, "QA_INDEXES_DIR": str(tmp_path), "TERM": "dumb", "COLUMNS": "200"}
    child = pexpect.spawn(sys.executable, ["-m", "qa.cli.main", "chat", "--index", str(kursk_index_master)],
                          cwd=str(ROOT), env=env, encoding="utf-8", timeout=120, dimensions=(50, 200))
    try:
        child.expect("qa> ")
        assert "articles" in child.before
        child.sendline("How many North Korean troops did Ukraine's defence minister expect in Kursk?")
        child.expect("qa> ")
        first = child.before
        assert "15,000" in first and "[1]" in first and "Sources" in first

        child.sendline("and how many did the Pentagon say?")
        child.expect("qa> ")
        followup = child.before
        assert "searching for:" in followup  # rewritten into a standalone question
        assert "10,000" in followup

        child.sendline("/sources")
        child.expect("qa> ")
        assert "1." in child.before and "score" in child.before

        child.sendline("/mode")
        child.expect("qa> ")
        assert "mode is extractive" in child.before

        child.sendline("/nonsense")
        child.expect("qa> ")
        assert "unknown command" in child.before

        child.sendline("")  # an empty line is ignored, the prompt comes back
        child.expect("qa> ")

        child.sendline("/quit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
