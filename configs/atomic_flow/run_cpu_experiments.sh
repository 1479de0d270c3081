#!/usr/bin/env bash
# Reproduce every CPU-scale atomic-flow number on MSR Action3D (depth) in
# configs/atomic_flow/README.md. What the pretrainings' `downstream` lists
# cannot say: the two k-means codebooks and the scratch recognizer. Then the
# benchmark suite trains each pretraining (main, 3 steps, 2D targets, uniform
# and learnable codebooks, no rebalancing) and every job of its `downstream`
# list (fine-tuning, linear probe, retrieval / kNN), and regenerates the
# README blocks and metafile.yml. Runs are recorded in configs/<dir>/logs/
# (tools/benchmarks/record_run.py); a recorded run is not repeated. Needs
# data/msr_action3d (python tools/data/msr_action3d/convert.py).
# About 1.5 hours on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/atomic_flow
PYTHON=${PYTHON:-python}
[ -f data/msr_action3d/codebook_kmeans32_3d.npz ] || $PYTHON tools/data/fit_codebook.py \
    $C/atomic-flow_convlstm-tiny_kmeans32-8step_2xb8-40e_msr-action3d-train-depth-64x48.py \
    -k 32 --out data/msr_action3d/codebook_kmeans32_3d.npz
[ -f data/msr_action3d/codebook_kmeans32_2d.npz ] || $PYTHON tools/data/fit_codebook.py \
    $C/atomic-flow_convlstm-tiny_kmeans32-2d-8step_2xb8-40e_msr-action3d-train-depth-64x48.py \
    -k 32 --out data/msr_action3d/codebook_kmeans32_2d.npz
# no validation: MSR Action3D has only the test subjects, scored at the end
$PYTHON tools/benchmarks/record_run.py \
  $C/convlstm-tiny_scratch_2xb8-16x1x1-60e_msr-action3d-depth-64x48.py --skip-recorded -- --no-validate
$PYTHON tools/benchmarks/run_benchmark.py $C/atomic-flow_convlstm-tiny_*_2xb8-40e_msr-action3d-train-depth-64x48.py
