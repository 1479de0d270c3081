# RGB videos at 112 px as rgb_nextframe_112.py (short side 122, random 112
# crops and flips for training; the whole video in non-overlapping clips,
# 112 centre crop, for testing), clips of 16 frames (every 2nd) for a
# recognizer. Only pipelines: the config sets its dataloaders.
clip_train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=2, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 122)),
    dict(type='RandomCrop', size=112),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
clip_test_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='NonOverlappingClips', clip_len=16, frame_interval=2),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 122)),
    dict(type='CenterCrop', crop_size=112),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
