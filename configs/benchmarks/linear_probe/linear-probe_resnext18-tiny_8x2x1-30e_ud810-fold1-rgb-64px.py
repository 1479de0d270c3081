# Linear probe on ud810 (RGB), leave-one-person-out fold 1 (folds 2 and 3: the
# sibling configs): the frozen tiny ResNeXt3D-18 of an RGB pretraining
# checkpoint under LinearProbeHead, 30 epochs, as the MSR Action3D linear
# probe (linear-probe_resnext18-tiny_8x2x1-30e_msr-action3d-depth-64px.py)
# on the ud810 scratch baseline's data. Name the checkpoint:
#   --cfg-options model.backbone.init_cfg.checkpoint=<pretraining>.pth
_base_ = [
    '../../baselines/i3d_resnext18-tiny_8x2x1-60e_ud810-fold1-rgb-64px.py'
]
model = dict(
    backbone=dict(
        frozen_stages=4,
        norm_eval=True,
        init_cfg=dict(
            type='Pretrained',
            checkpoint='SET_WITH_--cfg-options',
            prefix='backbone.')),
    cls_head=dict(type='LinearProbeHead'))
# 9 training videos per process: drop the last batch of 1, which the
# head's BatchNorm1d cannot normalise in training mode
train_dataloader = dict(drop_last=True)
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs)
# Adam for the classifier alone (ours)
optim_wrapper = dict(
    _delete_=True,
    optimizer=dict(type='Adam', lr=1e-3, weight_decay=1e-4),
    clip_grad=dict(max_norm=40, norm_type=2))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=3,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 3,
        eta_min=1e-4,
        by_epoch=True,
        begin=3,
        end=max_epochs)
]
default_hooks = dict(checkpoint=dict(interval=max_epochs))
