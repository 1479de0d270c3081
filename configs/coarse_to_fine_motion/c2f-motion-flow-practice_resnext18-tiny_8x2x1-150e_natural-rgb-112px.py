# Coarse-to-fine motion on the natural-RGB pretraining set with what
# unsupervised optical flow does to make photometric learning work (issue
# 15; each choice is ours and is ablated in the README):
# - the decoder also reads the backbone's first two stages (1/4 and 1/8 of
#   the frame, all 8 frames), one lateral conv per frame pair, where the
#   last stage alone is a 4 x 4 map at 112 px (MotionDecoderHead
#   skip_channels);
# - the photometric and SSIM terms at full resolution and pooled by 2 and 4
#   (loss_scales), so that a motion of several pixels has a gradient;
# - second-order edge-aware smoothness (a zoom or a rotation costs nothing);
# - the upsampler's kernels predicted at the coarse grid (kernel_grid).
# A census term (CensusLoss) fails the loss check on these frames (at DIS
# only 2.6% below zero motion, Charbonnier 48%): Charbonnier stays.
#   python tools/analysis/loss_at_motion.py THIS_CONFIG --split val
# Data, schedule and downstream jobs: the plain natural-RGB config.
_base_ = ['./c2f-motion_resnext18-tiny_8x2x1-150e_natural-rgb-112px.py']
model = dict(
    backbone=dict(out_indices=(0, 1, 3)),
    decoder=dict(
        skip_channels=(32, 64),
        loss_scales=(1, 2, 4),
        loss_smooth=dict(order=2)),
    upsampler=dict(kernel_grid='coarse'))
