# Fine-tuning from atomic-flow pretraining (Luo et al.): the encoder's weights
# come from the pretraining checkpoint through init_cfg (prefix 'backbone.'),
# the temporal ConvLSTM and classifier start from scratch. Same schedule as the
# scratch row.
_base_ = ['./convlstm-tiny_scratch_2xb8-16x1x1-60e_msr-action3d-depth-64x48.py']
pretrained = ('work_dirs/atomic-flow_convlstm-tiny_kmeans32-8step_2xb8-40e_'
              'msr-action3d-train-depth-64x48/epoch_40.pth')
model = dict(
    backbone=dict(
        encoder=dict(
            init_cfg=dict(type='Pretrained', checkpoint=pretrained,
                          prefix='backbone.'))))
