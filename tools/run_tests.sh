#!/usr/bin/env bash
# Set up (tools/setup_env.sh), check the style (tools/lint.sh: flake8, isort,
# yapf, as setup.cfg configures them) and run the test suite on the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup_env.sh
export PATH="$PWD/.venv/bin:$PATH"
bash tools/lint.sh
python -m pytest tests -q "$@"
