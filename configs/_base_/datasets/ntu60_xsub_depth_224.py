# NTU RGB+D 60 cross-subject depth clips for action recognition: 16 frames
# spread over the video, 224 x 224. NOT RUN HERE. Lists:
#   python tools/data/ntu_rgbd/build_lists.py --src data/ntu_rgbd/depth \
#       --out data/ntu_rgbd --modality depth
dataset_type = 'MotionVideoDataset'
data_root = 'data/ntu_rgbd'
frame_size = (224, 224)
train_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1, test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        ann_file=f'{data_root}/ntu60_xsub_train_depth_list.txt',
        data_prefix=dict(video=f'{data_root}/depth'),
        num_classes=60,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        ann_file=f'{data_root}/ntu60_xsub_val_depth_list.txt',
        data_prefix=dict(video=f'{data_root}/depth'),
        num_classes=60,
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
