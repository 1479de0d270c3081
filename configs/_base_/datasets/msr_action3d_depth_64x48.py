# MSR Action3D depth, cross-subject, for the atomic-flow recognizer: as
# msr_action3d_depth.py (16 frames spread over the whole action), but resized
# to a fixed 64x48 (W x H) as in atomic-flow pretraining, without crops.
_base_ = ['./msr_action3d_depth.py']
frame_size = (64, 48)
train_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1, test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
