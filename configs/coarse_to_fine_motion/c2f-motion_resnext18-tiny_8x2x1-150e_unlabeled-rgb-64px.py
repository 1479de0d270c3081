# Self-supervised coarse-to-fine motion on the unlabelled RGB clips (23
# videos: ASL signs, two Kinetics and one UCF101 clip), clips of 8 frames
# (every 2nd), 64 px.
# - validation: motion quality (warping error and SSIM beside DIS, Farneback
#   and zero motion) on the 27 ud810 videos, real held-out clips (labels
#   unused);
# - test: end-point error on clips with known motion, ud810's middle frames
#   moved by smooth random flows of up to 3 px (64 x 64, 8 frames):
#     python tools/data/make_synthetic_motion.py data/ud810/videos/*.avi \
#         --out data/synthetic_motion/ud810_64px --frames 8 --size 64 64
# 2 processes (configs/coarse_to_fine_motion/run_cpu_experiments_rgb.sh).
_base_ = [
    './c2f-motion_resnext18-tiny_8x2x1-40e_msr-action3d-depth-64px.py',
    '../_base_/datasets/unlabeled_rgb_c2f_motion_64.py'
]

model = dict(
    backbone=dict(in_channels=3),
    in_channels=3,
    data_preprocessor=dict(mean=[0.0, 0.0, 0.0], std=[255.0, 255.0, 255.0]))
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='UnlabeledVideoDataset',
        ann_file='data/unlabeled/unlabeled_rgb_list.txt',
        data_prefix=dict(video='../shared/data'),
        skip_invalid=True,
        pipeline=_base_.c2f_rgb_train_pipeline))
val_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='UnlabeledVideoDataset',
        ann_file='data/ud810/ud810_all_list.txt',
        data_prefix=dict(video='data/ud810/videos'),
        pipeline=_base_.c2f_rgb_val_pipeline))
test_dataloader = dict(
    batch_size=8,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='UnlabeledVideoDataset',
        ann_file='',
        data_prefix=dict(video='data/synthetic_motion/ud810_64px'),
        extensions=('.npz', ),
        test_mode=True,
        pipeline=[
            dict(type='LoadSyntheticMotion'),
            dict(type='FormatShape', input_format='NCTHW'),
            dict(type='PackActionInputs', algorithm_keys=('gt_motion', ))
        ]))
max_epochs = 150
train_cfg = dict(max_epochs=max_epochs, val_interval=50)
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=5,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 5,
        eta_min=1e-5,
        by_epoch=True,
        begin=5,
        end=max_epochs)
]
default_hooks = dict(checkpoint=dict(interval=50))

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(task=task, protocol='ud810-lopo', fold=f, config=cfg.format(f))
    for f in (1, 2, 3) for task, cfg in (
        ('fine-tune',
         'configs/coarse_to_fine_motion/i3d_c2f-motion-pretrained-'
         'resnext18-tiny_8x2x1-60e_ud810-fold{}-rgb-64px.py'),
        ('linear-probe', 'configs/benchmarks/linear_probe/linear-probe_'
         'resnext18-tiny_8x2x1-30e_ud810-fold{}-rgb-64px.py'),
        ('retrieval', 'configs/benchmarks/retrieval/retrieval_resnext18-tiny_'
         '8x2x1_ud810-fold{}-rgb-64px.py'))
]
