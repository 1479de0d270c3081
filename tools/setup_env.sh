#!/usr/bin/env bash
# Create .venv (if missing) and install mmmotion with its pinned stack.
# Never pulls a CUDA build of torch onto a machine without an NVIDIA GPU: there
# it asks for the CPU build (torch==2.13.0+cpu) explicitly. Override with
# TORCH_SPEC="torch==..." (e.g. the build for your CUDA on a GPU cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
PIP=".venv/bin/python -m pip"
if [ -z "${TORCH_SPEC:-}" ]; then
  if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
    TORCH_SPEC="torch==2.13.0"
  else
    TORCH_SPEC="torch==2.13.0+cpu"
  fi
fi
if ! .venv/bin/python -c "import torch" >/dev/null 2>&1; then
  echo "[setup] installing $TORCH_SPEC"
  $PIP install -q "$TORCH_SPEC" || true
  .venv/bin/python -c "import torch" || {
    echo "[setup] could not install $TORCH_SPEC; for a CPU-only build from the PyTorch index run:" >&2
    echo "  $PIP install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" >&2
    exit 1; }
fi
echo "[setup] installing mmmotion and its requirements"
$PIP install -q -r requirements.txt -e .
.venv/bin/python -c "import mmmotion, torch; print('[setup] mmmotion', mmmotion.__version__, 'torch', torch.__version__)"
