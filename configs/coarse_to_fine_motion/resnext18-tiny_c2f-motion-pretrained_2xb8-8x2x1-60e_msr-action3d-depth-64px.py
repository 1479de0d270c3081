# Downstream (a): the pretrained video encoder fine-tuned for recognition, the
# same recognizer and schedule as the scratch row of configs/dynamonet
# (resnext18-tiny_scratch_2xb8-8x2x1-60e_msr-action3d-depth-64px.py: 43.22).
_base_ = ['../dynamonet/resnext18-tiny_scratch_2xb8-8x2x1-60e_msr-action3d-depth-64px.py']
pretrained = ('work_dirs/c2f-motion_resnext18-tiny_context_2xb8-8x2x1-40e_'
              'msr-action3d-train-depth-64px/epoch_40.pth')
model = dict(backbone=dict(init_cfg=dict(type='Pretrained',
                                         checkpoint=pretrained,
                                         prefix='backbone.')))
