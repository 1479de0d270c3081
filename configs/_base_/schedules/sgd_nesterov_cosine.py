# SGD with Nesterov momentum 0.9 and weight decay 1e-4 (DynamoNet's
# optimiser), linear warm-up then cosine decay (ours: the paper divides the lr
# by 10 on plateaus, which needs a validation split MSR Action3D lacks).
max_epochs = 60
train_cfg = dict(
    type='EpochBasedTrainLoop',
    max_epochs=max_epochs,
    val_begin=1,
    val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.05, momentum=0.9, weight_decay=1e-4, nesterov=True),
    clip_grad=dict(max_norm=40, norm_type=2))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=3,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 3,
        eta_min=1e-4,
        by_epoch=True,
        begin=3,
        end=max_epochs)
]
