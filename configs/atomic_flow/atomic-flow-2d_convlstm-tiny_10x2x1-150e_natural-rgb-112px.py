# Self-supervised atomic-flow pretraining (Luo et al., CVPR 2017) on the
# natural-RGB set (51 training clips: people, traffic, animals, cartoons,
# camera pans; tools/data/natural_rgb/build_lists.py), 2D targets (RGB has
# no depth: the paper's "2D motion"), a 2D k-means codebook of 32 fitted on
# those clips, 8 steps, rebalanced. Ours, not the paper's: the data, sizes
# and schedule (configs/_base_/datasets/natural_rgb_atomic_flow_112px.py):
# short side 128, a 112 px centre crop (a 14 x 14 patch grid), every 2nd
# frame (the pair and 8 steps span 19 frames; every clip has 23 or more).
# Motion budget (DIS, medium): the 8 target pairs' patch flows move 1.22
# px a pair on the 51 training clips (every 3rd frame 1.48, but 3 clips are
# too short; a 112 px short side 1.09; 128 px crops of a 160 px short side
# 1.55, at 1.3x the pixels), 1.23 px on the 7 held-out clips (one of them
# decoded flat then: docs/logs/seek_check); the input pair, all that
# tools/analysis/motion_statistics.py sees of this pipeline, 1.31 and 1.02
# px (docs/logs/motion_budget/<this config>_{train,val}.txt).
# 150 epochs (4 iterations each) and one validation at the end: about
# 7 s an epoch measured over 2 epochs on 2 CPU processes with the cores
# shared with another 2-process training (1.7 s an iteration, 0.7-0.9 s of
# it waiting for the loader), so 13-17 minutes.
# Validation: codeword top-1 / EPE on the 7 held-out clips beside zero
# motion and the most frequent codeword (AtomicFlowMetric).
# Before training, fit the codebook:
#   python tools/data/fit_codebook.py <this config> -k 32 \
#     --pairs-per-video 16 \
#     --out data/natural_rgb/codebook_kmeans32_2d_natural-rgb_10x2x1_112px.npz
# (pairs every 2nd frame apart, at most 16 a video, so that the long
# detection clips do not dominate: p(zero codeword) 0.70 against 0.72 in 40
# training clips, log in docs/logs/codebooks/; fitted on every consecutive
# pair of every whole video it was 0.76 against 0.67. That earlier fit's
# quantisation error (measured once, not logged), the EPE of the nearest
# codeword, is 0.47 px on training clips and 0.51 on the held-out ones,
# against 0.45 / 0.53 for a codebook fitted on training clips at this
# interval, and 1.31 / 1.23 for zero motion.)
_base_ = [
    './atomic-flow-2d_convlstm-tiny_10x1x1-150e_unlabeled-rgb-64x48px.py',
    '../_base_/datasets/natural_rgb_atomic_flow_112px.py'
]
codebook_file = ('data/natural_rgb/codebook_kmeans32_2d_natural-rgb_10x2x1_'
                 '112px.npz')
train_dataloader = dict(dataset=dict(_delete_=True, **_base_.nat_af_train))
val_dataloader = dict(dataset=dict(_delete_=True, **_base_.nat_af_heldout))
test_dataloader = val_dataloader
model = dict(head=dict(codebook=dict(file=codebook_file)))
max_epochs = 150
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
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
default_hooks = dict(checkpoint=dict(interval=max_epochs))

# Downstream evaluations: README.md, section "Benchmark suite". The ud810
# folds of the unlabelled-RGB pretraining (64 px recognition; the encoder is
# fully convolutional), the fine-tunings recorded under their own run names
# (the shared retrieval configs' runs are named after this config).
downstream = [
    dict(
        task='fine-tune',
        protocol='ud810-lopo',
        fold=f,
        config=('configs/atomic_flow/convlstm_atomic-flow-2d-pretrained-'
                f'convlstm-tiny_16x1x1-60e_ud810-fold{f}-rgb-64px.py'),
        run_name=('convlstm_atomic-flow-2d-natural-rgb-pretrained-convlstm-'
                  f'tiny_16x1x1-60e_ud810-fold{f}-rgb-64px'))
    for f in (1, 2, 3)
] + [
    dict(
        task='retrieval',
        protocol='ud810-lopo',
        fold=f,
        config=('configs/benchmarks/retrieval/retrieval_convlstm-tiny_'
                f'16x1x1_ud810-fold{f}-rgb-64px.py')) for f in (1, 2, 3)
]
