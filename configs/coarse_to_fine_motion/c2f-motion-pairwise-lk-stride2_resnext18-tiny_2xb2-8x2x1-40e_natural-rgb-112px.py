# The pairwise Lucas-Kanade decoder down to stride 2 (ours): one more
# pyramid level of Lucas-Kanade (the frames pooled by 2 and the finest
# pyramid features), and the paper's context-guided layer upsamples by 2.
# Stopping at stride 4 blurs the local motion that the upsampler must then
# recover (the held-out loss at the initialisation of both:
# logs/loss_check/*pairwise-lk*init*). Otherwise
# c2f-motion-pairwise-lk_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py.
_base_ = [
    './c2f-motion-pairwise-lk_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-'
    '112px.py'
]
model = dict(decoder=dict(out_stride=2))
