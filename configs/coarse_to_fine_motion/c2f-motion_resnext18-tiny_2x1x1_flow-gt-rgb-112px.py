# Test only: the RGB coarse-to-fine motion model
# (c2f-motion_resnext18-tiny_8x2x1-150e_unlabeled-rgb-64px.py, trained on
# 8-frame 64 px clips) on frame pairs with ground-truth flow, FlyingChairs
# and Middlebury RubberWhale at a 112 px short side: EPE (pixels of the
# resized frames, valid pixels) of its motion beside zero motion, DIS,
# Farneback and TV-L1 (configs/_base_/datasets/flow_gt_112px.py; the list:
# tools/data/build_flow_pair_list.py). Each sample is a 2-frame clip, one
# motion; frames whose size is not a multiple of 4 are padded for the model.
#     python tools/test.py configs/coarse_to_fine_motion/${THIS_FILE} \
#         work_dirs/${PRETRAINING}/epoch_150.pth
# THIS_FILE: c2f-motion_resnext18-tiny_2x1x1_flow-gt-rgb-112px.py;
# PRETRAINING: c2f-motion_resnext18-tiny_8x2x1-150e_unlabeled-rgb-64px.
# Baselines' EPE (px) from this pipeline (docs/logs/flow_gt_baselines/),
# the team's measurement in
# brackets: FlyingChairs zero 3.05 (3.05), DIS 1.27 (1.25), Farneback 1.69
# (1.69), TV-L1 1.11 (1.12); RubberWhale zero 0.36 (0.36), DIS 0.16 (0.16),
# Farneback 0.20, TV-L1 0.15 (0.15). All 10 pairs pooled: zero 2.78, DIS
# 1.16, Farneback 1.54, TV-L1 1.02.
_base_ = [
    './c2f-motion_resnext18-tiny_8x2x1-150e_unlabeled-rgb-64px.py',
    '../_base_/datasets/flow_gt_112px.py'
]
test_dataloader = dict(_delete_=True, **_base_.flow_gt_test_dataloader)
test_evaluator = dict(_delete_=True, **_base_.flow_gt_test_evaluator)
# a test of the pretraining, not a pretraining: no downstream evaluations
downstream = []
