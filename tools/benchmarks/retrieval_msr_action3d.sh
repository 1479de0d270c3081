#!/usr/bin/env bash
# Clip retrieval and kNN classification on MSR Action3D cross-subject
# (depth) from the backbone of each method's CPU-scale pretraining
# checkpoint, beside a randomly initialised backbone and the supervised
# scratch recognizer's backbone. Each row is one tools/test.py run of a
# configs/benchmarks/retrieval/ config; its log and metrics land in
# configs/benchmarks/retrieval/logs/<row>/. A recorded row is not repeated.
# Needs the checkpoints of the methods' run scripts
# (configs/*/run_cpu_experiments.sh). About 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
B=configs/benchmarks/retrieval
R3=$B/retrieval_resnext18-tiny_msr-action3d-depth-64px.py
CL=$B/retrieval_convlstm-tiny_msr-action3d-depth-64x48.py
W=work_dirs
row() {  # NAME CONFIG CHECKPOINT
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
  $W/resnext18-tiny_scratch_2xb8-8x2x1-60e_msr-action3d-depth-64px/epoch_60.pth
row resnext18-tiny_dynamonet-fp-pretrained $R3 \
  $W/dynamonet_resnext18-tiny_fp-pretrain_2xb8-8+1x2x1-60e_msr-action3d-train-unlabeled-depth-64px/epoch_60.pth
row resnext18-tiny_c2f-motion-pretrained $R3 \
  $W/c2f-motion_resnext18-tiny_context_2xb8-8x2x1-40e_msr-action3d-train-depth-64px/epoch_40.pth
row convlstm-tiny_random-init $CL none
row convlstm-tiny_atomic-flow-pretrained $CL \
  $W/atomic-flow_convlstm-tiny_kmeans32-8step_2xb8-40e_msr-action3d-train-depth-64x48/epoch_40.pth
