#!/usr/bin/env bash
# Set up if needed, then run the test suite and the kursk regression gate.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
# The browser test drives Debian's Chromium; install it when we can (root + apt), else that test skips.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1)) \
    || echo "note: could not install chromium; the browser test will be skipped" >&2
fi
.venv/bin/python -m pytest "$@"
# Regression gate on the hand-written kursk question set (exit 9 on a regression).
rm -rf .eval-ci && mkdir -p .eval-ci
.venv/bin/qa ingest eval/datasets/kursk/articles --index .eval-ci/index --quiet
.venv/bin/qa eval eval/datasets/kursk/questions.jsonl --index .eval-ci/index --out .eval-ci/run \
  --check eval/baselines/kursk.json
