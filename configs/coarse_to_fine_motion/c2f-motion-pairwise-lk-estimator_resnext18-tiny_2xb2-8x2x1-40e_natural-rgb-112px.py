# The pairwise Lucas-Kanade decoder with the PWC-style estimator after each
# level's Lucas-Kanade step (ours): the cost volume of frame t with frame
# t+1 warped by the Lucas-Kanade flow, the reduced features with the
# encoder context, and the flow, into the shared estimator, which adds a
# learned residual (zero at the start). Does learning a correction on top
# of a matching estimate add what the estimator alone could not learn from
# zero (README section 3e)? Otherwise
# c2f-motion-pairwise-lk_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py.
_base_ = [
    './c2f-motion-pairwise-lk_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-'
    '112px.py'
]
model = dict(
    decoder=dict(max_displacement=4, estimator_channels=(64, 64, 48, 32)))
