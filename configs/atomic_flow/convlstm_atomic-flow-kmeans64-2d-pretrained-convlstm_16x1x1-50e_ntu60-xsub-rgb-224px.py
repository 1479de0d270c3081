# Paper scale, NOT RUN HERE: fine-tuning on NTU RGB+D 60 cross-subject RGB from
# the NTU RGB atomic-flow pretraining (Luo et al.: 56.0 for 8 steps, RGB).
_base_ = [
    ('./convlstm_atomic-flow-kmeans64-pretrained-convlstm_16x1x1-50e_ntu60-'
     'xsub-depth-224px.py'), '../_base_/datasets/ntu60_xsub_rgb_224.py'
]
data_root = 'data/ntu_rgbd'
pretrained = ((
    'work_dirs/atomic-flow-kmeans64-2d_convlstm_10x1x1-40e_ntu60-xsub-rgb-'
    '224px/epoch_40.pth'))

train_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/ntu60_xsub_train_rgb_list.txt',
        data_prefix=dict(video=f'{data_root}/rgb'),
        pipeline=_base_.ntu_rgb_train_pipeline))
val_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/ntu60_xsub_val_rgb_list.txt',
        data_prefix=dict(video=f'{data_root}/rgb'),
        pipeline=_base_.ntu_rgb_test_pipeline))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(
        encoder=dict(
            modality='rgb',
            init_cfg=dict(
                type='Pretrained', checkpoint=pretrained,
                prefix='backbone.'))),
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375]))
