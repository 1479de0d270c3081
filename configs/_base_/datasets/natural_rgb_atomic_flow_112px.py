# The natural-RGB pretraining set (tools/data/natural_rgb/build_lists.py: 51
# training clips, 7 whole clips held out) for atomic-flow pretraining (Luo
# et al.): clips of the pair and `nat_af_num_steps` steps every
# `nat_af_frame_interval`-th frame, short side `nat_af_short_side`, a centre
# crop of `nat_af_crop` px: the frames of natural_rgb_c2f_motion.py's
# held-out pipeline (its training crops are random). Fixed (deterministic)
# resize and crop before AtomicFlowTargets, so that a pair's targets depend
# only on its two frames; flips after (MotionFlip flips the targets too);
# 2D targets (dx, dy: RGB has no depth); frames stay on [0, 255] (the data
# preprocessor normalises them). All of it is ours, not the paper's; the
# config's docstring has the motion budget. Only variables (`nat_af_*`,
# names apart from the parents'): a config sets its dataloaders from them.
nat_af_num_steps = 8
nat_af_frame_interval = 2
nat_af_short_side = 128
nat_af_crop = 112  # a 14 x 14 grid of 8 px patches; encoder stride 16
nat_af_root = '../shared/data'
nat_af_flow_targets = dict(
    type='AtomicFlowTargets',
    num_steps=nat_af_num_steps,
    modality='rgb',
    dim=2,
    patch=8,
    method='dis',
    preset='medium',
    cache_dir=None)
# SampleFrames reads frames start + k * interval, k < num_steps + 2
nat_af_min_frames = (nat_af_num_steps + 1) * nat_af_frame_interval + 1
nat_af_train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=nat_af_min_frames),
    dict(
        type='SampleFrames',
        clip_len=nat_af_num_steps + 2,
        frame_interval=nat_af_frame_interval,
        num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, nat_af_short_side)),
    dict(type='CenterCrop', crop_size=nat_af_crop), nat_af_flow_targets,
    dict(type='MotionFlip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
nat_af_heldout_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=nat_af_min_frames),
    dict(
        type='SampleFrames',
        clip_len=nat_af_num_steps + 2,
        frame_interval=nat_af_frame_interval,
        num_clips=1,
        test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, nat_af_short_side)),
    dict(type='CenterCrop', crop_size=nat_af_crop), nat_af_flow_targets,
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
nat_af_train = dict(
    type='UnlabeledVideoDataset',
    ann_file='data/natural_rgb/natural_rgb_train_list.txt',
    data_prefix=dict(video=nat_af_root),
    skip_invalid=True,
    pipeline=nat_af_train_pipeline)
nat_af_heldout = dict(
    type='UnlabeledVideoDataset',
    ann_file='data/natural_rgb/natural_rgb_heldout_list.txt',
    data_prefix=dict(video=nat_af_root),
    test_mode=True,
    pipeline=nat_af_heldout_pipeline)
