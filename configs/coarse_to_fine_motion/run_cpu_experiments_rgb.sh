#!/usr/bin/env bash
# Reproduce the RGB coarse-to-fine motion numbers in
# configs/coarse_to_fine_motion/README.md: self-supervised pretraining on the
# unlabelled RGB clips; motion quality on the 27 ud810 videos (validation,
# recorded in train.log) and end-point error on clips with known motion made
# from ud810's frames (test_metrics.json). Logs land in
# configs/coarse_to_fine_motion/logs/<config>/. Needs
# data/unlabeled/unlabeled_rgb_list.txt and data/ud810 (README, Data).
# About 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/coarse_to_fine_motion
PYTHON=${PYTHON:-python}
$PYTHON tools/data/make_synthetic_motion.py data/ud810/videos/*.avi \
    --out data/synthetic_motion/ud810_64px --frames 8 --size 64 64
CFG=$C/c2f-motion_resnext18-tiny_context_2xb8-8x2x1-150e_unlabeled-rgb-64px.py
if [ -f "$C/logs/$(basename "$CFG" .py)/test_metrics.json" ]; then
  echo "recorded already: $CFG"
else
  bash tools/train_test_record.sh "$CFG" 2
fi
