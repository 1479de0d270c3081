# The pairwise Lucas-Kanade decoder of coarse-to-fine motion (ours, issue
# 15; configs/coarse_to_fine_motion/README.md, section 3e): PairwiseFlowHead
# with a 2D feature pyramid of each frame (strides 2-16) and, from stride 16
# down to `out_stride`, one damped Lucas-Kanade step a level on the frames
# pooled to that stride joined by learned, gated features; the 3D encoder's
# last stage (256 channels in the tiny ResNeXt3D-18) sets, through a learned
# map, where a step is trusted (its damping). No cost-volume estimator
# (estimator_channels None). The plain losses. A config takes it as
#   model = dict(decoder=dict(_base_.pairwise_lk_decoder, _delete_=True))
# (depth: frame_channels=1).
pairwise_lk_decoder = dict(
    type='PairwiseFlowHead',
    in_channels=256,
    frame_channels=3,
    out_stride=4,
    pyramid_channels=(16, 32, 64, 96),
    reduce_channels=32,
    estimator_channels=None,
    lucas_kanade=dict(window=5, damping=0.01, iterations=1, max_step=2.0),
    loss_photo=dict(type='CharbonnierLoss', loss_weight=1.0),
    loss_ssim=dict(type='SSIMLoss', loss_weight=0.5),
    loss_smooth=dict(type='EdgeAwareSmoothnessLoss', loss_weight=0.05))
