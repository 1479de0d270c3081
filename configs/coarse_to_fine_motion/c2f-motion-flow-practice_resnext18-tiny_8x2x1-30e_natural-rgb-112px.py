# The flow-practice model (c2f-motion-flow-practice_..._150e_natural-rgb-
# 112px.py: skip features, losses at 3 scales, second-order smoothness,
# coarse-grid kernels) on the 30-epoch schedule of the issue-15 ablation and
# the quick start.
_base_ = [
    './c2f-motion_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py',
]
model = dict(
    backbone=dict(out_indices=(0, 1, 3)),
    decoder=dict(
        skip_channels=(32, 64),
        loss_scales=(1, 2, 4),
        loss_smooth=dict(order=2)),
    upsampler=dict(kernel_grid='coarse'))
# pretext only (the ablation): no downstream jobs of its own yet
downstream = []
