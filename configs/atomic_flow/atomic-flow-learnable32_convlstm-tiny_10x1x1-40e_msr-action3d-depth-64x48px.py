# Ablation: a learnable codebook, initialised from the k-means file and trained
# so that the expected codeword under the predicted distribution reconstructs
# the patch flow (LearnableCodebook.reconstruction_loss, weight 1); targets are
# the nearest current codewords.
_base_ = [
    './atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py'
]
model = dict(
    head=dict(
        codebook=dict(
            _delete_=True,
            type='LearnableCodebook',
            init_file='data/msr_action3d/codebook_kmeans32_3d.npz',
            num_codewords=32),
        recon_weight=1.0))

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=(
            'configs/atomic_flow/convlstm_atomic-flow-learnable32-pretrained-'
            'convlstm-tiny_16x1x1-60e_msr-action3d-depth-64x48px.py')),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_convlstm-tiny_16x1x1_msr-'
            'action3d-depth-64x48px.py')),
]
