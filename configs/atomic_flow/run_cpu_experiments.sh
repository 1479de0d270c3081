#!/usr/bin/env bash
# Reproduce every CPU-scale atomic-flow number in configs/atomic_flow/README.md:
# MSR Action3D cross-subject (depth). Fits the two k-means codebooks, then for
# each pretraining config: self-supervised pretraining on the training videos
# (labels unused; tested on the test subjects' clips with AtomicFlowMetric),
# then fine-tuning of the recognizer from its checkpoint; plus the scratch
# recognizer. Each run trains on 2 processes (tools/dist_train.sh) and is
# tested with tools/test.py; logs land in configs/atomic_flow/logs/<config>/.
# Needs data/msr_action3d (python tools/data/msr_action3d/convert.py).
# About 1.5 hours on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/atomic_flow
PYTHON=${PYTHON:-python}
MAIN=$C/atomic-flow_convlstm-tiny_kmeans32-8step_2xb8-40e_msr-action3d-train-depth-64x48.py
[ -f data/msr_action3d/codebook_kmeans32_3d.npz ] || $PYTHON tools/data/fit_codebook.py \
    $MAIN -k 32 --out data/msr_action3d/codebook_kmeans32_3d.npz
[ -f data/msr_action3d/codebook_kmeans32_2d.npz ] || $PYTHON tools/data/fit_codebook.py \
    $C/atomic-flow_convlstm-tiny_kmeans32-2d-8step_2xb8-40e_msr-action3d-train-depth-64x48.py \
    -k 32 --out data/msr_action3d/codebook_kmeans32_2d.npz
run() {
  local cfg=$1; shift
  # a run whose metrics are recorded is not repeated
  if [ -f "$C/logs/$(basename "$cfg" .py)/test_metrics.json" ]; then
    echo "recorded already: $cfg"; return
  fi
  bash tools/train_test_record.sh "$cfg" 2 "$@"
}
# pretraining tag : fine-tuning tag
for pair in "kmeans32-8step:" "kmeans32-3step:-3step" "kmeans32-2d-8step:-2d" \
    "uniform27-8step:-uniform27" "learnable32-8step:-learnable32" \
    "kmeans32-8step-no-rebalance:-no-rebalance"; do
  pre=${pair%%:*}; ft=${pair##*:}
  run $C/atomic-flow_convlstm-tiny_${pre}_2xb8-40e_msr-action3d-train-depth-64x48.py
  # no validation during fine-tuning: MSR Action3D has only the test
  # subjects, which tools/test.py scores once at the end
  run $C/convlstm-tiny_atomic-flow-pretrained${ft}_2xb8-16x1x1-60e_msr-action3d-depth-64x48.py --no-validate
  if [ -z "$ft" ]; then
    run $C/convlstm-tiny_scratch_2xb8-16x1x1-60e_msr-action3d-depth-64x48.py --no-validate
  fi
done
# the benchmark suite: every downstream job of the pretraining(s) above
# (fine-tuning, linear probe, retrieval / kNN), run or collected, then
# benchmark_results.json, the README's benchmark table and metafile.yml
${PYTHON:-python} tools/benchmarks/run_benchmark.py $C/atomic-flow_convlstm-tiny_*_2xb8-40e_msr-action3d-train-depth-64x48.py
