#!/usr/bin/env bash
# Reproduce every CPU-scale DynamoNet number in configs/dynamonet/README.md:
# MSR Action3D cross-subject (depth), (a) scratch, (b) joint FP +
# classification, (c) alpha = 0, (d) FP pretraining on the unlabelled training
# videos, then joint fine-tuning. Each run trains on 2 processes
# (tools/dist_train.sh), is tested at video level (tools/dist_test.sh), and its
# logs land in configs/dynamonet/logs/<config>/. Needs data/msr_action3d
# (python tools/data/msr_action3d/convert.py). About 1.5 hours on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=configs/dynamonet
for cfg in \
    $C/resnext18-tiny_scratch_2xb8-8x2x1-60e_msr-action3d-depth-64px.py \
    $C/dynamonet_resnext18-tiny_joint_2xb8-8+1x2x1-60e_msr-action3d-depth-64px.py \
    $C/dynamonet_resnext18-tiny_joint-alpha0_2xb8-8+1x2x1-60e_msr-action3d-depth-64px.py \
    $C/dynamonet_resnext18-tiny_fp-pretrain_2xb8-8+1x2x1-60e_msr-action3d-train-unlabeled-depth-64px.py \
    $C/dynamonet_resnext18-tiny_fp-pretrained-joint_2xb8-8+1x2x1-60e_msr-action3d-depth-64px.py; do
  # a run whose metrics are recorded is not repeated
  if [ -f "$C/logs/$(basename "$cfg" .py)/test_metrics.json" ]; then
    echo "recorded already: $cfg"; continue
  fi
  # no validation during training: MSR Action3D has only the test subjects,
  # which tools/test.py scores once at the end
  bash tools/train_test_record.sh "$cfg" 2 --no-validate
done
# the benchmark suite: every downstream job of the pretraining(s) above
# (fine-tuning, linear probe, retrieval / kNN), run or collected, then
# benchmark_results.json, the README's benchmark table and metafile.yml
${PYTHON:-python} tools/benchmarks/run_benchmark.py $C/dynamonet_resnext18-tiny_fp-pretrain_2xb8-8+1x2x1-60e_msr-action3d-train-unlabeled-depth-64px.py
