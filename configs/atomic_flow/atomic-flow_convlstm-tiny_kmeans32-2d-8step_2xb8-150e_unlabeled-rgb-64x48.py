# Self-supervised atomic-flow pretraining on the unlabelled RGB clips (23
# videos: ASL signs, two Kinetics and one UCF101 clip), 2D targets (RGB has no
# depth), a 2D k-means codebook of 32 codewords fitted on those clips:
#   python tools/data/fit_codebook.py <this config> -k 32 \
#       --out data/unlabeled/codebook_kmeans32_rgb_2d.npz
# Held-out flow metrics on the 27 ud810 videos (labels unused). 2 processes.
_base_ = ['./atomic-flow_convlstm-tiny_kmeans32-8step_2xb8-40e_msr-action3d-train-depth-64x48.py']


def _rgb(pipeline):
    out = []
    for t in pipeline:
        if t['type'] == 'DepthInit':
            t = dict(type='DecordInit')
        elif t['type'] == 'DepthDecode':
            t = dict(type='DecordDecode')
        elif t['type'] == 'AtomicFlowTargets':
            t = dict(t, modality='rgb', dim=2)
        elif t['type'] == 'DepthNormalize':
            continue  # the data preprocessor normalises RGB
        out.append(t)
    return out


train_dataloader = dict(dataset=dict(
    _delete_=True, type='UnlabeledVideoDataset',
    ann_file='data/unlabeled/unlabeled_rgb_list.txt',
    data_prefix=dict(video='../shared/data'),
    pipeline=_rgb(_base_.train_dataloader.dataset.pipeline)))
val_dataloader = dict(dataset=dict(
    ann_file='data/ud810/ud810_all_list.txt',
    data_prefix=dict(video='data/ud810/videos'), num_classes=3,
    pipeline=_rgb(_base_.val_dataloader.dataset.pipeline)))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(modality='rgb'),
    head=dict(codebook=dict(
        file='data/unlabeled/codebook_kmeans32_rgb_2d.npz')),
    data_preprocessor=dict(mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375]))
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
         config='configs/atomic_flow/convlstm-tiny_atomic-flow-pretrained_2xb4-16x1x1-60e_ud810-fold1-rgb-64px.py',
         load='model.backbone.encoder.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='ud810-lopo', fold=1,
         config='configs/benchmarks/retrieval/retrieval_convlstm-tiny_ud810-fold1-rgb-64px.py'),
    dict(task='fine-tune', protocol='ud810-lopo', fold=2,
         config='configs/atomic_flow/convlstm-tiny_atomic-flow-pretrained_2xb4-16x1x1-60e_ud810-fold2-rgb-64px.py',
         load='model.backbone.encoder.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='ud810-lopo', fold=2,
         config='configs/benchmarks/retrieval/retrieval_convlstm-tiny_ud810-fold2-rgb-64px.py'),
    dict(task='fine-tune', protocol='ud810-lopo', fold=3,
         config='configs/atomic_flow/convlstm-tiny_atomic-flow-pretrained_2xb4-16x1x1-60e_ud810-fold3-rgb-64px.py',
         load='model.backbone.encoder.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='ud810-lopo', fold=3,
         config='configs/benchmarks/retrieval/retrieval_convlstm-tiny_ud810-fold3-rgb-64px.py'),
]
