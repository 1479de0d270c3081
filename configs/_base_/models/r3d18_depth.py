# A small 3D ResNet-18 (R3D) for 1-channel depth clips, trained from scratch.
model = dict(
    type='Recognizer3D',
    backbone=dict(
        type='ResNet3d',
        depth=18,
        pretrained=None,
        pretrained2d=False,
        in_channels=1,
        base_channels=32,
        conv1_kernel=(3, 7, 7),
        conv1_stride_t=1,
        pool1_stride_t=1,
        inflate=(1, 1, 1, 1),
        norm_eval=False),
    cls_head=dict(
        type='I3DHead',
        num_classes=20,
        in_channels=256,
        spatial_type='avg',
        dropout_ratio=0.5,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))
