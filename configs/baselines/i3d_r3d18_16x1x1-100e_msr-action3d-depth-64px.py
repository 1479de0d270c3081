# Scratch baseline: R3D-18 (32 base channels) on MSR Action3D depth,
# cross-subject, 16 frames sampled over the whole action, 64x64 crops.
# Run here with: tools/dist_train.sh <this config> 2   (2 CPU processes)
_base_ = [
    '../_base_/models/r3d18_depth.py',
    '../_base_/datasets/msr_action3d_depth.py', '../_base_/default_runtime.py'
]

max_epochs = 100
train_cfg = dict(
    type='EpochBasedTrainLoop',
    max_epochs=max_epochs,
    val_begin=1,
    val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.05, momentum=0.9, weight_decay=1e-4, nesterov=True),
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
# MSR Action3D has no validation split: the test subjects are watched during
# training, but no checkpoint is chosen by them (save_best off); the reported
# number is the last epoch's.
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
# lr above is for 2 processes x 8 clips
auto_scale_lr = dict(enable=False, base_batch_size=16)
