# The MSR Action3D depth protocol (96 px, every 3rd frame, 30 epochs) with
# the stride-2 pairwise Lucas-Kanade decoder, and the encoder's first two
# stages (32 channels at stride 4, 64 at stride 8, every frame kept) as
# skips into the decoder's levels of their stride (PairwiseFlowHead
# skip_channels; ours, issue 15): the warping loss trains the encoder's
# early stages through the Lucas-Kanade features, where without skips it
# reaches the encoder only through the damping map. The skip convs start
# at zero. Downstream jobs: the 96 px config's, under their own run names.
# Otherwise c2f-motion-pairwise-lk-stride2_resnext18-tiny_8x3x1-30e_msr-
# action3d-depth-96px.py.
_base_ = [
    './c2f-motion-pairwise-lk-stride2_resnext18-tiny_8x3x1-30e_msr-action3d-'
    'depth-96px.py'
]
model = dict(
    backbone=dict(out_indices=(0, 1, 3)), decoder=dict(skip_channels=(32, 64)))
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('c2f-motion-pairwise-lk-96px',
                                       'c2f-motion-pairwise-lk-skips-96px'))
    for d in _base_.downstream
]
