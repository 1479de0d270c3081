# Quick-start demo, the scratch row: the tiny ResNeXt3D-18 recognizer of
# configs/dynamonet's scratch row, trained from random weights on the 11
# training clips of work_dirs/demo/data (tools/quickstart.sh), tested on the
# 10 held-out ones. About a minute on 2 cores.
_base_ = [
    '../baselines/i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py'
]
data_root = 'work_dirs/demo/data'
max_epochs = 60
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
train_dataloader = dict(
    batch_size=2,
    dataset=dict(
        ann_file=f'{data_root}/msr_action3d_train_list.txt',
        data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/msr_action3d_val_list.txt',
        data_prefix=dict(video=data_root)))
test_dataloader = val_dataloader
# Adam converges on 11 clips where the SGD schedule needs more steps
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=2e-3, weight_decay=1e-4))
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
default_hooks = dict(
    checkpoint=dict(interval=max_epochs), logger=dict(interval=5))
