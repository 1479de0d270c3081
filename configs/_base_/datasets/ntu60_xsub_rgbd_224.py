# NTU RGB+D 60 cross-subject clips for action recognition (as
# ntu60_xsub_depth_224.py: 16 frames spread over the video, 224 x 224) from
# RGB videos with their registered depth stacked as a 4th channel (MergeDepth);
# no DepthNormalize (the data preprocessor normalises). NOT RUN HERE. Only
# pipelines: the config sets its dataloaders over its parent's.
ntu_rgbd_train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='MergeDepth', depth_root='data/ntu_rgbd/depth_registered'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
ntu_rgbd_test_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='MergeDepth', depth_root='data/ntu_rgbd/depth_registered'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
