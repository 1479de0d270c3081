# Luo et al.'s encoder-decoder at CPU scale: 4 stride-2 convs (stride 16), a
# 64-channel ConvLSTM encoder; a decoder ConvLSTM unrolled num_steps times, one
# stride-2 deconv to the patch grid (patch 8), K logits per patch.
model = dict(
    type='AtomicFlowPredictor',
    backbone=dict(
        type='ConvLSTMEncoder',
        modality='depth',
        channels=(32, 64, 64, 64),
        strides=(2, 2, 2, 2),
        lstm_channels=64),
    head=dict(
        type='AtomicFlowHead',
        num_steps=8,
        lstm_channels=64,
        num_deconvs=1,
        deconv_channels=64,
        codebook=dict(
            type='KMeansCodebook',
            file='data/msr_action3d/codebook_kmeans32_3d.npz',
            num_codewords=32),
        num_codewords=32,
        loss=dict(type='RebalancedCrossEntropyLoss', lam=0.5)),
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))
