# Coarse-to-fine motion whose decoder compares the frames pair by pair
# (ours, issue 15): PairwiseFlowHead, a 2D feature pyramid of each frame
# (strides 2-16) and, from stride 16 down to 4, one damped Lucas-Kanade step
# a level on the frames pooled to that stride joined by learned, gated
# features; the 3D encoder's last stage sets, through a learned map, where
# the step is trusted (its damping). The paper's context-guided layer
# upsamples the stride-4 motion. No cost-volume estimator (estimator_channels
# None): the cheaper decoder; the estimator on top is its own, unmeasured
# config (configs/coarse_to_fine_motion/README.md, section 3e).
# 2 clips a process, 2 processes, 40 epochs of the 51 natural-RGB training
# clips: 520 Adam steps (the 2xb2 schedule). Otherwise the 30-epoch
# natural-RGB config (losses, data, validation on the 7 held-out clips,
# end-point error on the ground-truth flow pairs as the test).
_base_ = [
    './c2f-motion_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py',
    '../_base_/models/c2f_pairwise_lk_decoder.py'
]
model = dict(decoder=dict(_base_.pairwise_lk_decoder, _delete_=True))
