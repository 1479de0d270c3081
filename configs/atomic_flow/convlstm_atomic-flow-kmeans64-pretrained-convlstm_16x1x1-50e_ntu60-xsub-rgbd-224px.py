# Paper scale, NOT RUN HERE: fine-tuning on NTU RGB+D 60 cross-subject RGB-D
# (depth registered to RGB, stacked by MergeDepth) from the RGB-D pretraining.
_base_ = [('./convlstm_atomic-flow-kmeans64-2d-pretrained-convlstm_16x1x1-50e_'
           'ntu60-xsub-rgb-224px.py'),
          '../_base_/datasets/ntu60_xsub_rgbd_224.py']
data_root = 'data/ntu_rgbd'
pretrained = ((
    'work_dirs/atomic-flow-kmeans64_convlstm_10x1x1-40e_ntu60-xsub-rgbd-'
    '224px/epoch_40.pth'))

train_dataloader = dict(dataset=dict(pipeline=_base_.ntu_rgbd_train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=_base_.ntu_rgbd_test_pipeline))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(
        encoder=dict(
            modality='rgbd',
            init_cfg=dict(
                type='Pretrained', checkpoint=pretrained,
                prefix='backbone.'))),
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53, 0.], std=[58.395, 57.12, 57.375,
                                                 4000.]))
