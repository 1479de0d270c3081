# Self-supervised coarse-to-fine motion (Tian et al., ECCV 2020) on the MSR
# Action3D cross-subject training videos (labels unused), depth, clips of 8
# frames (every 2nd), 64 px, with the R3D-18 of the supervised scratch
# baseline (configs/baselines/r3d18_scratch_2xb8-16x1x1-100e_msr-action3d-
# depth-64px.py, 81.32) as the video encoder in place of the tiny ResNeXt3D-18.
#
# Paper: coarse motion decoded from a 3D video encoder's spatio-temporal
# features, upsampled by the context-guided motion upsampling layer, learned
# by warping (no flow labels).
# Ours: everything else is the tiny context config (decoder at 1/4
# resolution, 32 channels; context-guided upsampler k = 3; Charbonnier +
# SSIM + edge-aware smoothness; Adam with warm-up and cosine decay), only
# the encoder and the length change:
# - backbone: configs/_base_/models/r3d18_backbone_depth.py, as the scratch
#   recognizer's (configs/_base_/models/r3d18_depth.py; MMAction2
#   ResNet3d, depth 18, 32 base channels, 1 input channel), so that the
#   checkpoint's `backbone.*` keys load into the baseline's recognizer;
# - R3D-18 gives (256, T/2, H/32, W/32) features (pool2 halves time; no other
#   temporal stride), (256, 4, 2, 2) for a 8x64x64 clip: the same channels
#   and spatial stride as the tiny ResNeXt3D (256, T/4, H/32, W/32), a finer
#   time axis; the decoder resizes trilinearly to (T - 1, H/4, W/4), so 8
#   frames suffice and only its in_channels (256) must match;
# - 30 epochs (18 iterations each with 2 processes x 8 clips); the held-out
#   motion quality (warping error and SSIM beside DIS, Farneback and zero
#   motion, test subjects' clips) is measured once, after the last epoch.
_base_ = [
    './c2f-motion_resnext18-tiny_8x2x1-40e_msr-action3d-depth-64px.py',
    '../_base_/models/r3d18_backbone_depth.py'
]

model = dict(
    backbone=dict(_delete_=True, **_base_.r3d18_backbone),
    decoder=dict(in_channels=256))

max_epochs = 30
train_cfg = dict(max_epochs=max_epochs, val_begin=1, val_interval=max_epochs)
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 2,
        eta_min=1e-5,
        by_epoch=True,
        begin=2,
        end=max_epochs)
]

# Downstream evaluations: README.md, section "Benchmark suite".
downstream_load = 'load_from'
# `load_from`, not `model.backbone.init_cfg.checkpoint`: MMAction2's ResNet3d
# overrides init_weights() and ignores init_cfg (see the fine-tuning config).
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=(
            'configs/coarse_to_fine_motion/i3d_c2f-motion-pretrained-r3d18_'
            '16x1x1-100e_msr-action3d-depth-64px.py')),
]
