# The paper's optimiser: SGD, Nesterov momentum 0.9, weight decay 1e-4,
# lr 0.1 for a batch of 64 (8 GPUs x 8 clips), divided by 10 on plateau.
max_epochs = 100
train_cfg = dict(
    type='EpochBasedTrainLoop',
    max_epochs=max_epochs,
    val_begin=1,
    val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.1, momentum=0.9, weight_decay=1e-4, nesterov=True),
    clip_grad=dict(max_norm=40, norm_type=2))
param_scheduler = [
    dict(
        type='ReduceOnPlateauLR',
        monitor='acc/top1',
        rule='greater',
        factor=0.1,
        patience=5,
        by_epoch=True)
]
auto_scale_lr = dict(enable=False, base_batch_size=64)
