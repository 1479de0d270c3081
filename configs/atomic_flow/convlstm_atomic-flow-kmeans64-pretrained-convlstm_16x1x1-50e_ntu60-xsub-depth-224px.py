# Paper scale, NOT RUN HERE: fine-tuning on NTU RGB+D 60 cross-subject depth
# from the NTU depth atomic-flow pretraining (Luo et al. report 66.2).
_base_ = [
    '../_base_/models/atomic_flow_recognizer_tiny_depth.py',
    '../_base_/datasets/ntu60_xsub_depth_224.py',
    '../_base_/schedules/adam_cosine.py', '../_base_/default_runtime.py'
]
pretrained = ((
    'work_dirs/atomic-flow-kmeans64_convlstm_10x1x1-40e_ntu60-xsub-depth-'
    '224px/epoch_40.pth'))
model = dict(
    backbone=dict(
        encoder=dict(
            channels=(64, 128, 256, 256),
            lstm_channels=256,
            init_cfg=dict(
                type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
        temporal_channels=512),
    cls_head=dict(num_classes=60, in_channels=512))
max_epochs = 50
train_cfg = dict(max_epochs=max_epochs, val_interval=5)
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 2,
        eta_min=1e-5,
        by_epoch=True,
        begin=2,
        end=max_epochs)
]
auto_scale_lr = dict(enable=True, base_batch_size=64)
