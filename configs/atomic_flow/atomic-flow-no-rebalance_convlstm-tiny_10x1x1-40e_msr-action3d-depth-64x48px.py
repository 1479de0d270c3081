# Ablation: plain cross-entropy (no rebalancing weights).
_base_ = [
    './atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py'
]
model = dict(head=dict(loss=dict(rebalance=False)))

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=(
            'configs/atomic_flow/convlstm_atomic-flow-no-rebalance-pretrained-'
            'convlstm-tiny_16x1x1-60e_msr-action3d-depth-64x48px.py')),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_convlstm-tiny_16x1x1_msr-'
            'action3d-depth-64x48px.py')),
]
