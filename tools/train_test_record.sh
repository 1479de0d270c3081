#!/usr/bin/env bash
# Train a config on N processes, test its last checkpoint at video level, and
# copy the logs and metrics next to the config, where a README table cites
# them:  tools/train_test_record.sh CONFIG [N=2] [extra train.py args...]
# Writes configs/<method>/logs/<config name>/{train.log,test.log,
# test_metrics.json,time.txt}. Runs from the project root; uses PYTHON or the
# python on PATH. RUN_NAME=<name> records under logs/<name> instead (several
# runs of one config, e.g. a linear probe of each pretraining checkpoint);
# RECORD_ROOT=<dir> writes <dir>/configs/... instead of the project's (a
# rerun to compare with the recorded numbers). Tests on the same N processes
# (tools/dist_test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=$1
NPROC=${2:-2}
NAME=${RUN_NAME:-$(basename "$CONFIG" .py)}
WORK=${WORK_ROOT:-work_dirs}/$NAME
OUT=${RECORD_ROOT:-.}/$(dirname "$CONFIG")/logs/$NAME
PYTHON=${PYTHON:-python}
mkdir -p "$OUT"
start=$(date +%s)
PORT=${PORT:-29500} bash tools/dist_train.sh "$CONFIG" "$NPROC" --work-dir "$WORK" --seed 0 "${@:3}"
end=$(date +%s)
CKPT=$(ls -t "$WORK"/epoch_*.pth | head -n 1)
PORT=${PORT:-29500} bash tools/dist_test.sh "$CONFIG" "$CKPT" "$NPROC" --work-dir "$WORK/test"
TRAIN_LOG=$(ls -t "$WORK"/*/*.log | grep -v "/test/" | head -n 1)
TEST_DIR=$(ls -td "$WORK"/test/*/ | head -n 1)
cp "$TRAIN_LOG" "$OUT/train.log"
cp "$TEST_DIR"/*.log "$OUT/test.log"
cp "$TEST_DIR/test_metrics.json" "$OUT/test_metrics.json"
{
  echo "config: $CONFIG"
  echo "checkpoint tested: $CKPT"
  echo "processes: $NPROC"
  echo "extra train.py arguments: ${*:3}"
  echo "train wall-clock seconds: $((end - start))"
  echo "machine: $(nproc) CPU cores, $(python -c 'import torch;print("cuda" if torch.cuda.is_available() else "no GPU")' 2>/dev/null), torch $($PYTHON -c 'import torch;print(torch.__version__)')"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
} > "$OUT/time.txt"
cat "$OUT/test_metrics.json"
