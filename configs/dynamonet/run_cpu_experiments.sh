#!/usr/bin/env bash
# Reproduce every CPU-scale DynamoNet number in configs/dynamonet/README.md
# (MSR Action3D cross-subject, depth). What the pretraining's `downstream`
# list cannot say: (a) scratch, (b) joint FP + classification and (c)
# alpha = 0, which start from no pretraining. Then the benchmark suite trains
# (d) the FP pretraining and every job of its `downstream` list (joint
# fine-tuning, linear probe, retrieval / kNN) and regenerates the README
# blocks and metafile.yml. Each run trains on 2 processes and is recorded in
# configs/<dir>/logs/<run>/ (tools/benchmarks/record_run.py); a recorded run
# is not repeated. No validation while training: MSR Action3D has only the
# test subjects, scored once at the end. Needs data/msr_action3d
# (python tools/data/msr_action3d/convert.py). About 2 hours on 2 cores (3 seeds of (a), (b) and (c)).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
C=configs/dynamonet
for cfg in \
    configs/baselines/i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px \
    $C/dynamonet-joint_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px \
    $C/dynamonet-joint-alpha0_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px; do
  for seed in 0 1 2; do
    $PYTHON tools/benchmarks/record_run.py $cfg.py --seed $seed --skip-recorded -- --no-validate
  done
done
$PYTHON tools/benchmarks/run_benchmark.py $C/dynamonet-fp_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px.py
# Issue 16 on MSR depth at 96 px: global filters, global with camera motion
# and local filters with skips on one Adam recipe, 3 seeds each, with the
# oracle test, the linear probe and retrieval / kNN (about 15 min a config).
for c in dynamonet-fp-adam dynamonet-fp-camera-motion-adam dynamonet-fp-local-skips-adam; do
  $PYTHON tools/benchmarks/run_benchmark.py $C/${c}_resnext18-tiny_2xb2-8+1x3x1-30e_msr-action3d-depth-96px.py \
      --pretrain-seeds 0 1 2 --tasks pretext linear-probe retrieval
done
