# Adam with a short linear warm-up, then cosine decay (ours, for the CPU-scale
# atomic-flow runs; the poster gives no schedule).
max_epochs = 40
train_cfg = dict(
    type='EpochBasedTrainLoop',
    max_epochs=max_epochs,
    val_begin=1,
    val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    optimizer=dict(type='Adam', lr=1e-3, weight_decay=0),
    clip_grad=dict(max_norm=10, norm_type=2))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 2,
        eta_min=1e-5,
        by_epoch=True,
        begin=2,
        end=max_epochs)
]
