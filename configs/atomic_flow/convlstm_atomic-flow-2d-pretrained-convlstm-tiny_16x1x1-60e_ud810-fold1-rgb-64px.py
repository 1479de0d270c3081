# Fine-tuning on ud810 fold 1 from the unlabelled-RGB atomic-flow pretraining
# (encoder through init_cfg); otherwise as the scratch config.
_base_ = [
    '../baselines/convlstm_convlstm-tiny_16x1x1-60e_ud810-fold1-rgb-64px.py'
]
pretrained = ((
    'work_dirs/atomic-flow-2d_convlstm-tiny_10x1x1-150e_unlabeled-rgb-'
    '64x48px/epoch_150.pth'))
model = dict(
    backbone=dict(
        encoder=dict(
            init_cfg=dict(
                type='Pretrained', checkpoint=pretrained,
                prefix='backbone.'))))
