#!/usr/bin/env bash
# Reproduce the RGB atomic-flow numbers in configs/atomic_flow/README.md. What
# the pretraining's `downstream` list cannot say: the RGB codebook and the
# ud810 scratch recognizer of each fold. Then the benchmark suite trains the
# pretraining on the unlabelled RGB clips (2D targets) and every job of its
# `downstream` list (fine-tuning on the three ud810 leave-one-person-out
# folds, retrieval / kNN). Runs are recorded in configs/<dir>/logs/
# (tools/benchmarks/record_run.py); a recorded run is not repeated. Needs
# data/unlabeled/unlabeled_rgb_list.txt and data/ud810 (see the README's Data
# section). About 30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/atomic_flow
PYTHON=${PYTHON:-python}
PRE=$C/atomic-flow-2d_convlstm-tiny_10x1x1-150e_unlabeled-rgb-64x48px.py
[ -f data/unlabeled/codebook_kmeans32_rgb_2d.npz ] || $PYTHON tools/data/fit_codebook.py \
    $PRE -k 32 --out data/unlabeled/codebook_kmeans32_rgb_2d.npz
for fold in 1 2 3; do
  $PYTHON tools/benchmarks/record_run.py \
    configs/baselines/convlstm_convlstm-tiny_16x1x1-60e_ud810-fold${fold}-rgb-64px.py --skip-recorded -- --no-validate
done
$PYTHON tools/benchmarks/run_benchmark.py $PRE
