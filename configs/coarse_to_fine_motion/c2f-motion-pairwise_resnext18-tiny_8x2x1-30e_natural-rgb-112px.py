# Coarse-to-fine motion with the pairwise flow decoder (ours, issue 15):
# PairwiseFlowHead decodes the motion of every frame pair at 1/4 from a 2D
# feature pyramid of the frames (cost volumes, coarse to fine, after
# PWC-Net / ARFlow's PWC-Lite), with the 3D encoder's last stage as context
# at every level; the paper's context-guided layer upsamples it. Otherwise
# the 30-epoch natural-RGB config (losses, data, schedule).
_base_ = ['./c2f-motion_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py']
model = dict(
    decoder=dict(
        _delete_=True,
        type='PairwiseFlowHead',
        in_channels=256,
        frame_channels=3,
        out_stride=4,
        pyramid_channels=(16, 32, 64, 96),
        max_displacement=4,
        reduce_channels=32,
        estimator_channels=(64, 64, 48, 32),
        loss_photo=dict(type='CharbonnierLoss', loss_weight=1.0),
        loss_ssim=dict(type='SSIMLoss', loss_weight=0.5),
        loss_smooth=dict(type='EdgeAwareSmoothnessLoss', loss_weight=0.05)))
