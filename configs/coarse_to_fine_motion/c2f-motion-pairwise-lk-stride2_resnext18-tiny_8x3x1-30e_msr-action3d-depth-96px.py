# The MSR Action3D depth testbed protocol (96 px, every 3rd frame, 30
# epochs) with the pairwise Lucas-Kanade decoder of the natural-RGB configs
# (PairwiseFlowHead; depth: one frame channel). Pretext only here (its
# downstream chain is the 96 px config's, not run for this decoder yet).
# Otherwise c2f-motion_resnext18-tiny_8x3x1-30e_msr-action3d-depth-96px.py.
_base_ = [
    './c2f-motion_resnext18-tiny_8x3x1-30e_msr-action3d-depth-96px.py',
    '../_base_/models/c2f_pairwise_lk_decoder.py'
]
model = dict(
    decoder=dict(
        _base_.pairwise_lk_decoder,
        _delete_=True,
        frame_channels=1,
        out_stride=2))
downstream = []
