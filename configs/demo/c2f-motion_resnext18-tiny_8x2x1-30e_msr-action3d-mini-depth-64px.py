# Quick-start demo, step 1: self-supervised coarse-to-fine motion pretraining
# (Tian et al.; configs/coarse_to_fine_motion) on the 11 training clips of the
# MSR Action3D sequences shipped in tests/data (labels unused), converted by
# tools/quickstart.sh into work_dirs/demo/data. About a minute on 2 cores.
_base_ = [('../coarse_to_fine_motion/c2f-motion_resnext18-tiny_8x2x1-40e_msr-'
           'action3d-depth-64px.py')]
data_root = 'work_dirs/demo/data'
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
train_dataloader = dict(
    batch_size=2,
    dataset=dict(
        ann_file=f'{data_root}/msr_action3d_train_list.txt',
        data_prefix=dict(video=data_root)))
val_dataloader = dict(
    batch_size=4,
    dataset=dict(
        ann_file=f'{data_root}/msr_action3d_val_list.txt',
        data_prefix=dict(video=data_root)))
test_dataloader = val_dataloader
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
custom_hooks = [dict(type='RNGStateHook')]
default_hooks = dict(
    checkpoint=dict(interval=max_epochs), logger=dict(interval=5))
# the quick start runs this pretraining's fine-tuning itself
# (tools/quickstart.sh)
downstream = []
