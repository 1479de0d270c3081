# Paper scale, NOT RUN HERE: the Kinetics-400 coarse-to-fine motion encoder
# (c2f-motion_resnext50_16x2x1-100e_kinetics400-rgb-112px.py)
# fine-tuned for recognition on UCF101 split 1: MMAction2's Recognizer3D with
# an I3D head, 16 frames (every 2nd) at 112 px; video-level testing on
# non-overlapping clips, centre crop, averaged scores. The paper's numbers
# are not given here (only its abstract is available to us).
# Data: MMAction2's ucf101 preparation (data/ucf101/videos and the split
# lists); for splits 2 and 3 change the two list names.
_base_ = [
    '../_base_/datasets/rgb_nextframe_112.py',
    '../_base_/schedules/sgd_nesterov_cosine.py',
    '../_base_/default_runtime.py', '../_base_/datasets/rgb_16x2x1_112.py'
]
pretrained = ((
    'work_dirs/c2f-motion_resnext50_16x2x1-100e_kinetics400-rgb-112px/epoch_'
    '100.pth'))
data_root = 'data/ucf101'
num_classes = 101
model = dict(
    type='Recognizer3D',
    backbone=dict(
        type='ResNeXt3D',
        depth=50,
        in_channels=3,
        init_cfg=dict(
            type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    cls_head=dict(
        type='I3DHead',
        num_classes=num_classes,
        in_channels=2048,
        spatial_type='avg',
        dropout_ratio=0.5,
        average_clips='prob'),
    # frames on [0, 1], as in pretraining
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[0.0, 0.0, 0.0],
        std=[255.0, 255.0, 255.0],
        format_shape='NCTHW'))
clip_len = 16
frame_interval = 2

train_dataloader = dict(
    batch_size=8,
    dataset=dict(
        ann_file=f'{data_root}/ucf101_train_split_1_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=num_classes,
        pipeline=_base_.clip_train_pipeline))
val_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/ucf101_val_split_1_videos.txt',
        data_prefix=dict(video=f'{data_root}/videos'),
        num_classes=num_classes,
        pipeline=_base_.clip_test_pipeline))
test_dataloader = val_dataloader
val_evaluator = [dict(type='AccMetric')]
test_evaluator = val_evaluator
max_epochs = 50
train_cfg = dict(max_epochs=max_epochs, val_interval=5)
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=3,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 3,
        eta_min=1e-4,
        by_epoch=True,
        begin=3,
        end=max_epochs)
]
optim_wrapper = dict(optimizer=dict(lr=0.01))
default_hooks = dict(checkpoint=dict(interval=5, save_best='acc/top1'))
auto_scale_lr = dict(enable=True, base_batch_size=64)
