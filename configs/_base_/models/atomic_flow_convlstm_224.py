# Luo et al.'s encoder-decoder at paper scale (widths ours; the poster gives
# none): 4 stride-2 convs to stride 16 (14 x 14 at 224 px), a 256-channel
# ConvLSTM, 8 decoder steps, logits over a 64-word k-means codebook for every
# 16 x 16 patch (no deconv: the feature grid is the patch grid).
model = dict(
    type='AtomicFlowPredictor',
    backbone=dict(
        type='ConvLSTMEncoder',
        modality='depth',
        channels=(64, 128, 256, 256),
        strides=(2, 2, 2, 2),
        lstm_channels=256),
    head=dict(
        type='AtomicFlowHead',
        num_steps=8,
        lstm_channels=256,
        num_deconvs=0,
        codebook=dict(
            type='KMeansCodebook',
            file='data/ntu_rgbd/codebook_kmeans64_depth_3d.npz',
            num_codewords=64),
        num_codewords=64,
        loss=dict(type='RebalancedCrossEntropyLoss', lam=0.5)),
    data_preprocessor=dict(
        type='ActionDataPreprocessor', format_shape='NCTHW'))
