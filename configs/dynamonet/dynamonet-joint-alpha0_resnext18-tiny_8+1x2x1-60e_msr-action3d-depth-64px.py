# (c) The same as (b) without the frame-prediction loss (alpha = 0): the
# filters and their DMR are still there, trained by classification alone.
_base_ = [
    './dynamonet-joint_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px.py'
]
model = dict(alpha=0.0)
