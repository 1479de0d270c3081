# Linear probe on MSR Action3D cross-subject (depth): the tiny ResNeXt3D-18
# of a pretraining checkpoint, frozen (all stages, norm layers in eval mode),
# under a linear classifier (MMAction2's I3DHead: average pooling, dropout,
# a parameter-free BatchNorm, one FC: LinearProbeHead) trained for 30 epochs.
# The recognizer and data are those of the DynamoNet scratch row; only the
# backbone is frozen and loaded, and the head normalises the features. Name the
# checkpoint (any with backbone.* keys: DynamoNet, coarse-to-fine motion):
#   bash tools/dist_train.sh <this config> 2 --no-validate --cfg-options \
#       model.backbone.init_cfg.checkpoint=work_dirs/<pretraining>/epoch_N.pth
# (tools/benchmarks/run_benchmark.py runs it for every pretraining).
_base_ = [
    '../../baselines/i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py'
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
