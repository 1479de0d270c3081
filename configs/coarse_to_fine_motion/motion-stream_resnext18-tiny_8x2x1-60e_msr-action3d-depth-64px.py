# Downstream (b): a motion stream. The frozen pretrained motion model turns
# each depth clip into motion maps (2 channels, 7 pairs), which a ResNeXt3D-18
# classifies, where two-stream models take optical flow.
_base_ = [
    '../baselines/i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py'
]
motion_ckpt = ((
    'work_dirs/c2f-motion_resnext18-tiny_8x2x1-40e_msr-action3d-depth-64px/'
    'epoch_40.pth'))
model = dict(
    backbone=dict(
        _delete_=True,
        type='MotionStreamBackbone',
        motion_model=dict(
            type='CoarseToFineMotion',
            backbone=_base_.model.backbone,
            decoder=dict(
                type='MotionDecoderHead',
                in_channels=256,
                out_stride=4,
                mid_channels=32),
            in_channels=1,
            context_channels=16),
        backbone=dict(_base_.model.backbone, in_channels=2),
        motion_checkpoint=motion_ckpt,
        motion_scale=4.0))
