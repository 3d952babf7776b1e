"""A qa.toml really drives the CLI: defaults < ./qa.toml < QA_* < options, on the real sample index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration]


def _search(cwd: Path, home: Path, *extra: str, **env_vars: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_") and k != "XDG_CONFIG_HOME"}
    env.update(HOME=str(home), PYTHONPATH=str(Path(__file__).resolve().parents[2]), **env_vars)
    result = subprocess.run([sys.executable, "-m", "qa.cli.main", "search", "Pentagon estimate", "--index", "kursk",
                             "--json", *extra], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_project_file_then_environment_then_option(kursk_index_master, tmp_path):
    project, home = tmp_path / "project", tmp_path / "home"
    project.mkdir()
    (home / ".config" / "qa").mkdir(parents=True)
    # the user file names the indexes folder; the project file overrides its k
    (home / ".config" / "qa" / "qa.toml").write_text(
        f'[index]\nindexes_dir = "{kursk_index_master.parent}"\n[retrieval]\nk = 5\n', encoding="utf-8")
    (project / "qa.toml").write_text("[retrieval]\nk = 3\n", encoding="utf-8")
    assert len(_search(project, home)["passages"]) == 3
    assert len(_search(project, home, QA_K="2")["passages"]) == 2
    assert len(_search(project, home, "--k", "4", QA_K="2")["passages"]) == 4
    assert len(_search(project, home, QA_CONFIG=str(home / ".config" / "qa" / "qa.toml"))["passages"]) == 5
