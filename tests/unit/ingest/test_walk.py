"""Walking folders: deterministic order, globs, document ids, and problems as warnings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa.ingest import walk as walk_module
from qa.ingest.walk import WalkItem, walk

INCLUDE = ("*.txt", "*.md", "*.html", "*.pdf", "*.jsonl")
EXCLUDE = (".*", "*/.*", "*~")


def _tree(root: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content, encoding="utf-8")


def _ok(items: list[WalkItem]) -> list[str]:
    return [i.doc_id for i in items if i.warning is None]


def _warnings(items: list[WalkItem]) -> list[str]:
    return [i.warning.reason for i in items if i.warning is not None]


def test_walks_recursively_in_sorted_order_with_relative_ids(tmp_path):
    _tree(tmp_path, {"b.txt": "b", "a.md": "a", "sub/story.html": "s", "sub/deeper/z.jsonl": "{}", "c.log": "x"})
    items = list(walk([tmp_path], INCLUDE, EXCLUDE))
    assert _ok(items) == ["a", "b", "sub/deeper/z", "sub/story"]
    assert _warnings(items) == []  # c.log does not match include: silently not taken
    assert items[0].path == tmp_path / "a.md"


def test_walk_is_deterministic(tmp_path):
    _tree(tmp_path, {f"d{i % 3}/f{i}.txt": "x" for i in range(20)})
    first = list(walk([tmp_path], INCLUDE, EXCLUDE))
    assert first == list(walk([tmp_path], INCLUDE, EXCLUDE))


def test_exclude_skips_hidden_files_and_folders(tmp_path):
    _tree(tmp_path, {"keep.txt": "k", ".hidden.txt": "h", ".git/objects/x.txt": "g", "notes.txt~": "b", "drafts/x.txt": "d"})
    items = list(walk([tmp_path], INCLUDE, EXCLUDE))
    assert _ok(items) == ["drafts/x", "keep"]
    items = list(walk([tmp_path], INCLUDE, (*EXCLUDE, "drafts")))
    assert _ok(items) == ["keep"]


def test_globs_match_relative_paths_too(tmp_path):
    _tree(tmp_path, {"2024/a.txt": "a", "2023/b.txt": "b"})
    assert _ok(list(walk([tmp_path], ("2024/*",), ()))) == ["2024/a"]


def test_explicit_file_is_taken_even_if_include_does_not_match(tmp_path):
    _tree(tmp_path, {"story.md": "x"})
    items = list(walk([tmp_path / "story.md"], ("*.txt",), ("*.md",)))
    assert items == [WalkItem(tmp_path / "story.md", "story", None)]


def test_unknown_extension_gives_a_warning(tmp_path):
    _tree(tmp_path, {"data.xyz": "x", "ok.txt": "y"})
    items = list(walk([tmp_path / "data.xyz"], INCLUDE, EXCLUDE))
    assert _warnings(items) == ["unsupported file type .xyz"]
    assert "data.xyz" in items[0].warning.path
    # inside a folder, with an include that lets it through
    items = list(walk([tmp_path], ("*",), ()))
    assert _ok(items) == ["ok"]
    assert _warnings(items) == ["unsupported file type .xyz"]


def test_missing_path_warns_and_the_rest_is_walked(tmp_path):
    _tree(tmp_path, {"a.txt": "a"})
    items = list(walk([tmp_path / "nope", tmp_path], INCLUDE, EXCLUDE))
    assert _warnings(items) == ["no such file or folder"]
    assert _ok(items) == ["a"]


def test_symlink_loop_warns_and_walking_goes_on(tmp_path):
    _tree(tmp_path, {"a/one.txt": "1", "b/two.txt": "2"})
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")  # a/loop -> a
    os.symlink("self", tmp_path / "b" / "self")  # a link to itself
    items = list(walk([tmp_path], ("*",), ()))
    assert _ok(items) == ["a/one", "b/two"]
    reasons = _warnings(items)
    assert len(reasons) == 2 and all("loop" in r for r in reasons), reasons
    # an explicit self-link
    assert "loop" in _warnings(list(walk([tmp_path / "b" / "self"], INCLUDE, EXCLUDE)))[0]


def test_broken_symlink_warns(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    assert _warnings(list(walk([tmp_path], INCLUDE, EXCLUDE))) == ["broken symbolic link"]


def test_same_folder_through_two_links_is_walked_once(tmp_path):
    _tree(tmp_path, {"real/a.txt": "a"})
    os.symlink(tmp_path / "real", tmp_path / "zlink")
    items = list(walk([tmp_path], INCLUDE, EXCLUDE))
    assert _ok(items) == ["real/a"]
    assert len(_warnings(items)) == 1 and "same folder" in _warnings(items)[0]


def test_unreadable_folder_warns_and_walking_goes_on(tmp_path, monkeypatch):
    _tree(tmp_path, {"locked/a.txt": "a", "open/b.txt": "b"})
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(walk_module.os, "scandir", scandir)
    items = list(walk([tmp_path], INCLUDE, EXCLUDE))
    assert _ok(items) == ["open/b"]
    assert _warnings(items) == ["cannot read folder: permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_folder_by_mode(tmp_path):
    _tree(tmp_path, {"locked/a.txt": "a", "open/b.txt": "b"})
    (tmp_path / "locked").chmod(0)
    try:
        items = list(walk([tmp_path], INCLUDE, EXCLUDE))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert _ok(items) == ["open/b"]
    assert "permission denied" in _warnings(items)[0]


def test_single_file_id_is_its_stem(tmp_path):
    _tree(tmp_path, {"sub/000_130b95970b212a7e.txt": "x"})
    items = list(walk([tmp_path / "sub" / "000_130b95970b212a7e.txt"], INCLUDE, EXCLUDE))
    assert _ok(items) == ["000_130b95970b212a7e"]


def test_colliding_ids_keep_the_extension(tmp_path):
    _tree(tmp_path, {"story.md": "m", "story.txt": "t"})
    items = list(walk([tmp_path], INCLUDE, EXCLUDE))
    assert _ok(items) == ["story", "story.txt"]
    assert len(set(_ok(list(walk([tmp_path, tmp_path / "story.md"], INCLUDE, EXCLUDE))))) == 3


def test_a_file_name_that_is_not_utf8_is_a_printable_warning(tmp_path):
    _tree(tmp_path, {"good.txt": "text"})
    (Path(os.fsdecode(bytes(tmp_path))) / os.fsdecode(b"caf\xe9.txt")).write_text("text", encoding="utf-8")
    items = list(walk([tmp_path], INCLUDE, EXCLUDE))
    assert _ok(items) == ["good"]
    bad = [i.warning for i in items if i.warning is not None]
    assert len(bad) == 1 and bad[0].reason == "file name is not valid UTF-8, skipped (rename the file)"
    assert bad[0].path == f"{tmp_path}/caf\ufffd.txt"
    bad[0].path.encode("utf-8")  # printable and storable
