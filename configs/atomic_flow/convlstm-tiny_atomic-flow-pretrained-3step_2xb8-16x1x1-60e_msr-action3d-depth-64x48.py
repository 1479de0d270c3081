# Fine-tuning from the 3step atomic-flow pretraining ablation; otherwise as
# ./convlstm-tiny_atomic-flow-pretrained_2xb8-16x1x1-60e_msr-action3d-depth-64x48.py
_base_ = ['./convlstm-tiny_atomic-flow-pretrained_2xb8-16x1x1-60e_msr-action3d-depth-64x48.py']
pretrained = ('work_dirs/atomic-flow_convlstm-tiny_kmeans32-3step_2xb8-40e_'
              'msr-action3d-train-depth-64x48/epoch_40.pth')
model = dict(
    backbone=dict(
        encoder=dict(
            init_cfg=dict(type='Pretrained', checkpoint=pretrained,
                          prefix='backbone.'))))
