#!/usr/bin/env bash
# Reproduce the issue-17 atomic-flow numbers of configs/atomic_flow/README.md
# ("Measured here: the issue-17 protocols"), 3 seeds each. What the
# pretrainings' `downstream` lists cannot say: the k-means codebooks and the
# scratch recognizers. Then the benchmark suite trains each pretraining once
# per seed and runs its `downstream` jobs (fine-tuning, linear probe,
# retrieval / kNN) from that seed's checkpoint, and regenerates the README
# blocks and metafile.yml. Runs are recorded in configs/<dir>/logs/
# (tools/benchmarks/record_run.py); a recorded run is not repeated. Needs
# data/msr_action3d, data/natural_rgb and data/ud810 (README, "Data").
# About 4 hours on 2 cores, estimated from the runs of 2026-12-07 (each
# run's time.txt: a 100-epoch recognizer 6-6.5 min, an MSR pretraining
# 80-169 s, a natural-RGB one 4.8-5.5 min, a ud810 fine-tuning about 1 min).
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/atomic_flow
B=configs/baselines
PYTHON=${PYTHON:-python}
fit() {  # config, codebook file
  [ -f "$2" ] || $PYTHON tools/data/fit_codebook.py "$1" -k 32 \
      --pairs-per-video 16 --out "$2"
}
MSR=msr-action3d-depth-128x96px
fit $C/atomic-flow-bn-jitter-recognizer_convlstm-tiny_10x2x1-30e_$MSR.py \
    data/msr_action3d/codebook_kmeans32_3d_10x2x1_128x96px.npz
fit $C/atomic-flow-2d_convlstm-tiny_10x2x1-30e_$MSR.py \
    data/msr_action3d/codebook_kmeans32_2d_10x2x1_128x96px.npz
fit $C/atomic-flow-static-bg_convlstm-tiny_10x2x1-30e_$MSR.py \
    data/msr_action3d/codebook_kmeans32_3d_static-bg_10x2x1_128x96px.npz
fit $C/atomic-flow-static-bg-2d_convlstm-tiny_10x2x1-30e_$MSR.py \
    data/msr_action3d/codebook_kmeans32_2d_static-bg_10x2x1_128x96px.npz
fit $C/atomic-flow-2d_convlstm-tiny_10x2x1-150e_natural-rgb-112px.py \
    data/natural_rgb/codebook_kmeans32_2d_natural-rgb_10x2x1_112px.npz
# the scratch recognizers (no validation: MSR has only the test subjects)
for cfg in convlstm-bn-jitter convlstm-bn-jitter-ls convlstm-bn-jitter-ls-even; do
  for seed in 0 1 2; do
    $PYTHON tools/benchmarks/record_run.py \
      $B/${cfg}_convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px.py \
      --seed $seed --skip-recorded -- --no-validate
  done
done
# the paper's main setting and its ablations, with their downstream jobs
$PYTHON tools/benchmarks/run_benchmark.py --pretrain-seeds 0 1 2 \
    $C/atomic-flow-{bn-jitter-recognizer,3step,no-rebalance,2d}_convlstm-tiny_10x2x1-30e_$MSR.py
# the static-background targets: pretext only
$PYTHON tools/benchmarks/run_benchmark.py --pretrain-seeds 0 1 2 --tasks pretext \
    $C/atomic-flow-static-bg{,-2d}_convlstm-tiny_10x2x1-30e_$MSR.py
# natural RGB, 8 and 3 steps (ud810 fine-tuning and retrieval)
$PYTHON tools/benchmarks/run_benchmark.py --pretrain-seeds 0 1 2 \
    $C/atomic-flow-2d{,-3step}_convlstm-tiny_10x2x1-150e_natural-rgb-112px.py
