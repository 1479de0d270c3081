# Ablation: a uniform codebook, 3 x 3 x 3 = 27 bin centres over dx, dy in
# [-0.3, 0.3] px and dz in [-0.9, 0.9] (depth_scale x depth units): about the
# 1st-99th percentile of the training patch flows (most lie near 0), with 0 a
# codeword. No frequency file: the rebalancing weights are estimated online.
_base_ = [
    './atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py'
]
model = dict(
    head=dict(
        codebook=dict(
            _delete_=True,
            type='UniformCodebook',
            dim=3,
            bins_per_dim=3,
            ranges=[(-0.3, 0.3), (-0.3, 0.3), (-0.9, 0.9)]),
        num_codewords=27))

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=(
            'configs/atomic_flow/convlstm_atomic-flow-uniform27-pretrained-'
            'convlstm-tiny_16x1x1-60e_msr-action3d-depth-64x48px.py')),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_convlstm-tiny_16x1x1_msr-'
            'action3d-depth-64x48px.py')),
]
