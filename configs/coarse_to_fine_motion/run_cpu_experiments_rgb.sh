#!/usr/bin/env bash
# Reproduce the RGB coarse-to-fine motion numbers in
# configs/coarse_to_fine_motion/README.md: self-supervised pretraining on the
# unlabelled RGB clips; motion quality on the 27 ud810 videos (validation,
# recorded in train.log) and end-point error on clips with known motion made
# from ud810's frames (test_metrics.json). Logs land in
# configs/coarse_to_fine_motion/logs/<config>/. Needs
# data/unlabeled/unlabeled_rgb_list.txt and data/ud810 (README, Data).
# About 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/coarse_to_fine_motion
PYTHON=${PYTHON:-python}
$PYTHON tools/data/make_synthetic_motion.py data/ud810/videos/*.avi \
    --out data/synthetic_motion/ud810_64px --frames 8 --size 64 64
CFG=$C/c2f-motion_resnext18-tiny_context_2xb8-8x2x1-150e_unlabeled-rgb-64px.py
if [ -f "$C/logs/$(basename "$CFG" .py)/test_metrics.json" ]; then
  echo "recorded already: $CFG"
else
  bash tools/train_test_record.sh "$CFG" 2
fi
# the ud810 scratch baseline the fine-tuning is compared with
for fold in 1 2 3; do
  B=configs/baselines/resnext18-tiny_scratch_2xb4-8x2x1-60e_ud810-fold${fold}-rgb-64px
  [ -f configs/baselines/logs/$(basename $B)/test_metrics.json ] || \
    bash tools/train_test_record.sh $B.py 2 --no-validate
done
# the benchmark suite: every downstream job of the pretraining(s) above
# (fine-tuning, linear probe, retrieval / kNN), run or collected, then
# benchmark_results.json, the README's benchmark table and metafile.yml
${PYTHON:-python} tools/benchmarks/run_benchmark.py $CFG
