# Scratch row of the RGB atomic-flow run: the pairwise ConvLSTM recognizer on
# ud810 (3 actions), leave-one-person-out fold 1 (folds 2 and 3: the sibling
# configs; the README reports the mean over the three). 2 processes x 4 clips.
_base_ = [
    '../_base_/models/atomic_flow_recognizer_tiny_depth.py',
    '../_base_/datasets/ud810_rgb.py', '../_base_/schedules/adam_cosine.py',
    '../_base_/default_runtime.py'
]
model = dict(
    backbone=dict(encoder=dict(modality='rgb')),
    cls_head=dict(num_classes=3),
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375]))
max_epochs = 60
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 2,
        eta_min=1e-5,
        by_epoch=True,
        begin=2,
        end=max_epochs)
]
default_hooks = dict(checkpoint=dict(interval=20, save_best=None))
auto_scale_lr = dict(enable=False, base_batch_size=8)
