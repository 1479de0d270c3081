#!/usr/bin/env bash
# Linear probe on MSR Action3D cross-subject (depth): the frozen tiny
# ResNeXt3D-18 of each method's CPU-scale pretraining checkpoint (DynamoNet,
# coarse-to-fine motion) and of a random initialisation, under a linear
# classifier trained for 30 epochs on 2 processes, tested at video level.
# Logs land in configs/benchmarks/linear_probe/logs/<row>/; a recorded row is
# not repeated. Needs the checkpoints of the methods' run scripts. About 20
# minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
CFG=configs/benchmarks/linear_probe/resnext18-tiny_linear-probe_2xb8-8x2x1-30e_msr-action3d-depth-64px.py
W=work_dirs
row() {  # NAME CHECKPOINT|none
  if [ -f "configs/benchmarks/linear_probe/logs/$1/test_metrics.json" ]; then
    echo "recorded already: $1"; return
  fi
  local init="model.backbone.init_cfg.checkpoint=$2"
  if [ "$2" = none ]; then
    init="model.backbone.init_cfg=None"
  elif [ ! -f "$2" ]; then
    echo "missing checkpoint for $1: $2 (run the method's run script)" >&2
    return 1
  fi
  RUN_NAME=$1 bash tools/train_test_record.sh "$CFG" 2 --no-validate \
    --cfg-options "$init"
}
row resnext18-tiny_random-init none
row resnext18-tiny_dynamonet-fp-pretrained \
  $W/dynamonet_resnext18-tiny_fp-pretrain_2xb8-8+1x2x1-60e_msr-action3d-train-unlabeled-depth-64px/epoch_60.pth
row resnext18-tiny_c2f-motion-pretrained \
  $W/c2f-motion_resnext18-tiny_context_2xb8-8x2x1-40e_msr-action3d-train-depth-64px/epoch_40.pth
