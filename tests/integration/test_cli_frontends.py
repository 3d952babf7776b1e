"""The CLI as a new user meets it: help, version, stdin, piped output, filters that match nothing,
`qa docs`, `qa index show`, a busy port, an LLM that cannot be reached, and `qa chat` commands."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "How many North Korean troops were reported in Kursk?"


def qa(args: list[str], tmp_path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli.main", *args], input=stdin, capture_output=True, text=True,
                          timeout=300, cwd=ROOT,
                          env={**os.environ, "QA_INDEXES_DIR": str(tmp_path / "indexes"),
                               "QA_CACHE_DIR": str(tmp_path / "cache"), **env})


def test_version_short_help_and_plain_help_with_defaults(tmp_path):
    version = qa(["--version"], tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("qa ")
    root = qa(["-h"], tmp_path)
    assert root.returncode == 0 and "--install-completion" in root.stdout and "docs" in root.stdout
    ask = qa(["ask", "-h"], tmp_path)
    assert ask.returncode == 0
    assert "<bool>" not in ask.stdout and "╭" not in ask.stdout  # plain help, no type tags
    assert "[default: 8, or QA_K]" in " ".join(ask.stdout.split())
    assert qa(["index", "show", "-h"], tmp_path).returncode == 0
    for command in (["ask", "-h"], ["ingest", "-h"], ["remove", "-h"]):
        shown = qa(command, tmp_path).stdout
        assert not re.search(r"<(str|bool|int|list\[\w+\]|Path)>", shown), shown  # no Python type tags


def test_ask_reads_stdin_and_does_not_wrap_when_piped(kursk_index_master, tmp_path):
    proc = qa(["ask", "-", "--index", str(kursk_index_master)], tmp_path, stdin=QUESTION + "\n")
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert "[1]" in first and len(first) > 100  # the whole answer on one line, not cut at 80 columns
    assert "\x1b[" not in proc.stdout  # no colour codes in a file


def test_filters_that_match_nothing_say_which_and_what_the_index_holds(kursk_index_master, tmp_path):
    from qa.index.reader import open_index  # noqa: F401  (the index is real: its sources come from it)

    search = qa(["search", "Pentagon estimate", "--index", str(kursk_index_master), "--source", "Nowhere Gazette"],
                tmp_path)
    assert search.returncode == 2, search.stderr
    assert "'Nowhere Gazette'" in search.stderr and "the index holds 5 articles" in search.stderr
    ask = qa(["ask", QUESTION, "--index", str(kursk_index_master), "--since", "2031-01-01"], tmp_path)
    assert ask.returncode == 2 and "published on or after 2031-01-01" in ask.stderr


def test_docs_lists_the_documents(kursk_index_master, kursk_service, tmp_path):
    proc = qa(["docs", "--index", str(kursk_index_master), "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == kursk_service.info()["documents"]
    assert sum(r["chunks"] for r in rows) == kursk_service.info()["chunks"]
    assert {"doc_id", "title", "source", "published_at", "path", "chunks"} <= set(rows[0])
    assert all(r["path"] and r["path"].endswith((".txt", ".md", ".html")) for r in rows)
    source = next(r["source"] for r in rows if r["source"])
    loose = qa(["docs", "--index", str(kursk_index_master), "--json", "--source", source.upper()], tmp_path)
    assert loose.returncode == 0 and json.loads(loose.stdout)
    text = qa(["docs", "--index", str(kursk_index_master)], tmp_path).stdout
    assert text.strip().endswith(f"{len(rows)} documents")


def test_index_show_is_readable(kursk_index_master, tmp_path):
    proc = qa(["index", "show", str(kursk_index_master)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "{" not in proc.stdout and "'" not in proc.stdout  # no Python dicts
    keys = {line.split(":", 1)[0]: line for line in lines}
    assert {"path", "generation", "embedder", "documents", "chunks", "checks"} <= set(keys)
    assert len({line.index(":") + len(line[line.index(":") + 1:]) - len(line[line.index(":") + 1:].lstrip())
                for line in lines}) == 1  # values start in one column
    assert keys["checks"].endswith("ok")


def test_serve_on_a_busy_port_says_so(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = qa(["serve", "--port", str(port), "--index", str(tmp_path / "no-index-here")], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == f"error: port {port} is in use"


def test_an_unreachable_llm_names_what_was_tried_and_offers_the_extractive_answer(kursk_index_master, tmp_path):
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/v1"
    proc = qa(["ask", QUESTION, "--index", str(kursk_index_master), "--mode", "llm"], tmp_path,
              QA_LLM_BACKEND="openai", QA_LLM_BASE_URL=url, QA_LLM_MODEL="no-such-model")
    assert proc.returncode == 7, proc.stderr
    assert url in proc.stderr and "no-such-model" in proc.stderr and "Traceback" not in proc.stderr
    assert "[1]" in proc.stdout and "Sources" in proc.stdout  # the extractive answer instead


def test_chat_clear_forgets_the_conversation(kursk_index_master, tmp_path):
    import pexpect

    env = {**os.environ, "QA_INDEXES_DIR": str(tmp_path), "TERM": "dumb", "COLUMNS": "200"}
    child = pexpect.spawn(sys.executable, ["-m", "qa.cli.main", "chat", "--index", str(kursk_index_master)],
                          cwd=str(ROOT), env=env, encoding="utf-8", timeout=120, dimensions=(50, 200))
    try:
        child.expect("qa> ")
        assert "/clear" in child.before
        child.sendline("How many North Korean troops did Ukraine's defence minister expect in Kursk?")
        child.expect("qa> ")
        child.sendline("/clear")
        child.expect("qa> ")
        assert "conversation cleared" in child.before
        child.sendline("/history")
        child.expect("qa> ")
        assert "defence minister" not in child.before
        child.sendline("and how many did the Pentagon say?")
        child.expect("qa> ")
        assert "searching for:" not in child.before  # nothing to rewrite against any more
        child.sendline("/quit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_chat_falls_back_to_the_extractive_answer_when_the_llm_fails(kursk_index_master, tmp_path):
    import pexpect

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/v1"
    env = {**os.environ, "QA_INDEXES_DIR": str(tmp_path), "TERM": "dumb", "COLUMNS": "200",
           "QA_LLM_BACKEND": "openai", "QA_LLM_BASE_URL": url, "QA_LLM_MODEL": "no-such-model"}
    child = pexpect.spawn(sys.executable, ["-m", "qa.cli.main", "chat", "--index", str(kursk_index_master),
                                           "--mode", "llm"],
                          cwd=str(ROOT), env=env, encoding="utf-8", timeout=120, dimensions=(50, 200))
    try:
        child.expect("qa> ")
        child.sendline(QUESTION)
        child.expect("qa> ")
        shown = child.before
        assert url in shown and "no-such-model" in shown and "Traceback" not in shown
        assert "the extractive answer instead" in shown and "[1]" in shown and "Sources" in shown
        child.sendline("/quit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
