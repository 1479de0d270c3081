# A tiny recognizer on the MSR Action3D clips of tests/data, for tool tests.
# `data_root` is set by the tests (--cfg-options) to a converted copy.
_base_ = [
    '../../configs/_base_/models/r3d18_depth.py',
    '../../configs/_base_/datasets/msr_action3d_depth.py',
    '../../configs/_base_/default_runtime.py'
]
model = dict(
    backbone=dict(base_channels=4, conv1_kernel=(1, 3, 3)),
    cls_head=dict(in_channels=32))
clip_len = 4
train_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=clip_len, num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 36)),
    dict(type='RandomCrop', size=32),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=clip_len, num_clips=1, test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 36)),
    dict(type='CenterCrop', crop_size=32),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
data_root = 'SET_BY_TEST'
train_dataloader = dict(
    batch_size=2,
    num_workers=1,
    persistent_workers=False,
    dataset=dict(
        ann_file=f'{data_root}/msr_action3d_train_list.txt',
        data_prefix=dict(video=data_root),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=2,
    num_workers=1,
    persistent_workers=False,
    dataset=dict(
        ann_file=f'{data_root}/msr_action3d_val_list.txt',
        data_prefix=dict(video=data_root),
        pipeline=test_pipeline))
test_dataloader = val_dataloader
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=3, val_begin=1, val_interval=100)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.01, momentum=0.9))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=3, by_epoch=True, begin=0, end=3)
]
default_hooks = dict(
    checkpoint=dict(interval=1, save_best=None, max_keep_ckpts=5),
    logger=dict(interval=1))
