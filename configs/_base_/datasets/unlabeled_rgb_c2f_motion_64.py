# RGB clips for coarse-to-fine motion pretraining (the c2f-motion RGB
# config): 8 frames (every 2nd), short side 72, 64 px crops; frames stay on
# [0, 255] (the data preprocessor scales them to [0, 1]). Training on the
# unlabelled clips (at least 16 frames), validation on whole ud810 videos.
# Only pipelines: the config sets its dataloaders over its depth parent's.
c2f_rgb_train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=16),
    dict(type='SampleFrames', clip_len=8, frame_interval=2, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='RandomCrop', size=64),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
c2f_rgb_val_pipeline = [
    dict(type='SafeDecordInit'),
    dict(
        type='SampleFrames',
        clip_len=8,
        frame_interval=2,
        num_clips=1,
        test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
