# Quick-start demo: the scratch baseline's model and pipeline on the 22 MSR
# Action3D sequences shipped in tests/data (4 actions; train subjects 1, 3, 5,
# test subjects 2, 4, 6), converted by tools/quickstart.sh into
# work_dirs/demo/data. A few minutes on 2 CPU cores.
model = dict(cls_head=dict(dropout_ratio=0.2))
_base_ = ['../baselines/r3d18_scratch_2xb8-16x1x1-100e_msr-action3d-depth-64px.py']

data_root = 'work_dirs/demo/data'
max_epochs = 80
train_cfg = dict(max_epochs=max_epochs, val_interval=20)
train_dataloader = dict(
    batch_size=2,
    dataset=dict(
        ann_file=f'{data_root}/msr_action3d_train_list.txt',
        data_prefix=dict(video=data_root)))
val_dataloader = dict(
    batch_size=4,
    dataset=dict(
        ann_file=f'{data_root}/msr_action3d_val_list.txt',
        data_prefix=dict(video=data_root)))
test_dataloader = val_dataloader
# Adam converges on 11 clips where the baseline's SGD schedule needs more steps
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=2e-3, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=3,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - 3, eta_min=1e-4,
         by_epoch=True, begin=3, end=max_epochs)
]
default_hooks = dict(
    checkpoint=dict(interval=max_epochs), logger=dict(interval=5))
