# Quick-start demo, step 2: the scratch demo's recognizer and schedule,
# starting from the backbone of step 1's self-supervised pretraining
# (c2f-motion_resnext18-tiny_8x2x1-30e_msr-action3d-mini-depth-64px.py).
_base_ = ['./i3d_resnext18-tiny_8x2x1-60e_msr-action3d-mini-depth-64px.py']
model = dict(
    backbone=dict(
        init_cfg=dict(
            type='Pretrained',
            prefix='backbone.',
            checkpoint='work_dirs/demo/c2f_pretrain/epoch_30.pth')))
