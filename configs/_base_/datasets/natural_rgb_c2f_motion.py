# The natural-RGB pretraining set (tools/data/natural_rgb/build_lists.py:
# 51 training clips of ../shared/data/natural_rgb and unlabeled_rgb; 7 whole
# natural clips held out) for coarse-to-fine motion: clips of
# `nat_clip_len` frames every `nat_frame_interval`-th, short side
# `nat_short_side`, `nat_crop` px crops (`nat_*`: names apart from the
# configs' own); frames stay on [0, 255] (the data preprocessor scales
# them). Ours, from the motion budget (tools/analysis/motion_statistics.py,
# docs/logs/motion_budget/): at 112 px and every 2nd frame the training
# clips move 1.33 px per pair (DIS mean; every 4th: 1.69 px, but 3 clips
# are then too short), against 0.35 px for the unlabelled clips at 64 px.
# Training: random crops and flips; validation: motion quality on the
# held-out clips (centre crops). Only pipelines and the two datasets: a
# config sets its dataloaders from them.
nat_clip_len = 8
nat_frame_interval = 2
nat_short_side = 128
nat_crop = 112
natural_rgb_root = '../shared/data'
natural_rgb_train = dict(
    type='UnlabeledVideoDataset',
    ann_file='data/natural_rgb/natural_rgb_train_list.txt',
    data_prefix=dict(video=natural_rgb_root),
    skip_invalid=True,
    pipeline=[
        dict(type='SafeDecordInit'),
        dict(
            type='CheckFrameCount',
            min_frames=nat_clip_len * nat_frame_interval),
        dict(
            type='SampleFrames',
            clip_len=nat_clip_len,
            frame_interval=nat_frame_interval,
            num_clips=1),
        dict(type='DecordDecode'),
        dict(type='Resize', scale=(-1, nat_short_side)),
        dict(type='RandomCrop', size=nat_crop),
        dict(type='Flip', flip_ratio=0.5),
        dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs')
    ])
natural_rgb_heldout = dict(
    type='UnlabeledVideoDataset',
    ann_file='data/natural_rgb/natural_rgb_heldout_list.txt',
    data_prefix=dict(video=natural_rgb_root),
    test_mode=True,
    pipeline=[
        dict(type='SafeDecordInit'),
        dict(
            type='SampleFrames',
            clip_len=nat_clip_len,
            frame_interval=nat_frame_interval,
            num_clips=1,
            test_mode=True),
        dict(type='DecordDecode'),
        dict(type='Resize', scale=(-1, nat_short_side)),
        dict(type='CenterCrop', crop_size=nat_crop),
        dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs')
    ])
