#!/usr/bin/env bash
# The reference rows of docs/results.md that no pretraining produces, on
# every seed of SEEDS (default "0 1 2"): a randomly initialised backbone
# (retrieval / kNN, linear probe) and the supervised scratch recognizers
# (fine-tuned top-1; their backbones' retrieval / kNN), on MSR Action3D
# cross-subject (depth) and ud810 leave-one-person-out (RGB). The
# self-supervised rows come from tools/benchmarks/run_benchmark.py.
#
# Every row is recorded by tools/benchmarks/record_run.py (seed N > 0 in
# <row>/seedN/); a recorded seed is not repeated. A random initialisation of
# seed N is drawn with --cfg-options randomness.seed=N (the seed-0 retrieval
# rows recorded before seeds were recorded drew theirs unseeded). The scratch
# retrieval row of seed N tests the scratch recognizer of seed N, which this
# script trains first. On 2 cores: about 85 minutes a seed with the R3D-18
# scratch row, 45 without (SKIP_R3D=1; the issue-17 ConvLSTM scratch row is
# 10-13 of them).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
SEEDS=${SEEDS:-0 1 2}
PORT=${PORT:-29500}
REC="$PYTHON tools/benchmarks/record_run.py --port $PORT --skip-recorded"
B=configs/benchmarks/retrieval
LPD=configs/benchmarks/linear_probe
BL=configs/baselines
R3=$B/retrieval_resnext18-tiny_8x2x1_msr-action3d-depth-64px.py
CL=$B/retrieval_convlstm-tiny_16x1x1_msr-action3d-depth-64x48px.py
SCRATCH=i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px
for s in $SEEDS; do
  sfx=$([ "$s" = 0 ] && echo "" || echo "_seed$s")
  rnd=(-- --cfg-options randomness.seed=$s)
  # supervised from scratch (fine-tuned top-1)
  $REC $BL/$SCRATCH.py --seed $s
  $REC $BL/convlstm_convlstm-tiny_16x1x1-60e_msr-action3d-depth-64x48px.py --seed $s
  $REC $BL/convlstm-bn-jitter_convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px.py --seed $s
  $REC $BL/convlstm-bn-jitter-ls_convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px.py --seed $s
  $REC $BL/convlstm-bn-jitter-ls-even_convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px.py --seed $s
  [ "${SKIP_R3D:-0}" = 1 ] || \
    $REC $BL/i3d_r3d18_16x1x1-100e_msr-action3d-depth-64px.py --seed $s
  for fold in 1 2 3; do
    $REC $BL/i3d_resnext18-tiny_8x2x1-60e_ud810-fold$fold-rgb-64px.py --seed $s
    $REC $BL/convlstm_convlstm-tiny_16x1x1-60e_ud810-fold$fold-rgb-64px.py --seed $s
  done
  # retrieval / kNN: random initialisation, the scratch backbone
  $REC $R3 --run-name resnext18-tiny_random-init --seed $s --test-only none "${rnd[@]}"
  $REC $R3 --run-name resnext18-tiny_supervised-scratch --seed $s \
    --test-only work_dirs/$SCRATCH$sfx/epoch_60.pth
  $REC $CL --run-name convlstm-tiny_random-init --seed $s --test-only none "${rnd[@]}"
  for fold in 1 2 3; do
    $REC $B/retrieval_resnext18-tiny_8x2x1_ud810-fold$fold-rgb-64px.py \
      --run-name resnext18-tiny_random-init_ud810-fold$fold --seed $s \
      --test-only none "${rnd[@]}"
    $REC $B/retrieval_convlstm-tiny_16x1x1_ud810-fold$fold-rgb-64px.py \
      --run-name convlstm-tiny_random-init_ud810-fold$fold --seed $s \
      --test-only none "${rnd[@]}"
  done
  # linear probe of a random initialisation (frozen random backbone)
  $REC $LPD/linear-probe_resnext18-tiny_8x2x1-30e_msr-action3d-depth-64px.py \
    --run-name resnext18-tiny_random-init --seed $s \
    -- --no-validate --cfg-options model.backbone.init_cfg=None
  $REC $LPD/linear-probe_convlstm-tiny_16x1x1-30e_msr-action3d-depth-64x48px.py \
    --run-name convlstm-tiny_random-init --seed $s \
    -- --no-validate --cfg-options model.backbone.encoder.init_cfg=None
  for fold in 1 2 3; do
    $REC $LPD/linear-probe_resnext18-tiny_8x2x1-30e_ud810-fold$fold-rgb-64px.py \
      --run-name resnext18-tiny_random-init_ud810-fold$fold --seed $s \
      -- --no-validate --cfg-options model.backbone.init_cfg=None
  done
done
