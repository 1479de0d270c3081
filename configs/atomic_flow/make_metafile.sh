#!/usr/bin/env bash
# Regenerate metafile.yml from the recorded runs, benchmark_results.json and
# metafile_extra.yml (the paper's numbers); tools/benchmarks/run_benchmark.py
# calls this after a benchmark.
set -euo pipefail
cd "$(dirname "$0")/../.."
${PYTHON:-python} tools/benchmarks/make_metafile.py configs/atomic_flow \
  --collection AtomicFlow \
  --paper-title "Unsupervised Learning of Long-Term Motion Dynamics for Videos" \
  --paper-url https://arxiv.org/abs/1701.01821 \
  --extra configs/atomic_flow/metafile_extra.yml \
  --rule "atomic-flow_*unlabeled-rgb*|ud810 videos (held out, RGB)|Atomic Flow Prediction" \
  --rule "atomic-flow_*msr*|MSR Action3D (cross-subject, depth)|Atomic Flow Prediction" \
  --rule "*msr-action3d-depth*|MSR Action3D (cross-subject, depth)|Action Recognition" \
  --rule "*ud810-fold*|ud810 (leave-one-person-out, RGB)|Action Recognition"
