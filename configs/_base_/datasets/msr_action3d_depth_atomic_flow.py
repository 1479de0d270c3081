# MSR Action3D depth clips for atomic-flow pretraining (Luo et al.): a clip of
# num_steps + 2 consecutive frames; input = the first pair, targets = the patch
# flows of the num_steps pairs that follow (AtomicFlowTargets). Labels unused.
# Frames are resized to a fixed 64x48 (W x H) before the targets, so that a
# pair's targets depend only on the two frames (what the precompute tool's
# cache relies on); flips come after, and flip the targets too.
dataset_type = 'MotionVideoDataset'
data_root = 'data/msr_action3d'
ann_file_train = f'{data_root}/msr_action3d_train_list.txt'
ann_file_val = f'{data_root}/msr_action3d_val_list.txt'
num_steps = 8
patch = 8
frame_size = (64, 48)  # (W, H): a 8 x 6 patch grid
flow_targets = dict(
    type='AtomicFlowTargets',
    num_steps=num_steps,
    modality='depth',
    dim=3,
    patch=patch,
    method='dis',
    preset='medium',
    depth_scale=0.1,
    cache_dir=None)

train_pipeline = [
    dict(type='DepthInit'),
    dict(type='CheckFrameCount', min_frames=num_steps + 2),
    dict(
        type='SampleFrames',
        clip_len=num_steps + 2,
        frame_interval=1,
        num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False), flow_targets,
    dict(type='MotionFlip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
val_pipeline = [
    dict(type='DepthInit'),
    dict(type='CheckFrameCount', min_frames=num_steps + 2),
    dict(
        type='SampleFrames',
        clip_len=num_steps + 2,
        frame_interval=1,
        num_clips=1,
        test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False), flow_targets,
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
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
        pipeline=val_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AtomicFlowMetric')
test_evaluator = val_evaluator
