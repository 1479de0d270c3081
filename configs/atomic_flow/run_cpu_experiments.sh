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
    $C/atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py \
    -k 32 --out data/msr_action3d/codebook_kmeans32_3d.npz
[ -f data/msr_action3d/codebook_kmeans32_2d.npz ] || $PYTHON tools/data/fit_codebook.py \
    $C/atomic-flow-2d_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py \
    -k 32 --out data/msr_action3d/codebook_kmeans32_2d.npz
# no validation: MSR Action3D has only the test subjects, scored at the end
$PYTHON tools/benchmarks/record_run.py \
  configs/baselines/convlstm_convlstm-tiny_16x1x1-60e_msr-action3d-depth-64x48px.py --skip-recorded -- --no-validate
$PYTHON tools/benchmarks/run_benchmark.py $C/atomic-flow*_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py
