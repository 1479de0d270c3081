# The natural-RGB coarse-to-fine pretraining with 4x more optimiser steps
# for the same clips seen (ours, issue 15): 2 clips a process (2 processes)
# instead of 8, 40 epochs of the 51 training clips, 520 Adam steps, against
# the 120 steps of the 30-epoch config (8 a process: 4 steps an epoch).
# tools/analysis/overfit_motion.py shows why (configs/coarse_to_fine_motion/
# logs/overfit/): on 4 fixed clips, batch 2, the same model closes a third
# of the zero-to-DIS loss gap within 40 steps, so 120 steps over 51 clips
# are too few, not the loss (loss_at_motion.py) nor the model's capacity.
# Otherwise the 30-epoch config (model, losses, data, 2-epoch warm-up then
# cosine).
_base_ = ['./c2f-motion_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py']
train_dataloader = dict(batch_size=2)
max_epochs = 40
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
default_hooks = dict(checkpoint=dict(interval=max_epochs))
