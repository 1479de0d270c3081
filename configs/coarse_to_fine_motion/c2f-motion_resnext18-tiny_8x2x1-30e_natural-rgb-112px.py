# The natural-RGB coarse-to-fine pretraining on a 30-epoch schedule (about
# 5 minutes on 2 cores): the protocol of the issue-15 ablation and of the
# quick start, three seeds a row. Otherwise the 150-epoch config.
_base_ = ['./c2f-motion_resnext18-tiny_8x2x1-150e_natural-rgb-112px.py']
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
# the cosine's end and length default to the train loop's max_epochs (an
# mmengine default), so a config of another length sets train_cfg only
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=1e-5, by_epoch=True, begin=2)
]
default_hooks = dict(checkpoint=dict(interval=max_epochs))
# pretext only (the ablation): no downstream jobs of its own yet
downstream = []
