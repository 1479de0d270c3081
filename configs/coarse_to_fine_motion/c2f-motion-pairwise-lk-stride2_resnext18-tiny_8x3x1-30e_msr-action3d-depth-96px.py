# The MSR Action3D depth testbed protocol (96 px, every 3rd frame, 30
# epochs) with the pairwise Lucas-Kanade decoder of the natural-RGB configs
# (PairwiseFlowHead; depth: one frame channel). Pretext only here (its
# downstream chain is the 96 px config's, not run for this decoder yet).
# Otherwise c2f-motion_resnext18-tiny_8x3x1-30e_msr-action3d-depth-96px.py.
_base_ = ['./c2f-motion_resnext18-tiny_8x3x1-30e_msr-action3d-depth-96px.py']
model = dict(
    decoder=dict(
        _delete_=True,
        type='PairwiseFlowHead',
        in_channels=256,
        frame_channels=1,
        out_stride=2,
        pyramid_channels=(16, 32, 64, 96),
        reduce_channels=32,
        estimator_channels=None,
        lucas_kanade=dict(window=5, damping=0.01, iterations=1, max_step=2.0),
        loss_photo=dict(type='CharbonnierLoss', loss_weight=1.0),
        loss_ssim=dict(type='SSIMLoss', loss_weight=0.5),
        loss_smooth=dict(type='EdgeAwareSmoothnessLoss', loss_weight=0.05)))
downstream = []
