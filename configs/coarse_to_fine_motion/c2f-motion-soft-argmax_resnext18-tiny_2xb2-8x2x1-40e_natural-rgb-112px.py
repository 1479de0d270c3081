# The cost-volume model (flow practice: skip features, losses at 3 scales,
# second-order smoothness, coarse-grid kernels; the correlation of stage-1
# features, +-3 feature pixels) with the soft-argmax motion prior (ours,
# issue 15: MotionDecoderHead's cost_volume soft_argmax): the decoder adds
# its output to the expected displacement of the stage's cosine
# correlation, so it starts from a matching estimate instead of zero
# motion. The 2xb2 40-epoch schedule (520 Adam steps) of
# c2f-motion_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py.
_base_ = [
    './c2f-motion-cost-volume_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py'
]
model = dict(
    decoder=dict(
        cost_volume=dict(
            index=0, max_displacement=3, soft_argmax=True, temperature=0.1)))
train_dataloader = dict(batch_size=2)
max_epochs = 40
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
default_hooks = dict(checkpoint=dict(interval=max_epochs))
