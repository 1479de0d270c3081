# Paper scale, NOT RUN HERE: 64 input frames (paper: 77.9 top-1 on K400).
_base_ = ['./dynamonet-joint_stcnet101_16+1x1x1-100e_kinetics400-rgb-112px.py']
num_frames = 64
model = dict(
    backbone=dict(num_frames=num_frames),
    fp_head=dict(num_frames=num_frames),
    cls_head=dict(num_frames=num_frames))
train_dataloader = dict(batch_size=2)
train_dataloader['dataset'] = dict(pipeline=[
    dict(type='SafeDecordInit'),
    dict(
        type='SampleFrames',
        clip_len=num_frames + 1,
        frame_interval=1,
        num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 122)),
    dict(type='RandomCrop', size=112),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
])
val_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='SafeDecordInit'),
        dict(
            type='NonOverlappingClips',
            clip_len=num_frames + 1,
            frame_interval=1),
        dict(type='DecordDecode'),
        dict(type='Resize', scale=(-1, 122)),
        dict(type='CenterCrop', crop_size=112),
        dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs')
    ]))
test_dataloader = val_dataloader
auto_scale_lr = dict(base_batch_size=64)
