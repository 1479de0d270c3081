# msr_action3d_depth_64x48.py with scale jitter in training (ours, issue 17):
# a random crop of 49-100 % of the frame's area, the frame's 4:3 shape, at a
# random place, resized to 64x48; testing sees the whole frame as before.
_base_ = ['./msr_action3d_depth_64x48.py']
frame_size = (64, 48)
train_pipeline = [
    dict(type='DepthInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1),
    dict(type='DepthDecode'),
    dict(
        type='RandomResizedCrop',
        area_range=(0.49, 1.0),
        aspect_ratio_range=(4 / 3, 4 / 3)),
    dict(type='Resize', scale=frame_size, keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
