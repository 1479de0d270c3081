#!/usr/bin/env bash
# The quick start: set up, then the self-supervised pipeline on real clips
# shipped in tests/data:
#   1. coarse-to-fine motion pretraining (Tian et al., with the pairwise
#      Lucas-Kanade decoder) on 9 natural-RGB clips; its motion on 3
#      held-out clips beside zero motion, OpenCV DIS and Farneback, and one
#      picture of it beside DIS's;
#   2. the same pretraining on the 11 MSR Action3D depth training clips
#      (labels unused), the tiny ResNeXt3D-18 recognizer fine-tuned from
#      that backbone, and the same recognizer from scratch, on the 10
#      held-out clips;
# then the results side by side. Training runs through tools/dist_train.sh
# with 2 processes (CPU: gloo). About 4 minutes on 2 cores (214 s measured
# on 2026-12-06, set-up already done).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup_env.sh
export PATH="$PWD/.venv/bin:$PATH"
D=configs/demo
W=work_dirs/demo
RGB=$D/c2f-motion-pairwise-lk-stride2_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-mini-112px.py
bash tools/dist_train.sh $RGB 2 --work-dir $W/c2f_rgb --seed 0
python tools/test.py $RGB $W/c2f_rgb/epoch_40.pth --work-dir $W/c2f_rgb/test
python tools/analysis/motion_picture.py $RGB $W/c2f_rgb/epoch_40.pth \
    --out $W/motion_heldout.png --index 0 --pairs 3 | tee $W/motion_picture.txt
python demo/motion_demo.py \
    tests/data/natural_rgb/intel-preview_face-demographics-walking.mp4 \
    $RGB $W/c2f_rgb/epoch_40.pth --out $W/motion_heldout.gif --dis \
    --max-pairs 8 | tail -n 1
python tools/data/msr_action3d/convert.py --src tests/data/msr_action3d \
    --out $W/data | tail -n 1
PRE=$D/c2f-motion-pairwise-lk-stride2_resnext18-tiny_8x2x1-30e_msr-action3d-mini-depth-64px.py
bash tools/dist_train.sh $PRE 2 --work-dir $W/c2f_pretrain --seed 0
python tools/test.py $PRE $W/c2f_pretrain/epoch_30.pth \
    --work-dir $W/c2f_pretrain/test
for kind in c2f-motion-pretrained scratch; do
  [ $kind = scratch ] && BB=resnext18-tiny || BB=$kind-resnext18-tiny
  CFG=$D/i3d_${BB}_8x2x1-60e_msr-action3d-mini-depth-64px.py
  bash tools/dist_train.sh $CFG 2 --work-dir $W/$kind --seed 0 --no-validate
  python tools/test.py $CFG $W/$kind/epoch_60.pth --work-dir $W/$kind/test
done
latest() { echo "$(ls -td "$1"/*/ | head -n 1)test_metrics.json"; }
python - "$(latest $W/c2f_rgb/test)" "$(latest $W/c2f_pretrain/test)" \
    "$(latest $W/c2f-motion-pretrained/test)" "$(latest $W/scratch/test)" <<'PY'
import json, sys
rgb, motion, pre, scratch = (json.load(open(p)) for p in sys.argv[1:])
labels = {'pred': 'ours (pretrained)', 'zero': 'zero motion',
          'dis': 'OpenCV DIS', 'farneback': 'OpenCV Farneback'}
print('[quickstart] 1. self-supervised motion on 3 held-out natural-RGB '
      'clips, 112 px (mean absolute error of frame t+1 warped onto frame t; '
      'lower is better):')
for name, label in labels.items():
    print(f'    {label:<18} {rgb[f"motion/{name}_l1"]:.4f}')
print('    pictures of its motion beside DIS on the first held-out clip: '
      'work_dirs/demo/motion_heldout.png, work_dirs/demo/motion_heldout.gif'
      ' (any video: python demo/motion_demo.py VIDEO CONFIG CHECKPOINT '
      '--out out.gif)')
print('[quickstart] 2. the same pretraining on 11 MSR Action3D depth clips; '
      'motion on the 10 held-out clips:')
for name, label in labels.items():
    print(f'    {label:<18} {motion[f"motion/{name}_l1"]:.4f}')
print('    recognition on the 10 held-out clips (4 actions: chance is 25%):')
for label, m in (('pretrained', pre), ('scratch', scratch)):
    print(f'    {label:<11} top-1 {100 * m["acc/top1"]:5.1f}%   '
          f'mean class {100 * m["acc/mean1"]:5.1f}%')
print('    10 clips: one clip is 10 points; this shows the pipeline, '
      'not a benchmark (see docs/results.md).')
PY
