# RGB videos at DynamoNet's paper scale: T + 1 consecutive frames; short side
# resized to 122, random 112x112 crops and horizontal flips for training; for
# testing, the whole video cut into non-overlapping clips, 112 centre crop,
# scores averaged (paper, sec. 4.3). Leaf configs set the annotation files.
# Annotation format (MMAction2's VideoDataset): "relative/path.mp4 label".
dataset_type = 'MotionVideoDataset'
clip_len = 17  # T = 16 input frames + the next one
train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(
        type='SampleFrames', clip_len=clip_len, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 122)),
    dict(type='RandomCrop', size=112),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='NonOverlappingClips', clip_len=clip_len, frame_interval=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 122)),
    dict(type='CenterCrop', crop_size=112),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        ann_file='SET_IN_LEAF_CONFIG',
        data_prefix=dict(video='SET_IN_LEAF_CONFIG'),
        skip_invalid=True,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        ann_file='SET_IN_LEAF_CONFIG',
        data_prefix=dict(video='SET_IN_LEAF_CONFIG'),
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = [dict(type='AccMetric'), dict(type='FramePredictionMetric')]
test_evaluator = val_evaluator
