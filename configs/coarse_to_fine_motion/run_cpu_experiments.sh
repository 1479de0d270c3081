#!/usr/bin/env bash
# Reproduce every CPU-scale coarse-to-fine motion number on MSR Action3D in
# configs/coarse_to_fine_motion/README.md. The benchmark suite trains the
# pretrainings on the training subjects' depth videos (labels unused; the
# context-guided, bilinear and deconv upsamplers and the R3D-18 encoder) and
# every job of their `downstream` lists (fine-tuning, linear probe,
# retrieval / kNN), and regenerates the README blocks and metafile.yml.
# Before it, what those lists cannot say: the motion stream (trained on
# motion computed by the context-guided pretraining) and the late fusion of
# the scratch depth stream with it (test only). Runs are recorded in
# configs/<dir>/logs/ (tools/benchmarks/record_run.py); a recorded run is not
# repeated. Needs data/msr_action3d (python tools/data/msr_action3d/convert.py).
# About 1.5 hours on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
C=configs/coarse_to_fine_motion
$PYTHON tools/benchmarks/run_benchmark.py $C/c2f-motion*_*_msr-action3d-depth-64px.py
# no validation while training: MSR Action3D has only the test subjects,
# which tools/test.py scores once at the end
SCRATCH=i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px
STREAM=motion-stream_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px
FUSE=late-fusion_resnext18-tiny_8x2x1_msr-action3d-depth-64px
$PYTHON tools/benchmarks/record_run.py $C/$STREAM.py --skip-recorded -- --no-validate
if [ ! -f "work_dirs/$SCRATCH/epoch_60.pth" ]; then
  $PYTHON tools/benchmarks/record_run.py configs/baselines/$SCRATCH.py -- --no-validate
fi
mkdir -p work_dirs/$FUSE
[ -f work_dirs/$FUSE/fused.pth ] || $PYTHON tools/model_converters/merge_stream_checkpoints.py \
  work_dirs/$FUSE/fused.pth work_dirs/$SCRATCH/epoch_60.pth work_dirs/$STREAM/epoch_60.pth
$PYTHON tools/benchmarks/record_run.py $C/$FUSE.py --skip-recorded --test-only work_dirs/$FUSE/fused.pth
$PYTHON tools/benchmarks/results.py table $C
