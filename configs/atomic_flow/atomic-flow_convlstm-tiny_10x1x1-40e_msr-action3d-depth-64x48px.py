# Self-supervised atomic-flow pretraining (2 processes x 8 clips) (Luo et al.,
# CVPR 2017) on the MSR Action3D cross-subject training videos (labels unused),
# depth, 3D targets (2D DIS flow on the depth frames plus the depth change),
# k-means codebook of 32 codewords, 8 steps. Validation: codeword top-1 / EPE
# on the test subjects' clips beside zero motion and the most frequent
# codeword. Before training, fit the codebook:
#   python tools/data/fit_codebook.py <this config> -k 32 \
#       --out data/msr_action3d/codebook_kmeans32_3d.npz
_base_ = [
    '../_base_/models/atomic_flow_convlstm_tiny_depth.py',
    '../_base_/datasets/msr_action3d_depth_atomic_flow.py',
    '../_base_/schedules/adam_cosine.py', '../_base_/default_runtime.py'
]
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
auto_scale_lr = dict(enable=False, base_batch_size=16)

# Downstream evaluations: README.md, section "Benchmark suite".
downstream_load = 'model.backbone.encoder.init_cfg.checkpoint'
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=('configs/atomic_flow/convlstm_atomic-flow-pretrained-convlstm-'
                'tiny_16x1x1-60e_msr-action3d-depth-64x48px.py')),
    dict(
        task='linear-probe',
        protocol='msr-xsub',
        config=('configs/benchmarks/linear_probe/linear-probe_convlstm-tiny_'
                '16x1x1-30e_msr-action3d-depth-64x48px.py'),
        run_name='convlstm-tiny_atomic-flow-pretrained'),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_convlstm-tiny_16x1x1_msr-'
            'action3d-depth-64x48px.py'),
        run_name='convlstm-tiny_atomic-flow-pretrained'),
]
