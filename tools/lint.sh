#!/usr/bin/env bash
# The style checks of setup.cfg (MMAction2's: flake8, isort, yapf) over the
# project's Python files; exits non-zero on any finding. tools/run_tests.sh
# runs it before the tests, so CI does too. Fix formatting with
#   isort mmmotion tools tests configs demo && yapf -r -i mmmotion tools tests configs demo
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
PATHS=(mmmotion tools tests configs demo setup.py)
$PY -m flake8 "${PATHS[@]}"
$PY -m isort --check-only --diff "${PATHS[@]}"
$PY -m yapf -r -d "${PATHS[@]}" --exclude 'configs/**/logs/*' --exclude 'tests/data/*'
echo "[lint] flake8, isort and yapf: clean"
