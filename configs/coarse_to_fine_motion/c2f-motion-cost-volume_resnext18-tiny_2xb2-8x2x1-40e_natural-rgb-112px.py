# The cost-volume model (flow practice: skip features of stages 1-2, losses
# at 3 scales, second-order smoothness, coarse-grid kernels; the correlation
# of stage-1 features, +-3 feature pixels) on the 2xb2 40-epoch schedule
# (520 Adam steps; c2f-motion_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-
# 112px.py says why).
_base_ = [
    './c2f-motion-cost-volume_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py'
]
train_dataloader = dict(batch_size=2)
max_epochs = 40
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
default_hooks = dict(checkpoint=dict(interval=max_epochs))
