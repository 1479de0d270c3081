#!/usr/bin/env bash
# The whole CPU testbed (issue 14) on SEEDS (default "0 1 2"): the reference
# rows (tools/benchmarks/reference_rows.sh), then every current pretraining
# chain, each pretraining trained once a seed and its downstream jobs run on
# that seed (run_benchmark.py --pretrain-seeds). Recorded seeds are
# collected, not rerun, so the script resumes where it stopped. Give
# configs as arguments to run only those chains. One job at a time: two
# trainings on 2 cores distort each other's timings.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
SEEDS=${SEEDS:-0 1 2}
CHAINS=(
  configs/coarse_to_fine_motion/c2f-motion_resnext18-tiny_8x3x1-30e_msr-action3d-depth-96px.py
  configs/dynamonet/dynamonet-fp_resnext18-tiny_8+1x3x1-60e_msr-action3d-depth-96px.py
  configs/atomic_flow/atomic-flow-bn-jitter-recognizer_convlstm-tiny_10x2x1-30e_msr-action3d-depth-128x96px.py
  configs/coarse_to_fine_motion/c2f-motion_resnext18-tiny_8x2x1-150e_natural-rgb-112px.py
  configs/dynamonet/dynamonet-fp_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.py
  configs/atomic_flow/atomic-flow-2d_convlstm-tiny_10x2x1-150e_natural-rgb-112px.py
)
if [ $# -gt 0 ]; then CHAINS=("$@"); else
  SEEDS="$SEEDS" PYTHON=$PYTHON bash tools/benchmarks/reference_rows.sh
fi
for cfg in "${CHAINS[@]}"; do
  # shellcheck disable=SC2086
  $PYTHON tools/benchmarks/run_benchmark.py "$cfg" --pretrain-seeds $SEEDS \
    --port "${PORT:-29500}"
done
