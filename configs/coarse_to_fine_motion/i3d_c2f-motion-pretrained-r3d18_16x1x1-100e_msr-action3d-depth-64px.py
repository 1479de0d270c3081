# Downstream (a): the R3D-18 encoder of the coarse-to-fine motion pretraining
# (c2f-motion_r3d18_8x2x1-30e_msr-action3d-depth-64px.py)
# fine-tuned for recognition: exactly the supervised scratch baseline
# (configs/baselines/i3d_r3d18_16x1x1-100e_msr-action3d-depth-64px.py,
# 81.32: same recognizer, 16 frames over the whole action, 64 px, SGD
# schedule, 100 epochs) with the backbone starting from the pretrained weights
# and the I3D head from scratch.
#
# Paper (Tian et al.): the pretrained video encoder is fine-tuned for action
# recognition. Ours: the protocol (MSR Action3D cross-subject depth, last
# epoch reported) and every setting are the baseline's.
#
# How the weights load (ours): MMAction2's ResNet3d overrides init_weights()
# and ignores init_cfg (a `Pretrained` init_cfg on it is silently skipped),
# and its `pretrained=` loads a file without a key prefix. So the runner's
# `load_from` loads the whole pretraining checkpoint after the weights are
# initialised, non-strictly: every `backbone.*` tensor (BN statistics too)
# lands in the recognizer's backbone; MMEngine then warns of the unused
# `decoder.*` / `context.*` / `upsample.*` keys and of the missing
# `cls_head.*` keys (the new head), and must report no missing `backbone.*`
# key. Not a resume: the optimizer, schedule and epoch start afresh.
_base_ = ['../baselines/i3d_r3d18_16x1x1-100e_msr-action3d-depth-64px.py']
load_from = (
    'work_dirs/c2f-motion_r3d18_8x2x1-30e_msr-action3d-depth-64px/epoch_30.pth'
)
