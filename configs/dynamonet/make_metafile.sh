#!/usr/bin/env bash
# Regenerate metafile.yml from the recorded runs, benchmark_results.json and
# metafile_extra.yml (metadata, the paper's numbers); tools/benchmarks/
# run_benchmark.py calls this after a benchmark.
set -euo pipefail
cd "$(dirname "$0")/../.."
${PYTHON:-python} tools/benchmarks/make_metafile.py configs/dynamonet \
  --collection DynamoNet \
  --paper-title "DynamoNet: Dynamic Action and Motion Network" \
  --paper-url https://arxiv.org/abs/1904.11407 \
  --extra configs/dynamonet/metafile_extra.yml \
  --rule "*fp-pretrain_*|MSR Action3D test subjects (next frame)|Frame Prediction" \
  --rule "*msr-action3d-depth*|MSR Action3D (cross-subject, depth)|Action Recognition"
