"""Bad input: every unusable file fails with a short reason; nothing is guessed silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa.errors import LoadError, QAError
from qa.ingest.loaders import load_file

MB = 1024 * 1024


def _reason(path: Path, max_bytes: int = 20 * MB) -> str:
    with pytest.raises(LoadError) as info:
        load_file(path, path.stem, max_bytes)
    assert isinstance(info.value, QAError)
    reason = info.value.message
    assert "\n" not in reason and len(reason) < 120  # one-line warnings
    return reason


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _reason(tmp_path / "empty.txt") == "empty file"


def test_whitespace_only_file(tmp_path):
    (tmp_path / "blank.md").write_bytes(b" \n\t\n\n")
    assert _reason(tmp_path / "blank.md").startswith("empty file")


def test_binary_file_with_nul_bytes(tmp_path):
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    assert _reason(tmp_path / "binary.txt").startswith("binary file")


def test_binary_file_of_control_characters(tmp_path):
    (tmp_path / "ctl.txt").write_bytes(bytes(range(1, 32)) * 50)
    assert _reason(tmp_path / "ctl.txt").startswith("binary file")


def test_invalid_utf8_is_not_guessed_as_latin1(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 au lait, na\xefve.".encode("latin-1"))
    assert _reason(path) == "not valid UTF-8 (byte 0xe9 at offset 3)"
    with pytest.raises(LoadError) as info:
        load_file(path, "latin1", MB)
    assert info.value.hint and "UTF-8" in info.value.hint


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    assert _reason(path, max_bytes=100) == "file is 500 B, over the 100 B limit"


def test_fifty_megabyte_file(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * MB)
    assert _reason(path) == "file is 50.0 MB, over the 20 MB limit"


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert _reason(path).startswith("permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file whatever its mode")
def test_unreadable_file_by_mode(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    try:
        assert _reason(path).startswith("permission denied")
    finally:
        path.chmod(0o644)


def test_unknown_extension(tmp_path):
    (tmp_path / "data.xyz").write_text("x", encoding="utf-8")
    assert _reason(tmp_path / "data.xyz") == "unsupported file type .xyz"


def test_folder_instead_of_a_file(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    assert "folder" in _reason(tmp_path / "dir.txt")


def test_missing_file(tmp_path):
    assert _reason(tmp_path / "gone.txt").startswith("cannot read the file")


def test_empty_pdf(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert _reason(tmp_path / "empty.pdf") == "empty file"


def test_corrupt_pdf(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    assert _reason(tmp_path / "broken.pdf").startswith(("not a readable PDF", "PDF has no text layer"))
