# Ablation: 2D motion targets (dx, dy: no depth change), the paper's "2D
# motion" row; a 2D k-means codebook of 32 codewords, fitted with
#   python tools/data/fit_codebook.py <this config> -k 32 \
#       --out data/msr_action3d/codebook_kmeans32_2d.npz
_base_ = [
    './atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py'
]
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(t, dim=2) if t['type'] == 'AtomicFlowTargets' else t
        for t in _base_.train_dataloader.dataset.pipeline
    ]))
val_dataloader = dict(
    dataset=dict(pipeline=[
        dict(t, dim=2) if t['type'] == 'AtomicFlowTargets' else t
        for t in _base_.val_dataloader.dataset.pipeline
    ]))
test_dataloader = val_dataloader
model = dict(
    head=dict(
        codebook=dict(file='data/msr_action3d/codebook_kmeans32_2d.npz')))

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=(
            'configs/atomic_flow/convlstm_atomic-flow-2d-pretrained-convlstm-'
            'tiny_16x1x1-60e_msr-action3d-depth-64x48px.py')),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_convlstm-tiny_16x1x1_msr-'
            'action3d-depth-64x48px.py')),
]
