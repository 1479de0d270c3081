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
# (python tools/data/msr_action3d/convert.py). About 1.5 hours on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
C=configs/dynamonet
for cfg in \
    configs/baselines/i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px \
    $C/dynamonet-joint_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px \
    $C/dynamonet-joint-alpha0_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px; do
  $PYTHON tools/benchmarks/record_run.py $cfg.py --skip-recorded -- --no-validate
done
$PYTHON tools/benchmarks/run_benchmark.py $C/dynamonet-fp_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px.py
