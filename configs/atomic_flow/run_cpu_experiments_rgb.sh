#!/usr/bin/env bash
# Reproduce the RGB atomic-flow numbers in configs/atomic_flow/README.md:
# pretraining on the unlabelled RGB clips (2D targets), then fine-tuning on the
# three ud810 leave-one-person-out folds, against the same recognizer from
# scratch. Logs land in configs/atomic_flow/logs/<config>/. Needs
# data/unlabeled/unlabeled_rgb_list.txt and data/ud810 (see the README's Data
# section). About 30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/atomic_flow
PYTHON=${PYTHON:-python}
PRE=$C/atomic-flow_convlstm-tiny_kmeans32-2d-8step_2xb8-150e_unlabeled-rgb-64x48.py
[ -f data/unlabeled/codebook_kmeans32_rgb_2d.npz ] || $PYTHON tools/data/fit_codebook.py \
    $PRE -k 32 --out data/unlabeled/codebook_kmeans32_rgb_2d.npz
run() {
  local cfg=$1; shift
  if [ -f "$C/logs/$(basename "$cfg" .py)/test_metrics.json" ]; then
    echo "recorded already: $cfg"; return
  fi
  bash tools/train_test_record.sh "$cfg" 2 "$@"
}
run $PRE
for fold in 1 2 3; do
  for kind in atomic-flow-pretrained scratch; do
    run $C/convlstm-tiny_${kind}_2xb4-16x1x1-60e_ud810-fold${fold}-rgb-64px.py --no-validate
  done
done
# the benchmark suite: every downstream job of the pretraining(s) above
# (fine-tuning, linear probe, retrieval / kNN), run or collected, then
# benchmark_results.json, the README's benchmark table and metafile.yml
${PYTHON:-python} tools/benchmarks/run_benchmark.py $PRE
