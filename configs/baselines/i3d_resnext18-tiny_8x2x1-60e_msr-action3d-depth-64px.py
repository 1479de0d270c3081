# (a) Scratch: the same ResNeXt3D-18 in MMAction2's Recognizer3D with an I3D
# head, no frame-prediction branch; clips of the same 8 input frames.
_base_ = [
    '../_base_/models/dynamonet_resnext18_tiny_depth.py',
    '../_base_/datasets/msr_action3d_depth_nextframe.py',
    '../_base_/schedules/sgd_nesterov_cosine.py',
    '../_base_/default_runtime.py'
]
# no checkpoint is chosen on the test subjects (MSR has no validation split)
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
model = dict(
    _delete_=True,
    type='Recognizer3D',
    backbone={{_base_.model.backbone}},
    cls_head=dict(
        type='I3DHead',
        num_classes=20,
        in_channels={{_base_.feat_dim}},
        spatial_type='avg',
        dropout_ratio=0.5,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))
clip_len = 8
frame_interval = 2
train_pipeline = [
    dict(type='DepthInit'),
    dict(
        type='SampleFrames',
        clip_len=clip_len,
        frame_interval=frame_interval,
        num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='RandomCrop', size=64),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DepthInit'),
    dict(
        type='NonOverlappingClips',
        clip_len=clip_len,
        frame_interval=frame_interval),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
