# DynamoNet at paper scale (Diba et al., ICCV 2019): STC-ResNeXt-101
# ("STCnet") on 16 RGB input frames (+1 future frame) at 112x112, s = 5
# filters, alpha = 0.1, beta = 1.0. For 32 / 64 frames set num_frames (the STC
# blocks are built for one clip length).
num_frames = 16
filter_size = 5
feat_dim = 2048
model = dict(
    type='DynamoNet',
    backbone=dict(
        type='ResNeXt3D',
        depth=101,
        in_channels=3,
        use_stc=True,
        num_frames=num_frames),
    fp_head=dict(
        type='FramePredictionHead',
        in_channels=feat_dim,
        num_frames=num_frames,
        filter_size=filter_size,
        mid_channels=64,
        # the paper's FP loss: Huber, delta 0.01, on frames in [0, 1]
        loss_fp=dict(type='HuberLoss', delta=0.01)),
    cls_head=dict(
        type='DynamoHead',
        num_classes=400,
        in_channels=feat_dim,
        num_frames=num_frames,
        filter_size=filter_size,
        mid_channels=64,
        ar_channels=512,
        dmr_channels=512,
        dropout_ratio=0.5,
        average_clips='prob'),
    alpha=0.1,
    beta=1.0,
    test_cfg=dict(return_frames=True),
    # frames on [0, 1]: the scale the Huber threshold 0.01 assumes
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[0., 0., 0.],
        std=[255., 255., 255.],
        format_shape='NCTHW'))
