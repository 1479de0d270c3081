# The MSR Action3D depth testbed protocol (96 px, every 3rd frame, 30
# epochs) with the pairwise Lucas-Kanade decoder of the natural-RGB configs
# (PairwiseFlowHead; depth: one frame channel). The downstream jobs are the
# 96 px config's (64 px recognition protocols), recorded under their own
# run names. Otherwise c2f-motion_resnext18-tiny_8x3x1-30e_msr-action3d-
# depth-96px.py.
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
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('c2f-motion-96px',
                                       'c2f-motion-pairwise-lk-96px'))
    for d in _base_.downstream
]
