# A tiny atomic-flow pretraining run on the MSR Action3D clips of tests/data,
# for tool tests; `data_root` is set by the tests (--cfg-options).
_base_ = [
    ('../../configs/atomic_flow/atomic-flow_convlstm-tiny_10x1x1-40e_msr-'
     'action3d-depth-64x48px.py')
]
num_steps = 2
frame_size = (32, 32)


def _tiny(pipeline):
    out = []
    for t in pipeline:
        if t['type'] == 'AtomicFlowTargets':
            t = dict(t, num_steps=num_steps)
        elif t['type'] == 'Resize':
            t = dict(t, scale=frame_size)
        elif t['type'] in ('SampleFrames', 'CheckFrameCount'):
            key = 'clip_len' if t['type'] == 'SampleFrames' else 'min_frames'
            t = dict(t, **{key: num_steps + 2})
        out.append(t)
    return out


train_dataloader = dict(
    batch_size=2,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(pipeline=_tiny(_base_.train_dataloader.dataset.pipeline)))
val_dataloader = dict(
    batch_size=2,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(pipeline=_tiny(_base_.val_dataloader.dataset.pipeline)))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(channels=(4, 4, 4), strides=(2, 2, 2), lstm_channels=8),
    head=dict(
        num_steps=num_steps,
        lstm_channels=8,
        num_deconvs=0,
        codebook=dict(
            _delete_=True,
            type='UniformCodebook',
            dim=3,
            bins_per_dim=3,
            ranges=[(-1, 1), (-1, 1), (-3, 3)]),
        num_codewords=27))
train_cfg = dict(max_epochs=1, val_interval=1)
default_hooks = dict(logger=dict(interval=1))
custom_hooks = [
    dict(type='RNGStateHook'),
    dict(type='AtomicFlowVisualizationHook', interval=1, cell=4)
]
