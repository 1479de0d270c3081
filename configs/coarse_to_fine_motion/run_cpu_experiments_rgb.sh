#!/usr/bin/env bash
# Reproduce the RGB coarse-to-fine motion numbers in
# configs/coarse_to_fine_motion/README.md. What the pretraining's
# `downstream` list cannot say: the clips with known motion made from ud810's
# frames (its test set: end-point error) and the ud810 scratch baseline the
# fine-tuning is compared with. Then the benchmark suite trains the
# pretraining on the unlabelled RGB clips (motion quality on the 27 ud810
# videos, validation in train.log) and every job of its `downstream` list.
# Runs are recorded in configs/<dir>/logs/ (tools/benchmarks/record_run.py);
# a recorded run is not repeated. Needs data/unlabeled/unlabeled_rgb_list.txt
# and data/ud810 (README, Data). About 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/coarse_to_fine_motion
PYTHON=${PYTHON:-python}
$PYTHON tools/data/make_synthetic_motion.py data/ud810/videos/*.avi \
    --out data/synthetic_motion/ud810_64px --frames 8 --size 64 64
for fold in 1 2 3; do
  $PYTHON tools/benchmarks/record_run.py \
    configs/baselines/i3d_resnext18-tiny_8x2x1-60e_ud810-fold${fold}-rgb-64px.py --skip-recorded -- --no-validate
done
$PYTHON tools/benchmarks/run_benchmark.py $C/c2f-motion_resnext18-tiny_8x2x1-150e_unlabeled-rgb-64px.py
