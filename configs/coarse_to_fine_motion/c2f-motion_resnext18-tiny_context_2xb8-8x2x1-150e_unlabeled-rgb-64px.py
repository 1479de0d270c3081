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
_base_ = ['./c2f-motion_resnext18-tiny_context_2xb8-8x2x1-40e_msr-action3d-train-depth-64px.py']


def _rgb(pipeline):
    out = []
    for t in pipeline:
        if t['type'] == 'DepthInit':
            t = dict(type='DecordInit')
        elif t['type'] == 'DepthDecode':
            t = dict(type='DecordDecode')
        elif t['type'] == 'DepthNormalize':
            continue  # the data preprocessor scales RGB to [0, 1]
        out.append(t)
    return out


model = dict(
    backbone=dict(in_channels=3),
    in_channels=3,
    data_preprocessor=dict(mean=[0.0, 0.0, 0.0], std=[255.0, 255.0, 255.0]))
train_dataloader = dict(dataset=dict(
    _delete_=True, type='UnlabeledVideoDataset',
    ann_file='data/unlabeled/unlabeled_rgb_list.txt',
    data_prefix=dict(video='../shared/data'),
    skip_invalid=True,
    pipeline=[dict(type='DecordInit'),
              dict(type='CheckFrameCount', min_frames=16)] +
    _rgb(_base_.train_dataloader.dataset.pipeline)[1:]))
val_dataloader = dict(dataset=dict(
    _delete_=True, type='UnlabeledVideoDataset',
    ann_file='data/ud810/ud810_all_list.txt',
    data_prefix=dict(video='data/ud810/videos'),
    pipeline=_rgb(_base_.val_dataloader.dataset.pipeline)))
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
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - 5, eta_min=1e-5,
         by_epoch=True, begin=5, end=max_epochs)
]
default_hooks = dict(checkpoint=dict(interval=50))

# Downstream evaluations of this pretraining: tools/benchmarks/run_benchmark.py
# runs them from its checkpoint (`load`: the option that points a training
# job at it; no `load`: the checkpoint is tested) and records them.
downstream = [
    dict(task='fine-tune', protocol='ud810-lopo', fold=1,
         config='configs/coarse_to_fine_motion/resnext18-tiny_c2f-motion-rgb-pretrained_2xb4-8x2x1-60e_ud810-fold1-rgb-64px.py',
         load='model.backbone.init_cfg.checkpoint'),
    dict(task='linear-probe', protocol='ud810-lopo', fold=1,
         config='configs/benchmarks/linear_probe/resnext18-tiny_linear-probe_2xb4-8x2x1-30e_ud810-fold1-rgb-64px.py',
         load='model.backbone.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='ud810-lopo', fold=1,
         config='configs/benchmarks/retrieval/retrieval_resnext18-tiny_ud810-fold1-rgb-64px.py'),
    dict(task='fine-tune', protocol='ud810-lopo', fold=2,
         config='configs/coarse_to_fine_motion/resnext18-tiny_c2f-motion-rgb-pretrained_2xb4-8x2x1-60e_ud810-fold2-rgb-64px.py',
         load='model.backbone.init_cfg.checkpoint'),
    dict(task='linear-probe', protocol='ud810-lopo', fold=2,
         config='configs/benchmarks/linear_probe/resnext18-tiny_linear-probe_2xb4-8x2x1-30e_ud810-fold2-rgb-64px.py',
         load='model.backbone.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='ud810-lopo', fold=2,
         config='configs/benchmarks/retrieval/retrieval_resnext18-tiny_ud810-fold2-rgb-64px.py'),
    dict(task='fine-tune', protocol='ud810-lopo', fold=3,
         config='configs/coarse_to_fine_motion/resnext18-tiny_c2f-motion-rgb-pretrained_2xb4-8x2x1-60e_ud810-fold3-rgb-64px.py',
         load='model.backbone.init_cfg.checkpoint'),
    dict(task='linear-probe', protocol='ud810-lopo', fold=3,
         config='configs/benchmarks/linear_probe/resnext18-tiny_linear-probe_2xb4-8x2x1-30e_ud810-fold3-rgb-64px.py',
         load='model.backbone.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='ud810-lopo', fold=3,
         config='configs/benchmarks/retrieval/retrieval_resnext18-tiny_ud810-fold3-rgb-64px.py'),
]
