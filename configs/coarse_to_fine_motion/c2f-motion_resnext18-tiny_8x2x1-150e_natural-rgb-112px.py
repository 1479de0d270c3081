# Self-supervised coarse-to-fine motion on the natural-RGB pretraining set
# (51 clips: people, traffic, animals, cartoons, camera pans, ASL gestures):
# 8 frames every 2nd, 112 px crops (short side 128), where the training
# clips move 1.33 px per pair on average (DIS; docs/logs/motion_budget/),
# against 0.35 px for the unlabelled clips at 64 px.
# Validation: motion quality on the 7 held-out natural clips (whole clips,
# never frames of a training clip); test: end-point error against the
# ground-truth flow of FlyingChairs and Middlebury pairs at a 112 px short
# side, beside zero motion, DIS, Farneback and TV-L1
# (configs/_base_/datasets/flow_gt_112px.py). Otherwise the unlabelled-RGB
# pretraining: model, losses, schedule.
#   python tools/data/natural_rgb/build_lists.py --src ../shared/data \
#       --out data/natural_rgb
_base_ = [
    './c2f-motion_resnext18-tiny_8x2x1-150e_unlabeled-rgb-64px.py',
    '../_base_/datasets/natural_rgb_c2f_motion.py',
    '../_base_/datasets/flow_gt_112px.py'
]
train_dataloader = dict(
    dataset=dict(_delete_=True, **_base_.natural_rgb_train))
val_dataloader = dict(
    dataset=dict(_delete_=True, **_base_.natural_rgb_heldout))
test_dataloader = dict(_delete_=True, **_base_.flow_gt_test_dataloader)
test_evaluator = dict(_delete_=True, **_base_.flow_gt_test_evaluator)
# Downstream: none of its own. The ud810 chain of natural-RGB pretraining
# is run from the issue-15 model (3 seeds):
# c2f-motion-pairwise-lk-stride2_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py
downstream = []
