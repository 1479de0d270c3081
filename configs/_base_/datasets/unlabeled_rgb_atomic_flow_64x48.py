# RGB clips for atomic-flow pretraining (the unlabelled-RGB config): as
# msr_action3d_depth_atomic_flow.py (10 consecutive frames: the pair and 8
# steps, a fixed 64x48 resize before the targets, flips after), decoded from
# videos, with 2D targets (dx, dy: RGB has no depth); no DepthNormalize (the
# data preprocessor normalises RGB). Only pipelines: the config sets its
# dataloaders over its depth parent's.
rgb_flow_train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=10),
    dict(type='SampleFrames', clip_len=10, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(64, 48), keep_ratio=False),
    dict(
        type='AtomicFlowTargets',
        num_steps=8,
        modality='rgb',
        dim=2,
        patch=8,
        method='dis',
        preset='medium',
        depth_scale=0.1,
        cache_dir=None),
    dict(type='MotionFlip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
rgb_flow_val_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=10),
    dict(
        type='SampleFrames',
        clip_len=10,
        frame_interval=1,
        num_clips=1,
        test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(64, 48), keep_ratio=False),
    dict(
        type='AtomicFlowTargets',
        num_steps=8,
        modality='rgb',
        dim=2,
        patch=8,
        method='dis',
        preset='medium',
        depth_scale=0.1,
        cache_dir=None),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
