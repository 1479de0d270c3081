# MSR Action3D depth clips for atomic-flow pretraining (Luo et al.) at a
# larger frame and frame interval than msr_action3d_depth_atomic_flow.py
# (64x48, consecutive frames): the clip is num_steps + 2 frames taken every
# `af_frame_interval`-th frame, resized to `af_frame_size` (W x H, 4:3, the
# whole frame: the person spans nearly its full height) before the targets;
# the input is the first pair, the targets the patch flows of the num_steps
# pairs that follow (AtomicFlowTargets, the paper's layout); flips after, as
# there. Size and interval are ours, from the motion budget (the config's
# docstring has the numbers). Only variables (`af_*`, names apart from the
# depth parent's): a config sets its dataloaders from them.
af_num_steps = 8
af_patch = 8
af_frame_interval = 2
af_frame_size = (128, 96)  # (W, H): a 16 x 12 patch grid, encoder stride 16
af_flow_targets = dict(
    type='AtomicFlowTargets',
    num_steps=af_num_steps,
    modality='depth',
    dim=3,
    patch=af_patch,
    method='dis',
    preset='medium',
    depth_scale=0.1,
    cache_dir=None)
# SampleFrames reads frames start + k * interval, k < num_steps + 2: a video
# needs (num_steps + 1) * interval + 1 frames (19 at interval 2; 5 of the 283
# training videos have fewer and are skipped, the dataset's skip_invalid)
af_min_frames = (af_num_steps + 1) * af_frame_interval + 1
af_msr_train_pipeline = [
    dict(type='DepthInit'),
    dict(type='CheckFrameCount', min_frames=af_min_frames),
    dict(
        type='SampleFrames',
        clip_len=af_num_steps + 2,
        frame_interval=af_frame_interval,
        num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=af_frame_size, keep_ratio=False),
    af_flow_targets,
    dict(type='MotionFlip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
# Validation scores every listed test video (test mode cannot skip): one of
# the 273 (18 frames) is one frame short at interval 2, so its last index is
# repeated (`repeat_last`) and its 8th step's target is zero motion; every
# other clip is as in training (a centred clip, no flip).
af_msr_val_pipeline = [
    dict(type='DepthInit'),
    dict(type='CheckFrameCount', min_frames=af_min_frames - 1),
    dict(
        type='SampleFrames',
        clip_len=af_num_steps + 2,
        frame_interval=af_frame_interval,
        num_clips=1,
        out_of_bound_opt='repeat_last',
        test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=af_frame_size, keep_ratio=False),
    af_flow_targets,
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
