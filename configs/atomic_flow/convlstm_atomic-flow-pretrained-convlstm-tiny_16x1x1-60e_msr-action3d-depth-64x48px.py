# Fine-tuning from atomic-flow pretraining (Luo et al.): the encoder's weights
# come from the pretraining checkpoint through init_cfg (prefix 'backbone.'),
# the temporal ConvLSTM and classifier start from scratch. Same schedule as the
# scratch row.
_base_ = [('../baselines/convlstm_convlstm-tiny_16x1x1-60e_msr-action3d-depth-'
           '64x48px.py')]
pretrained = ((
    'work_dirs/atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-'
    '64x48px/epoch_40.pth'))
model = dict(
    backbone=dict(
        encoder=dict(
            init_cfg=dict(
                type='Pretrained', checkpoint=pretrained,
                prefix='backbone.'))))
