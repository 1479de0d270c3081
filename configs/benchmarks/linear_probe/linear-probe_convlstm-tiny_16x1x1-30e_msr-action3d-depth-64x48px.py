# Linear probe on MSR Action3D cross-subject (depth) of the atomic-flow
# ConvLSTM encoder (configs/atomic_flow): the encoder of a pretraining
# checkpoint, frozen (FrozenFeatures: no gradients, norm layers in eval mode),
# reads each video's 16 uniformly sampled frames, 64x48, as one sequence, as
# the retrieval config does; its last hidden state, average-pooled and
# normalised, feeds one linear layer (LinearProbeHead) trained for 30 epochs,
# with the schedule of the ResNeXt linear probe. Name the checkpoint:
#   bash tools/dist_train.sh <this config> 2 --no-validate --cfg-options \
#       model.backbone.encoder.init_cfg.checkpoint=work_dirs/<pretraining>/epoch_N.pth
# (tools/benchmarks/run_benchmark.py runs it for the atomic-flow pretraining).
_base_ = [
    '../../baselines/convlstm_convlstm-tiny_16x1x1-60e_msr-action3d-depth-'
    '64x48px.py'
]
model = dict(
    backbone=dict(
        _delete_=True,
        type='FrozenFeatures',
        encoder=dict(
            type='ConvLSTMEncoder',
            modality='depth',
            channels=(32, 64, 64, 64),
            strides=(2, 2, 2, 2),
            lstm_channels=64,
            init_cfg=dict(
                type='Pretrained',
                checkpoint='SET_WITH_--cfg-options',
                prefix='backbone.'))),
    cls_head=dict(type='LinearProbeHead', in_channels=64))
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs)
# Adam for the classifier alone (ours), as the ResNeXt linear probe
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
