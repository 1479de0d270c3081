# Paper scale, NOT RUN HERE: fine-tuning on NTU RGB+D 60 cross-subject RGB-D
# (depth registered to RGB, stacked by MergeDepth) from the RGB-D pretraining.
_base_ = ['./convlstm_atomic-flow-pretrained_8xb8-16x1x1-50e_ntu60-xsub-rgb-224px.py']
data_root = 'data/ntu_rgbd'
pretrained = ('work_dirs/atomic-flow_convlstm_kmeans64-8step_8xb16-40e_'
              'ntu60-xsub-rgbd-224px/epoch_40.pth')


def _rgbd(pipeline):
    out = []
    for t in pipeline:
        out.append(t)
        if t['type'] == 'DecordDecode':
            out.append(dict(type='MergeDepth',
                            depth_root=f'{data_root}/depth_registered'))
    return out


train_dataloader = dict(dataset=dict(
    pipeline=_rgbd(_base_.train_dataloader.dataset.pipeline)))
val_dataloader = dict(dataset=dict(
    pipeline=_rgbd(_base_.val_dataloader.dataset.pipeline)))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(encoder=dict(
        modality='rgbd',
        init_cfg=dict(type='Pretrained', checkpoint=pretrained,
                      prefix='backbone.'))),
    data_preprocessor=dict(mean=[123.675, 116.28, 103.53, 0.],
                           std=[58.395, 57.12, 57.375, 4000.]))
