# NTU RGB+D 60 cross-subject, masked depth in our T x H x W .npy format
# (data/ntu_rgbd/depth/<SsssCcccPpppRrrrAaaa>.npy), atomic-flow pretraining:
# 10 consecutive frames (the pair + 8 steps), resized to 224 x 224, 3D targets
# over 16 x 16 patches. NOT RUN HERE (no NTU data on this machine). Lists:
#   python tools/data/ntu_rgbd/build_lists.py --src data/ntu_rgbd/depth \
#       --out data/ntu_rgbd --modality depth
# (NTU's masked depth PNGs must first become our T x H x W .npy files; no
# shipped converter yet.)
dataset_type = 'MotionVideoDataset'
data_root = 'data/ntu_rgbd'
num_steps = 8
frame_size = (224, 224)
patch = 16
flow_targets = dict(type='AtomicFlowTargets', num_steps=num_steps,
                    modality='depth', dim=3, patch=patch, method='dis',
                    depth_scale=0.01)
train_pipeline = [
    dict(type='DepthInit'),
    dict(type='CheckFrameCount', min_frames=num_steps + 2),
    dict(type='SampleFrames', clip_len=num_steps + 2, frame_interval=1,
         num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
    flow_targets,
    dict(type='MotionFlip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
val_pipeline = [
    dict(type='DepthInit'),
    dict(type='CheckFrameCount', min_frames=num_steps + 2),
    dict(type='SampleFrames', clip_len=num_steps + 2, frame_interval=1,
         num_clips=1, test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
    flow_targets,
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
]
train_dataloader = dict(
    batch_size=16, num_workers=8, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type,
                 ann_file=f'{data_root}/ntu60_xsub_train_depth_list.txt',
                 data_prefix=dict(video=f'{data_root}/depth'),
                 num_classes=60, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16, num_workers=8, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type,
                 ann_file=f'{data_root}/ntu60_xsub_val_depth_list.txt',
                 data_prefix=dict(video=f'{data_root}/depth'),
                 num_classes=60, pipeline=val_pipeline, test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AtomicFlowMetric')
test_evaluator = val_evaluator
