# Fine-tuning on ud810 fold 1 from the unlabelled-RGB atomic-flow pretraining
# (encoder through init_cfg); otherwise as the scratch config.
_base_ = ['./convlstm-tiny_scratch_2xb4-16x1x1-60e_ud810-fold1-rgb-64px.py']
pretrained = ('work_dirs/atomic-flow_convlstm-tiny_kmeans32-2d-8step_2xb8-'
              '150e_unlabeled-rgb-64x48/epoch_150.pth')
model = dict(backbone=dict(encoder=dict(
    init_cfg=dict(type='Pretrained', checkpoint=pretrained,
                  prefix='backbone.'))))
