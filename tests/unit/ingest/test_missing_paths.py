"""A typo loses nothing: a missing PATH is exit 2 before the index is touched; --prune never empties silently."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa.errors import InputError
from qa.index import generations
from qa.ingest.pipeline import ingest

ROOT = Path(__file__).resolve().parents[3]


def test_a_missing_path_is_an_input_error_and_creates_no_index(tmp_path, settings):
    root = tmp_path / "indexes" / "new"
    with pytest.raises(InputError) as info:
        ingest([tmp_path / "no" / "such" / "folder"], root, settings)
    assert info.value.message == f"no such file or folder: {tmp_path / 'no' / 'such' / 'folder'}"
    assert info.value.exit_code == 2
    assert not root.exists()


def test_a_missing_path_among_good_ones_commits_nothing(kursk_index, settings, tmp_path):
    before = generations.current_generation(kursk_index)
    with pytest.raises(InputError):
        ingest([ROOT / "eval" / "datasets" / "kursk" / "articles", tmp_path / "typo"], kursk_index, settings, prune=True)
    assert generations.current_generation(kursk_index) == before


def test_prune_refuses_to_remove_every_document(kursk_index, settings, tmp_path, ingest_embedder):
    empty = tmp_path / "empty"
    empty.mkdir()
    before = generations.current_generation(kursk_index)
    with pytest.raises(InputError) as info:
        ingest([empty], kursk_index, settings, prune=True, embedder=ingest_embedder)
    assert info.value.message == f"--prune would remove all 5 documents of the index: none was found under {empty}"
    assert "--allow-empty" in (info.value.hint or "")
    assert generations.current_generation(kursk_index) == before
    emptied = ingest([empty], kursk_index, settings, prune=True, allow_empty=True, embedder=ingest_embedder)
    assert emptied.documents_removed == 5 and emptied.documents_total == 0


def _qa(*args: str, tmp_path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QA_INDEXES_DIR": str(tmp_path / "indexes"), "QA_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "qa.cli.main", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("prune", [[], ["--prune"]], ids=["plain", "prune"])
def test_cli_missing_folder_exits_2_with_one_line_naming_it(tmp_path, prune):
    proc = _qa("ingest", "/no/such/folder", "--index", "X", *prune, tmp_path=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines()[0] == "error: no such file or folder: /no/such/folder"
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert not (tmp_path / "indexes" / "X").exists()
