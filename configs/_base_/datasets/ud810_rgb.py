# ud810 actions (RGB, 3 actions x 3 people x 3 trials), leave-one-person-out.
# Data: python tools/data/ud810/build_annotations.py (writes data/ud810).
# Pick the fold with --cfg-options or by overriding `fold` in a child config
# (then redefine the dataloaders' ann_file, which are computed here).
dataset_type = 'MotionVideoDataset'
data_root = 'data/ud810'
fold = 1
clip_len = 16
train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='UniformSample', clip_len=clip_len, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='RandomCrop', size=64),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='UniformSample', clip_len=clip_len, num_clips=1, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    batch_size=4,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        ann_file=f'{data_root}/ud810_fold{fold}_train_list.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=3,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=4,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        ann_file=f'{data_root}/ud810_fold{fold}_val_list.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=3,
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
