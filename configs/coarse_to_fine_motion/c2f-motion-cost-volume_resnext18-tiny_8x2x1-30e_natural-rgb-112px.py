# The flow-practice model plus a cost volume (issue 15; ours): the decoder
# also reads the local correlation of the first stage's features (1/4 of
# the frame, all 8 frames) between frames t and t+1, displacements up to 3
# feature pixels (12 px of the frame), as FlowNet-C and PWC-Net do. The
# 30-epoch screening protocol.
_base_ = [
    './c2f-motion-flow-practice_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py'
]
model = dict(decoder=dict(cost_volume=dict(index=0, max_displacement=3)))
