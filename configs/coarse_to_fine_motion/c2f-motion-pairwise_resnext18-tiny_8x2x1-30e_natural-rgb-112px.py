# Coarse-to-fine motion with the pairwise flow decoder (ours, issue 15):
# PairwiseFlowHead decodes the motion of every frame pair at 1/4 from a 2D
# feature pyramid of the frames (cost volumes, coarse to fine, after
# PWC-Net / ARFlow's PWC-Lite), with the 3D encoder's last stage as context
# at every level; the paper's context-guided layer upsamples it. Otherwise
# the 30-epoch natural-RGB config (losses, data, schedule).
_base_ = [
    './c2f-motion_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py',
    '../_base_/models/c2f_pairwise_lk_decoder.py'
]
model = dict(
    decoder=dict(
        _base_.pairwise_lk_decoder,
        _delete_=True,
        max_displacement=4,
        estimator_channels=(64, 64, 48, 32),
        lucas_kanade=None))
