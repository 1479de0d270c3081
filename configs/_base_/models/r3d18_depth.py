# A small 3D ResNet-18 (R3D) for 1-channel depth clips, trained from scratch.
_base_ = ['./r3d18_backbone_depth.py']
model = dict(
    type='Recognizer3D',
    backbone={{_base_.r3d18_backbone}},
    cls_head=dict(
        type='I3DHead',
        num_classes=20,
        in_channels=256,
        spatial_type='avg',
        dropout_ratio=0.5,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))
