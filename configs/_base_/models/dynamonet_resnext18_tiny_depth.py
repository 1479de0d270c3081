# DynamoNet at CPU scale: a small ResNeXt3D-18 (stem 16, inner widths
# 16/32/64/128, outputs 32/64/128/256, cardinality 8) on 1-channel depth clips
# of T = 8 input frames + 1 future frame, 64x64. Paper-scale: see
# configs/dynamonet/*kinetics400*.
num_frames = 8
filter_size = 5
feat_dim = 256
model = dict(
    type='DynamoNet',
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
    fp_head=dict(
        type='FramePredictionHead',
        in_channels=feat_dim,
        num_frames=num_frames,
        filter_size=filter_size,
        mid_channels=64,
        # the CPU-scale runs in configs/dynamonet/README.md used 3x3x3 convs
        conv_kernels=(3, 3),
        # the paper's FP loss: Huber, delta 0.01, on frames in [0, 1]
        loss_fp=dict(type='HuberLoss', delta=0.01)),
    cls_head=dict(
        type='DynamoHead',
        num_classes=20,
        in_channels=feat_dim,
        num_frames=num_frames,
        filter_size=filter_size,
        mid_channels=64,
        conv_kernels=(3, 3),
        ar_channels=512,
        dmr_channels=512,
        dropout_ratio=0.5,
        average_clips='prob'),
    alpha=0.1,
    beta=1.0,
    # predict also returns the predicted frames, for FramePredictionMetric
    test_cfg=dict(return_frames=True),
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))
