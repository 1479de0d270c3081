# The upsampler ablation of the stride-2 pairwise Lucas-Kanade decoder on
# natural RGB: bilinear upsampling (x2, no parameters) in place of the
# paper's context-guided layer. Otherwise
# c2f-motion-pairwise-lk-stride2_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-
# 112px.py.
_base_ = [
    './c2f-motion-pairwise-lk-stride2_resnext18-tiny_2xb2-8x2x1-40e_'
    'natural-rgb-112px.py'
]
model = dict(upsampler=dict(_delete_=True, type='BilinearUpsample'))
# pretext only (an upsampler ablation): no downstream jobs of its own
downstream = []
