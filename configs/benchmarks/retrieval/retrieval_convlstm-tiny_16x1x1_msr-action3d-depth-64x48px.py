# Clip retrieval / kNN on MSR Action3D cross-subject (depth) from the
# atomic-flow ConvLSTM encoder (configs/atomic_flow, pretrained on frame
# pairs): here it reads each video's 16 uniformly sampled frames, 64x48, as
# one sequence; the feature is its last hidden state, average-pooled. E.g.
#   python tools/test.py configs/benchmarks/retrieval/<this>.py \
#       work_dirs/atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px/epoch_40.pth
_base_ = ['./retrieval_resnext18-tiny_8x2x1_msr-action3d-depth-64px.py']
model = dict(
    backbone=dict(
        _delete_=True,
        type='ConvLSTMEncoder',
        modality='depth',
        channels=(32, 64, 64, 64),
        strides=(2, 2, 2, 2),
        lstm_channels=64),
    feature_index=0)  # ConvLSTMEncoder returns (h_T, state)
clip_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1, test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(64, 48), keep_ratio=False),
    dict(type='DepthNormalize'),
]
test_dataloader = dict(
    dataset=dict(datasets=[
        dict(d, pipeline=clip_pipeline + d['pipeline'][-3:])
        for d in _base_.test_dataloader.dataset.datasets
    ]))
