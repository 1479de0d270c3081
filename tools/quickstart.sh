#!/usr/bin/env bash
# The quick start: set up, then train and test the scratch recognizer on the
# real MSR Action3D clips shipped in tests/data, printing the test metrics.
# Training runs through tools/dist_train.sh with 2 processes (CPU: gloo).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup_env.sh
export PATH="$PWD/.venv/bin:$PATH"
CONFIG=configs/demo/r3d18_demo_2xb4-16x1x1-30e_msr-action3d-mini.py
WORK=work_dirs/demo
python tools/data/msr_action3d/convert.py --src tests/data/msr_action3d \
    --out $WORK/data | tail -n 1
bash tools/dist_train.sh $CONFIG 2 --work-dir $WORK --seed 0
python tools/test.py $CONFIG $WORK/epoch_30.pth --work-dir $WORK
echo "[quickstart] metrics of the last test run:"
cat "$(ls -td $WORK/*/ | head -n 1)test_metrics.json"
