# Tian et al.'s coarse-to-fine motion at CPU scale: the tiny ResNeXt3D-18 of
# the DynamoNet CPU runs as the video encoder (1-channel depth), a motion
# decoder at 1/4 resolution, the context-guided upsampler (k = 3).
model = dict(
    type='CoarseToFineMotion',
    backbone=dict(
        type='ResNeXt3D',
        depth=18,
        in_channels=1,
        stem_channels=16,
        base_width=16,
        cardinality=8,
        conv1_kernel=(3, 7, 7),
        conv1_stride=(1, 2, 2),
        pool1_stride=(1, 2, 2),
        stage_strides=((1, 1, 1), (1, 2, 2), (2, 2, 2), (2, 2, 2))),
    decoder=dict(
        type='MotionDecoderHead',
        in_channels=256,
        out_stride=4,
        mid_channels=32,
        loss_photo=dict(type='CharbonnierLoss', loss_weight=1.0),
        loss_ssim=dict(type='SSIMLoss', loss_weight=0.5),
        loss_smooth=dict(type='EdgeAwareSmoothnessLoss', loss_weight=0.05)),
    in_channels=1,
    upsampler=dict(type='ContextGuidedUpsample', kernel_size=3),
    context_channels=16,
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))
