# Paper scale, NOT RUN HERE (needs a GPU cluster and Kinetics-400):
# self-supervised coarse-to-fine motion on Kinetics-400's training videos
# (labels unused), 16 frames (every 2nd), 112 px; motion quality (warping
# error and SSIM beside DIS, Farneback and zero motion) on the validation
# videos. The paper's schedule and numbers are not given here (only its
# abstract is available to us): this schedule is ours.
# Data: MMAction2's Kinetics-400 preparation (tools/data/kinetics in
# MMAction2) giving data/kinetics400/{videos_train,videos_val} and the lists.
_base_ = [
    '../_base_/models/c2f_motion_resnext50.py',
    '../_base_/schedules/adam_cosine.py', '../_base_/default_runtime.py'
]
data_root = 'data/kinetics400'
clip_len = 16
frame_interval = 2
train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=clip_len * frame_interval),
    dict(
        type='SampleFrames',
        clip_len=clip_len,
        frame_interval=frame_interval,
        num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 128)),
    dict(type='RandomCrop', size=112),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
val_pipeline = [
    dict(type='SafeDecordInit'),
    dict(
        type='SampleFrames',
        clip_len=clip_len,
        frame_interval=frame_interval,
        num_clips=1,
        test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 128)),
    dict(type='CenterCrop', crop_size=112),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    batch_size=16,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='UnlabeledVideoDataset',
        ann_file=f'{data_root}/kinetics400_train_list_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos_train'),
        # a long run survives a broken video: counted, logged, skipped
        skip_invalid=True,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='UnlabeledVideoDataset',
        ann_file=f'{data_root}/kinetics400_val_list_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos_val'),
        test_mode=True,
        pipeline=val_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(type='MotionWarpMetric')
test_evaluator = val_evaluator
max_epochs = 100
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=5,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 5,
        eta_min=1e-5,
        by_epoch=True,
        begin=5,
        end=max_epochs)
]
custom_hooks = [dict(type='MotionVisualizationHook', interval=1000)]
default_hooks = dict(checkpoint=dict(interval=5, save_best=None))
auto_scale_lr = dict(enable=True, base_batch_size=128)
