# The upsampler ablation of the pairwise Lucas-Kanade decoder on natural
# RGB: bilinear upsampling (x4, no parameters) in place of the paper's
# context-guided layer. Otherwise
# c2f-motion-pairwise-lk_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py.
_base_ = [
    './c2f-motion-pairwise-lk_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-'
    '112px.py'
]
model = dict(upsampler=dict(_delete_=True, type='BilinearUpsample'))
