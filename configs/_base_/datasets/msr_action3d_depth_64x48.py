# MSR Action3D depth, cross-subject, for the atomic-flow recognizer: 16 frames
# spread over the whole action (UniformSample), resized to a fixed 64x48 (W x H)
# as in atomic-flow pretraining, horizontal flips.
dataset_type = 'MotionVideoDataset'
data_root = 'data/msr_action3d'
ann_file_train = f'{data_root}/msr_action3d_train_list.txt'
ann_file_val = f'{data_root}/msr_action3d_val_list.txt'
clip_len = 16
frame_size = (64, 48)

train_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=clip_len, num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=clip_len, num_clips=1,
         test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
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
