# NTU RGB+D 60 cross-subject, atomic-flow pretraining at paper scale (as
# ntu60_xsub_depth_atomic_flow_224.py: 10 consecutive frames, 224 x 224,
# 16 x 16 patches) on RGB videos (data/ntu_rgbd/rgb/<name>_rgb.avi), 2D targets
# (dx, dy: RGB has no depth); no DepthNormalize (the data preprocessor
# normalises). NOT RUN HERE. Only pipelines: the config sets its dataloaders
# over its parent's.
ntu_rgb_flow_train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=10),
    dict(type='SampleFrames', clip_len=10, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(
        type='AtomicFlowTargets',
        num_steps=8,
        modality='rgb',
        dim=2,
        patch=16,
        method='dis',
        preset='medium',
        depth_scale=0.01,
        cache_dir=None),
    dict(type='MotionFlip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
ntu_rgb_flow_val_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=10),
    dict(
        type='SampleFrames',
        clip_len=10,
        frame_interval=1,
        num_clips=1,
        test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(
        type='AtomicFlowTargets',
        num_steps=8,
        modality='rgb',
        dim=2,
        patch=16,
        method='dis',
        preset='medium',
        depth_scale=0.01,
        cache_dir=None),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
