# Self-supervised atomic-flow pretraining (Luo et al., CVPR 2017) on the MSR
# Action3D cross-subject training videos (labels unused), depth, 3D targets,
# k-means codebook of 32, 8 steps, rebalanced: the main config's method on
# the MSR protocol chosen from the motion budget (ours, not the paper's).
# Protocol (configs/_base_/datasets/msr_action3d_depth_atomic_flow_128x96.py):
# the whole 320x240 frame resized to 128x96 (4:3, a 16 x 12 grid of 8 px
# patches; the encoder's stride 16 rules out 96x72 and 112x84), every 2nd
# frame: the pair and 8 steps span 19 frames, so 5 of the 283 training
# videos (13-18 frames) are skipped. Motion budget (DIS, medium; the
# candidates and how they were measured: docs/logs/motion_budget/
# atomic-flow_msr-action3d-depth_candidates.txt): the 8 target pairs' patch
# flows move 0.62 px a pair (64x48 consecutive, the 64x48 config: 0.17),
# 1.11 px on the patches with depth readings; the input pair, all that
# tools/analysis/motion_statistics.py sees of this pipeline (AtomicFlowTargets
# keeps 2 frames), 0.48 px on 200 training clips and 0.63 on 200 test
# subjects' clips (docs/logs/motion_budget/<this config>_{train,val}.txt).
# The frame mean stays below a pixel because about 90 % of an MSR frame is
# removed (zero) background, to which DIS still gives 0.4-1.6 px of flow
# depending on the frame size, not because the person does not move.
# 30 epochs and one validation at the end, about 9 minutes on 2 CPU
# processes: 1.2-1.4 s an iteration measured over 2 epochs with the cores
# shared with another 2-process training, 3.3x the 64x48 config's 0.39-0.42
# under the same load (alone, that config takes 3.6 min for 40 epochs).
# Before training, fit the codebook:
#   python tools/data/fit_codebook.py <this config> -k 32 \
#       --pairs-per-video 16 \
#       --out data/msr_action3d/codebook_kmeans32_3d_10x2x1_128x96px.npz
# (pairs every 2nd frame apart, as training samples them, at most 16 a
# video; logs: docs/logs/codebooks/: most frequent codeword p = 0.64, 0.57
# in 40 training clips. A codebook fitted on consecutive pairs, before
# the tool took the interval, had (measured once, not logged) a
# quantisation error on this protocol's test targets (EPE of the nearest
# codeword in (dx, dy, 0.1 dz)) of 0.402 against 0.400 for one fitted on
# 2nd-frame pairs, and 0.903 for zero motion.)
_base_ = [
    './atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py',
    '../_base_/datasets/msr_action3d_depth_atomic_flow_128x96.py'
]
codebook_file = 'data/msr_action3d/codebook_kmeans32_3d_10x2x1_128x96px.npz'
train_dataloader = dict(
    dataset=dict(skip_invalid=True, pipeline=_base_.af_msr_train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=_base_.af_msr_val_pipeline))
test_dataloader = val_dataloader
model = dict(head=dict(codebook=dict(file=codebook_file)))
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
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

# Downstream evaluations: README.md, section "Benchmark suite". The 64x48
# recognition protocols of the 64x48 pretraining (the encoder is fully
# convolutional), recorded under their own run names.
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=('configs/atomic_flow/convlstm_atomic-flow-pretrained-convlstm-'
                'tiny_16x1x1-60e_msr-action3d-depth-64x48px.py'),
        run_name=('convlstm_atomic-flow-128x96px-pretrained-convlstm-tiny_'
                  '16x1x1-60e_msr-action3d-depth-64x48px')),
    dict(
        task='linear-probe',
        protocol='msr-xsub',
        config=('configs/benchmarks/linear_probe/linear-probe_convlstm-tiny_'
                '16x1x1-30e_msr-action3d-depth-64x48px.py'),
        run_name='convlstm-tiny_atomic-flow-128x96px-pretrained'),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_convlstm-tiny_16x1x1_msr-'
            'action3d-depth-64x48px.py'),
        run_name='convlstm-tiny_atomic-flow-128x96px-pretrained'),
]
