# The plain natural-RGB model guided by DIS flow for the first half of the
# run (issue 15; ours, after Zhu et al.'s "Guided Optical Flow Learning",
# arXiv 1702.02295): the decoder head adds the end-point error to OpenCV DIS
# (medium) flow of each training pair, computed on the fly from the frames
# the model sees, at weight 0.1 falling linearly to 0 at half the
# iterations; the second half trains on the warping losses alone. No flow
# label is read. Otherwise the 30-epoch config (120 Adam steps).
_base_ = ['./c2f-motion_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py']
model = dict(
    decoder=dict(
        loss_guide=dict(
            type='ProxyFlowLoss',
            method='dis',
            preset='medium',
            loss_weight=0.1,
            until=0.5)))
