# Quick-start demo, step 2: the scratch demo's recognizer and schedule,
# starting from the backbone of the depth self-supervised pretraining
# (tools/quickstart.sh: c2f-motion-pairwise-lk-stride2_resnext18-tiny_
# 8x2x1-30e_msr-action3d-mini-depth-64px.py; the backbone's keys are the
# same with either decoder).
_base_ = ['./i3d_resnext18-tiny_8x2x1-60e_msr-action3d-mini-depth-64px.py']
model = dict(
    backbone=dict(
        init_cfg=dict(
            type='Pretrained',
            prefix='backbone.',
            checkpoint='work_dirs/demo/c2f_pretrain/epoch_30.pth')))
