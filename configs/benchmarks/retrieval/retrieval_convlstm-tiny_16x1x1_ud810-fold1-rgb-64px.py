# Clip retrieval / kNN on ud810 (RGB), leave-one-person-out fold 1 (folds 2
# and 3: the sibling configs), from the atomic-flow ConvLSTM encoder of an RGB
# checkpoint (configs/atomic_flow, unlabelled RGB pretraining; ImageNet mean
# and std as there): each video's 16 uniformly sampled frames, 64 px centre
# crop as in the ud810 fine-tuning configs, read as one sequence; the feature
# is the last hidden state, average-pooled.
_base_ = ['./retrieval_resnext18-tiny_8x2x1_ud810-fold1-rgb-64px.py']
model = dict(
    backbone=dict(
        _delete_=True,
        type='ConvLSTMEncoder',
        modality='rgb',
        channels=(32, 64, 64, 64),
        strides=(2, 2, 2, 2),
        lstm_channels=64),
    feature_index=0,  # ConvLSTMEncoder returns (h_T, state)
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375]))
clip_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
]
test_dataloader = dict(
    dataset=dict(datasets=[
        dict(d, pipeline=clip_pipeline + d['pipeline'][-3:])
        for d in _base_.test_dataloader.dataset.datasets
    ]))
