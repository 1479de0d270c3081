# The DIS-guided natural-RGB model with the guidance kept at its weight for
# the whole run (issue 15; ours): with ``until=0.5`` the motion went back to
# zero once the guidance had decayed (smoothness term 0.0000 from epoch 19),
# so here the end-point error to OpenCV DIS (medium) flow stays a training
# term to the end beside the warping losses: a distillation of DIS (Zhu et
# al., "Guided Optical Flow Learning", arXiv 1702.02295), not learning from
# the warping losses alone. No flow label is read.
_base_ = [
    './c2f-motion-dis-guided_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py'
]
model = dict(decoder=dict(loss_guide=dict(until=None)))
