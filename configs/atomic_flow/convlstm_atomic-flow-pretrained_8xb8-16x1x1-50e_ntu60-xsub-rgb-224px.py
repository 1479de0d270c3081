# Paper scale, NOT RUN HERE: fine-tuning on NTU RGB+D 60 cross-subject RGB from
# the NTU RGB atomic-flow pretraining (Luo et al.: 56.0 for 8 steps, RGB).
_base_ = ['./convlstm_atomic-flow-pretrained_8xb8-16x1x1-50e_ntu60-xsub-depth-224px.py']
data_root = 'data/ntu_rgbd'
pretrained = ('work_dirs/atomic-flow_convlstm_kmeans64-2d-8step_8xb16-40e_'
              'ntu60-xsub-rgb-224px/epoch_40.pth')


def _rgb(pipeline):
    swap = dict(DepthInit='DecordInit', DepthDecode='DecordDecode')
    return [dict(type=swap[t['type']]) if t['type'] in swap else t
            for t in pipeline if t['type'] != 'DepthNormalize']


train_dataloader = dict(dataset=dict(
    ann_file=f'{data_root}/ntu60_xsub_train_rgb_list.txt',
    data_prefix=dict(video=f'{data_root}/rgb'),
    pipeline=_rgb(_base_.train_dataloader.dataset.pipeline)))
val_dataloader = dict(dataset=dict(
    ann_file=f'{data_root}/ntu60_xsub_val_rgb_list.txt',
    data_prefix=dict(video=f'{data_root}/rgb'),
    pipeline=_rgb(_base_.val_dataloader.dataset.pipeline)))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(encoder=dict(
        modality='rgb',
        init_cfg=dict(type='Pretrained', checkpoint=pretrained,
                      prefix='backbone.'))),
    data_preprocessor=dict(mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375]))
