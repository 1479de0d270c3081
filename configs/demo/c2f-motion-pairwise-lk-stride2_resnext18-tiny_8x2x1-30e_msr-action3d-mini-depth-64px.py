# Quick-start demo, step 2: the MSR Action3D depth pretraining of
# c2f-motion_resnext18-tiny_8x2x1-30e_msr-action3d-mini-depth-64px.py with
# the pairwise Lucas-Kanade decoder of step 1, down to stride 2 (depth: one
# frame channel).
# Its backbone initialises the fine-tuning demo.
_base_ = [
    './c2f-motion_resnext18-tiny_8x2x1-30e_msr-action3d-mini-depth-64px.py',
    '../_base_/models/c2f_pairwise_lk_decoder.py'
]
model = dict(
    decoder=dict(
        _base_.pairwise_lk_decoder,
        _delete_=True,
        frame_channels=1,
        out_stride=2))
