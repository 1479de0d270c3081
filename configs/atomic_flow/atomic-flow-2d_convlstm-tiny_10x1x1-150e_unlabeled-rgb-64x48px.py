# Self-supervised atomic-flow pretraining on the unlabelled RGB clips (23
# videos: ASL signs, two Kinetics and one UCF101 clip), 2D targets (RGB has no
# depth), a 2D k-means codebook of 32 codewords fitted on those clips:
#   python tools/data/fit_codebook.py <this config> -k 32 \
#       --out data/unlabeled/codebook_kmeans32_rgb_2d.npz
# Held-out flow metrics on the 27 ud810 videos (labels unused). 2 processes.
_base_ = [
    './atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py',
    '../_base_/datasets/unlabeled_rgb_atomic_flow_64x48.py'
]

train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='UnlabeledVideoDataset',
        ann_file='data/unlabeled/unlabeled_rgb_list.txt',
        data_prefix=dict(video='../shared/data'),
        pipeline=_base_.rgb_flow_train_pipeline))
val_dataloader = dict(
    dataset=dict(
        ann_file='data/ud810/ud810_all_list.txt',
        data_prefix=dict(video='data/ud810/videos'),
        num_classes=3,
        pipeline=_base_.rgb_flow_val_pipeline))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(modality='rgb'),
    head=dict(
        codebook=dict(file='data/unlabeled/codebook_kmeans32_rgb_2d.npz')),
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375]))
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
        ('fine-tune', 'configs/atomic_flow/convlstm_atomic-flow-2d-pretrained-'
         'convlstm-tiny_16x1x1-60e_ud810-fold{}-rgb-64px.py'),
        ('retrieval', 'configs/benchmarks/retrieval/retrieval_convlstm-tiny_'
         '16x1x1_ud810-fold{}-rgb-64px.py'))
]
