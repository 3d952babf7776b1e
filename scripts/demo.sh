#!/usr/bin/env bash
# Set up, index the bundled sample articles, and answer the sample question.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/qa ingest eval/datasets/kursk/articles --index kursk
.venv/bin/qa ask "How many North Korean troops were reported in Kursk?" --index kursk
