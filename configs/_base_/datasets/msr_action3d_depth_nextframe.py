# MSR Action3D depth, cross-subject, clips of T + 1 = 9 frames (every 2nd
# frame) for next-frame prediction; test as DynamoNet does: the whole video
# cut into non-overlapping clips, scores averaged (batch 1: videos differ in
# their number of clips).
dataset_type = 'MotionVideoDataset'
data_root = 'data/msr_action3d'
clip_len = 9
frame_interval = 2
train_pipeline = [
    dict(type='DepthInit'),
    dict(
        type='SampleFrames',
        clip_len=clip_len,
        frame_interval=frame_interval,
        num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='RandomCrop', size=64),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DepthInit'),
    dict(
        type='NonOverlappingClips',
        clip_len=clip_len,
        frame_interval=frame_interval),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
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
        ann_file=f'{data_root}/msr_action3d_train_list.txt',
        data_prefix=dict(video=data_root),
        num_classes=20,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        ann_file=f'{data_root}/msr_action3d_val_list.txt',
        data_prefix=dict(video=data_root),
        num_classes=20,
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
