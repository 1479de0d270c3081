# Scratch row of the atomic-flow recognizer as issue 17 rebuilt it: the
# pairwise ConvLSTM encoder + temporal ConvLSTM, a BatchNorm over its outputs,
# scale jitter in training; random initialisation, MSR Action3D cross-subject
# depth. Run: tools/dist_train.sh <this config> 2
# --no-validate
_base_ = [
    '../_base_/models/atomic_flow_recognizer-bn_tiny_depth.py',
    '../_base_/datasets/msr_action3d_depth_64x48_scale-jitter.py',
    '../_base_/schedules/adam_cosine.py', '../_base_/default_runtime.py'
]
max_epochs = 100
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
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
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
auto_scale_lr = dict(enable=False, base_batch_size=16)
