#!/usr/bin/env bash
# Regenerate metafile.yml from the recorded runs and metafile_extra.yml.
set -euo pipefail
cd "$(dirname "$0")/../.."
${PYTHON:-python} tools/benchmarks/make_metafile.py configs/baselines \
  --collection "Scratch baselines" \
  --extra configs/baselines/metafile_extra.yml \
  --rule "*msr-action3d-depth*|MSR Action3D (cross-subject, depth)|Action Recognition" \
  --rule "*ud810-fold*|ud810 (leave-one-person-out, RGB)|Action Recognition"
