#!/usr/bin/env bash
# The quick start: set up, then train and test the scratch recognizer on the
# real MSR Action3D clips shipped in tests/data, printing the test metrics.
# Training runs through tools/dist_train.sh with 2 processes (CPU: gloo).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup_env.sh
export PATH="$PWD/.venv/bin:$PATH"
CONFIG=configs/demo/r3d18_demo_2xb2-16x1x1-80e_msr-action3d-mini.py
WORK=work_dirs/demo
python tools/data/msr_action3d/convert.py --src tests/data/msr_action3d \
    --out $WORK/data | tail -n 1
bash tools/dist_train.sh $CONFIG 2 --work-dir $WORK --seed 0
# the 11 training clips (what the model fitted), then the 10 held-out ones
python tools/test.py $CONFIG $WORK/epoch_80.pth --work-dir $WORK/on_train \
    --cfg-options test_dataloader.dataset.ann_file=$WORK/data/msr_action3d_train_list.txt
python tools/test.py $CONFIG $WORK/epoch_80.pth --work-dir $WORK/on_test
echo "[quickstart] training subjects (11 clips):"
cat "$(ls -td $WORK/on_train/*/ | head -n 1)test_metrics.json"; echo
echo "[quickstart] held-out subjects (10 clips, 4 actions: chance is 0.25):"
cat "$(ls -td $WORK/on_test/*/ | head -n 1)test_metrics.json"
