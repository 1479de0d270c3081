# A tiny RGB recognizer over a list of real (and broken) videos, for the
# bad-input tests: the list and its folder are set by the tests
# (--cfg-options); 2 loader workers, bad samples skipped.
_base_ = ['./tiny_r3d_msr.py']
model = dict(
    backbone=dict(in_channels=3),
    cls_head=dict(num_classes=2),
    data_preprocessor=dict(mean=[0.0, 0.0, 0.0], std=[255.0, 255.0, 255.0]))
clip_len = 4
train_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='CheckFrameCount', min_frames=8),
    dict(
        type='SampleFrames', clip_len=clip_len, frame_interval=2, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 36)),
    dict(type='RandomCrop', size=32),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
data_root = 'SET_BY_TEST'
train_dataloader = dict(
    batch_size=2,
    num_workers=2,
    persistent_workers=False,
    dataset=dict(
        _delete_=True,
        type='MotionVideoDataset',
        ann_file=f'{data_root}/list.txt',
        data_prefix=dict(video=data_root),
        num_classes=2,
        skip_invalid=True,
        pipeline=train_pipeline))
val_dataloader = None
val_cfg = None
val_evaluator = None
test_dataloader = None
test_cfg = None
test_evaluator = None
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=2, val_interval=100)
param_scheduler = []
