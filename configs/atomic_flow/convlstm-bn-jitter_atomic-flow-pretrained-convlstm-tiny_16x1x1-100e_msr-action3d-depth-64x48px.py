# Fine-tuning from atomic-flow pretraining (Luo et al.) with the recognizer
# as issue 17 rebuilt it (ours): a BatchNorm over the temporal ConvLSTM's
# outputs and scale jitter in training, 100 epochs. The encoder's weights
# come from the pretraining checkpoint through init_cfg (prefix
# 'backbone.'), the temporal ConvLSTM, its BatchNorm and the classifier
# start from scratch. Same recipe as the scratch row
# configs/baselines/convlstm-bn-jitter_convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px.py.
_base_ = [('../baselines/convlstm-bn-jitter_convlstm-tiny_16x1x1-100e_'
           'msr-action3d-depth-64x48px.py')]
pretrained = ('work_dirs/atomic-flow-bn-jitter-recognizer_convlstm-tiny_'
              '10x2x1-30e_msr-action3d-depth-128x96px/epoch_30.pth')
model = dict(
    backbone=dict(
        encoder=dict(
            init_cfg=dict(
                type='Pretrained', checkpoint=pretrained,
                prefix='backbone.'))))
