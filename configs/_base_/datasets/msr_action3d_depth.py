# MSR Action3D, depth, cross-subject (train subjects 1,3,5,7,9; test
# 2,4,6,8,10). Data: python tools/data/msr_action3d/convert.py (writes
# data/msr_action3d). The whole action is sampled uniformly (UniformSample):
# the sequences are short (13-76 frames) and each holds exactly one action.
dataset_type = 'MotionVideoDataset'
data_root = 'data/msr_action3d'
ann_file_train = f'{data_root}/msr_action3d_train_list.txt'
ann_file_val = f'{data_root}/msr_action3d_val_list.txt'
clip_len = 16
img_size = 64
resize_short = 72

train_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=clip_len, num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, resize_short)),
    dict(type='RandomCrop', size=img_size),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=clip_len, num_clips=1, test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, resize_short)),
    dict(type='CenterCrop', crop_size=img_size),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    batch_size=8,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        ann_file=ann_file_train,
        data_prefix=dict(video=data_root),
        num_classes=20,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=8,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        ann_file=ann_file_val,
        data_prefix=dict(video=data_root),
        num_classes=20,
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
