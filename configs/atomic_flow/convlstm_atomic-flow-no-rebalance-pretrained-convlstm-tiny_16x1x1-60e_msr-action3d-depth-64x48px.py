# Fine-tuning from the no-rebalance atomic-flow pretraining ablation;
# otherwise as
# ./convlstm_atomic-flow-pretrained-convlstm-tiny_16x1x1-60e_msr-action3d-
# depth-64x48px.py
_base_ = [('./convlstm_atomic-flow-pretrained-convlstm-tiny_16x1x1-60e_msr-'
           'action3d-depth-64x48px.py')]
pretrained = ((
    'work_dirs/atomic-flow-no-rebalance_convlstm-tiny_10x1x1-40e_msr-'
    'action3d-depth-64x48px/epoch_40.pth'))
model = dict(
    backbone=dict(
        encoder=dict(
            init_cfg=dict(
                type='Pretrained', checkpoint=pretrained,
                prefix='backbone.'))))
