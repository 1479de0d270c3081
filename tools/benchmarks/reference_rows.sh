#!/usr/bin/env bash
# The reference rows of docs/results.md that no pretraining produces: a
# randomly initialised backbone (retrieval / kNN, linear probe) and the
# supervised scratch recognizer's backbone (retrieval / kNN), on MSR Action3D
# cross-subject (depth) and, for retrieval, ud810 leave-one-person-out (RGB).
# The self-supervised rows come from tools/benchmarks/run_benchmark.py.
# Each row lands in configs/benchmarks/{retrieval,linear_probe}/logs/<row>/;
# a recorded row is not repeated. The supervised row needs the scratch
# checkpoint of configs/dynamonet/run_cpu_experiments.sh. About 10 minutes
# on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
B=configs/benchmarks/retrieval
R3=$B/retrieval_resnext18-tiny_8x2x1_msr-action3d-depth-64px.py
CL=$B/retrieval_convlstm-tiny_16x1x1_msr-action3d-depth-64x48px.py
W=work_dirs
row() {  # NAME CONFIG CHECKPOINT|none
  local out=$B/logs/$1
  if [ -f "$out/test_metrics.json" ]; then echo "recorded already: $1"; return; fi
  if [ "$3" != none ] && [ ! -f "$3" ]; then
    echo "missing checkpoint for $1: $3 (run the method's run script)" >&2
    return 1
  fi
  mkdir -p "$out"
  $PYTHON tools/test.py "$2" "$3" --work-dir "$W/retrieval/$1"
  local dir
  dir=$(ls -td "$W/retrieval/$1"/*/ | head -n 1)
  cp "$dir"/*.log "$out/test.log"
  cp "$dir/test_metrics.json" "$out/test_metrics.json"
  { echo "config: $2"; echo "checkpoint: $3"; } > "$out/checkpoint.txt"
}
row resnext18-tiny_random-init $R3 none
row resnext18-tiny_supervised-scratch $R3 \
  $W/i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px/epoch_60.pth
row convlstm-tiny_random-init $CL none
for fold in 1 2 3; do
  row resnext18-tiny_random-init_ud810-fold$fold \
    $B/retrieval_resnext18-tiny_8x2x1_ud810-fold$fold-rgb-64px.py none
  row convlstm-tiny_random-init_ud810-fold$fold \
    $B/retrieval_convlstm-tiny_16x1x1_ud810-fold$fold-rgb-64px.py none
done
# linear probe of a random initialisation (frozen random backbone)
LP=configs/benchmarks/linear_probe/linear-probe_resnext18-tiny_8x2x1-30e_msr-action3d-depth-64px.py
$PYTHON tools/benchmarks/record_run.py "$LP" --run-name resnext18-tiny_random-init \
  --skip-recorded -- --no-validate --cfg-options model.backbone.init_cfg=None
LPC=configs/benchmarks/linear_probe/linear-probe_convlstm-tiny_16x1x1-30e_msr-action3d-depth-64x48px.py
$PYTHON tools/benchmarks/record_run.py "$LPC" --run-name convlstm-tiny_random-init \
  --skip-recorded -- --no-validate --cfg-options model.backbone.encoder.init_cfg=None
