# Luo et al.'s recognizer at CPU scale: the atomic-flow encoder over every
# consecutive frame pair, a 128-channel ConvLSTM over time, average pooling and
# a linear classifier (MMAction2's Recognizer3D + I3DHead).
model = dict(
    type='Recognizer3D',
    backbone=dict(
        type='PairwiseMotionBackbone',
        encoder=dict(
            type='ConvLSTMEncoder',
            modality='depth',
            channels=(32, 64, 64, 64),
            strides=(2, 2, 2, 2),
            lstm_channels=64),
        temporal_channels=128),
    cls_head=dict(
        type='I3DHead',
        num_classes=20,
        in_channels=128,
        spatial_type='avg',
        dropout_ratio=0.5,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))
