#!/usr/bin/env bash
# Set up (tools/setup_env.sh) and run the test suite on the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup_env.sh
export PATH="$PWD/.venv/bin:$PATH"
python -m pytest tests -q "$@"
