# Scratch baseline of the benchmark suite's ud810 protocol (RGB, 3 actions,
# leave-one-person-out; fold 1 here, folds 2 and 3 in the sibling configs, the
# mean of the three is reported): the tiny ResNeXt3D-18 recognizer of
# configs/dynamonet's scratch row with RGB input, clips of 8 frames (every
# 2nd), 64 px, RGB scaled to [0, 1] as in the RGB coarse-to-fine pretraining;
# 2 processes x 4 clips, 60 epochs. Tested at video level (non-overlapping
# clips, centre crop, averaged scores).
_base_ = ['./i3d_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py']
data_root = 'data/ud810'
model = dict(
    backbone=dict(in_channels=3),
    cls_head=dict(num_classes=3),
    data_preprocessor=dict(mean=[0.0, 0.0, 0.0], std=[255.0, 255.0, 255.0]))
clip_len = 8
frame_interval = 2
train_pipeline = [
    dict(type='SafeDecordInit'),
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
test_pipeline = [
    dict(type='SafeDecordInit'),
    dict(
        type='NonOverlappingClips',
        clip_len=clip_len,
        frame_interval=frame_interval),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    batch_size=4,
    dataset=dict(
        _delete_=True,
        type='MotionVideoDataset',
        ann_file=f'{data_root}/ud810_fold1_train_list.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=3,
        pipeline=train_pipeline))
val_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='MotionVideoDataset',
        ann_file=f'{data_root}/ud810_fold1_val_list.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=3,
        test_mode=True,
        pipeline=test_pipeline))
test_dataloader = val_dataloader
auto_scale_lr = dict(enable=False, base_batch_size=8)
