#!/usr/bin/env bash
# Create .venv and install qa with everything it needs, offline models included (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
stamp=.venv/.qa-installed
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
if ! [ -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  # torch first and exactly: this version is a local CPU wheel here; a looser spec pulls CUDA builds.
  .venv/bin/python -m pip install -q torch==2.13.0
  .venv/bin/python -m pip install -q -e '.[dev]'
  echo "$want" > "$stamp"
fi
# qa's bytecode, as a regular pip install would write it: an editable install leaves the source tree
# uncompiled, and where PYTHONDONTWRITEBYTECODE is set every `qa` process compiled it again (~180 ms of a
# cold `qa ask`, eval/bench/query.md). Only changed files are compiled again.
.venv/bin/python -m compileall -q qa >/dev/null
