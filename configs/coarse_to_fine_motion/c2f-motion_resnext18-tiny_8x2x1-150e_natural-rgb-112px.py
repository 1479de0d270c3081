# Self-supervised coarse-to-fine motion on the natural-RGB pretraining set
# (51 clips: people, traffic, animals, cartoons, camera pans, ASL gestures):
# 8 frames every 2nd, 112 px crops (short side 128), where the training
# clips move 1.33 px per pair on average (DIS; docs/logs/motion_budget/),
# against 0.35 px for the unlabelled clips at 64 px.
# Validation: motion quality on the 7 held-out natural clips (whole clips,
# never frames of a training clip). Otherwise the unlabelled-RGB
# pretraining: model, losses, schedule.
#   python tools/data/natural_rgb/build_lists.py --src ../shared/data \
#       --out data/natural_rgb
_base_ = [
    './c2f-motion_resnext18-tiny_8x2x1-150e_unlabeled-rgb-64px.py',
    '../_base_/datasets/natural_rgb_c2f_motion.py'
]
train_dataloader = dict(
    dataset=dict(_delete_=True, **_base_.natural_rgb_train))
val_dataloader = dict(
    dataset=dict(_delete_=True, **_base_.natural_rgb_heldout))
# no downstream jobs recorded yet for this protocol (issue 14's reruns)
downstream = []
