#!/usr/bin/env bash
# Regenerate metafile.yml from the recorded runs and benchmark_results.json
# (tools/benchmarks/run_benchmark.py calls this after a benchmark).
set -euo pipefail
cd "$(dirname "$0")/../.."
${PYTHON:-python} tools/benchmarks/make_metafile.py configs/coarse_to_fine_motion \
  --collection CoarseToFineMotion \
  --paper-title "Self-supervised Motion Representation via Scattering Local Motion Cues" \
  --paper-url https://doi.org/10.1007/978-3-030-58568-6_5 \
  --rule "c2f-motion_*unlabeled-rgb*|ud810 synthetic motion (RGB, known flow)|Motion Estimation" \
  --rule "c2f-motion_*msr*|MSR Action3D (cross-subject, depth)|Motion Estimation" \
  --rule "*msr-action3d-depth*|MSR Action3D (cross-subject, depth)|Action Recognition" \
  --rule "*ud810-fold*|ud810 (leave-one-person-out, RGB)|Action Recognition"
