# Downstream (a): the pretrained video encoder fine-tuned for recognition, the
# same recognizer and schedule as the scratch row of configs/dynamonet
# (i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py: 43.22).
_base_ = [
    '../baselines/i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py'
]
pretrained = ((
    'work_dirs/c2f-motion_resnext18-tiny_8x2x1-40e_msr-action3d-depth-64px/'
    'epoch_40.pth'))
model = dict(
    backbone=dict(
        init_cfg=dict(
            type='Pretrained', checkpoint=pretrained, prefix='backbone.')))
