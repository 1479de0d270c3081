# The stride-2 pairwise Lucas-Kanade decoder with the cheap form of the
# paper's context-guided layer (ours, issue 15's cost target): its context
# encoder strided to the coarse grid (context_stride=2) and its kernels
# predicted there for every child pixel (kernel_grid='coarse', as CARAFE):
# 2.1x the forward + backward time of bilinear + conv at x2 and 112 px,
# against 9.5x for the full-resolution layer
# (logs/cost_motion_pairwise_lk_stride2.txt). Otherwise
# c2f-motion-pairwise-lk-stride2_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-
# 112px.py.
_base_ = [
    './c2f-motion-pairwise-lk-stride2_resnext18-tiny_2xb2-8x2x1-40e_'
    'natural-rgb-112px.py'
]
model = dict(upsampler=dict(kernel_grid='coarse', context_stride=2))
# pretext only (an upsampler ablation): no downstream jobs of its own
downstream = []
