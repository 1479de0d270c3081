#!/usr/bin/env bash
# Reproduce every CPU-scale coarse-to-fine motion number on MSR Action3D in
# configs/coarse_to_fine_motion/README.md: self-supervised pretraining on the
# training subjects' depth videos (labels unused) with the context-guided,
# bilinear and deconv upsamplers (held-out motion quality beside DIS,
# Farneback and zero motion); cross-subject fine-tuning from each; the motion
# stream; late fusion of the depth stream and the motion stream. Logs land in
# configs/coarse_to_fine_motion/logs/<config>/. Needs data/msr_action3d
# (python tools/data/msr_action3d/convert.py) and the scratch row of
# configs/dynamonet (its run script trains it when missing).
# About 1.5 hours on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/coarse_to_fine_motion
D=configs/dynamonet
SCRATCH=resnext18-tiny_scratch_2xb8-8x2x1-60e_msr-action3d-depth-64px
run() {  # CONFIG [train.py args]: a recorded run is not repeated
  if [ -f "$C/logs/$(basename "$1" .py)/test_metrics.json" ]; then
    echo "recorded already: $1"; return
  fi
  bash tools/train_test_record.sh "$@"
}
for up in context bilinear deconv; do
  run $C/c2f-motion_resnext18-tiny_${up}_2xb8-8x2x1-40e_msr-action3d-train-depth-64px.py 2
done
# no validation while fine-tuning: MSR Action3D has only the test subjects,
# which tools/test.py scores once at the end
run $C/resnext18-tiny_c2f-motion-pretrained_2xb8-8x2x1-60e_msr-action3d-depth-64px.py 2 --no-validate
run $C/resnext18-tiny_motion-stream_2xb8-8x2x1-60e_msr-action3d-depth-64px.py 2 --no-validate
# late fusion (test only) of the scratch depth stream and the motion stream
if [ ! -f "work_dirs/$SCRATCH/epoch_60.pth" ]; then
  bash tools/train_test_record.sh $D/$SCRATCH.py 2 --no-validate
fi
FUSE=late-fusion_depth-scratch+motion-stream_msr-action3d-depth-64px
if [ ! -f "$C/logs/$FUSE/test_metrics.json" ]; then
  mkdir -p work_dirs/$FUSE $C/logs/$FUSE
  python tools/model_converters/merge_stream_checkpoints.py \
    work_dirs/$FUSE/fused.pth work_dirs/$SCRATCH/epoch_60.pth \
    work_dirs/resnext18-tiny_motion-stream_2xb8-8x2x1-60e_msr-action3d-depth-64px/epoch_60.pth
  python tools/test.py $C/$FUSE.py work_dirs/$FUSE/fused.pth --work-dir work_dirs/$FUSE/test
  TEST_DIR=$(ls -td work_dirs/$FUSE/test/*/ | head -n 1)
  cp "$TEST_DIR"/*.log $C/logs/$FUSE/test.log
  cp "$TEST_DIR/test_metrics.json" $C/logs/$FUSE/test_metrics.json
fi
# the upsampler ablation, downstream
for up in bilinear deconv; do
  run $C/resnext18-tiny_c2f-motion-${up}-pretrained_2xb8-8x2x1-60e_msr-action3d-depth-64px.py 2 --no-validate
done
# the benchmark suite: every downstream job of the pretraining(s) above
# (fine-tuning, linear probe, retrieval / kNN), run or collected, then
# benchmark_results.json, the README's benchmark table and metafile.yml
${PYTHON:-python} tools/benchmarks/run_benchmark.py $C/c2f-motion_resnext18-tiny_*_2xb8-8x2x1-40e_msr-action3d-train-depth-64px.py
