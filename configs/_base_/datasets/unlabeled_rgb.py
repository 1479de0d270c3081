# Unlabelled RGB clips for self-supervised pretraining.
# List: python tools/data/build_file_list.py ../shared/data/unlabeled_rgb \
#           --root ../shared/data --out data/unlabeled/unlabeled_rgb_list.txt
# (or set ann_file='' to take every video under data_prefix's folder).
dataset_type = 'UnlabeledVideoDataset'
unlabeled_root = '../shared/data'
clip_len = 16
frame_interval = 2
unlabeled_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=clip_len * frame_interval),
    dict(
        type='SampleFrames',
        clip_len=clip_len,
        frame_interval=frame_interval,
        num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='RandomCrop', size=64),
    dict(type='Flip', flip_ratio=0.5),
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
        ann_file='data/unlabeled/unlabeled_rgb_list.txt',
        data_prefix=dict(video=unlabeled_root),
        # long pretraining runs survive a broken clip: counted, logged, skipped
        skip_invalid=True,
        pipeline=unlabeled_pipeline))
