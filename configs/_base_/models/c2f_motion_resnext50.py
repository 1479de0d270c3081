# Tian et al.'s coarse-to-fine motion at paper scale (ours: the paper's text
# is not available here beyond its abstract, so the encoder and widths are
# our choice): ResNeXt3D-50 (Hara et al.'s widths, cardinality 32) on RGB
# clips at 112x112, a motion decoder at 1/4 resolution, the context-guided
# upsampler (k = 3) over a 32-channel context encoder. Frames on [0, 1].
model = dict(
    type='CoarseToFineMotion',
    backbone=dict(type='ResNeXt3D', depth=50, in_channels=3),
    decoder=dict(
        type='MotionDecoderHead',
        in_channels=2048,
        out_stride=4,
        mid_channels=128,
        loss_photo=dict(type='CharbonnierLoss', loss_weight=1.0),
        loss_ssim=dict(type='SSIMLoss', loss_weight=0.5),
        loss_smooth=dict(type='EdgeAwareSmoothnessLoss', loss_weight=0.05)),
    in_channels=3,
    upsampler=dict(type='ContextGuidedUpsample', kernel_size=3),
    context_channels=32,
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[0.0, 0.0, 0.0],
        std=[255.0, 255.0, 255.0],
        format_shape='NCTHW'))
