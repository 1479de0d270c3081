# Ablation on the issue-17 MSR protocol: plain cross-entropy (no rebalancing
# weights; the paper's rebalanced-vs-plain comparison), everything else as
# atomic-flow-bn-jitter-recognizer_convlstm-tiny_10x2x1-30e_msr-action3d-
# depth-128x96px.py (128x96 depth, every 2nd frame, 3D DIS targets, k-means
# 32, 8 steps, 30 epochs).
_base_ = [('./atomic-flow-bn-jitter-recognizer_convlstm-tiny_10x2x1-30e_'
           'msr-action3d-depth-128x96px.py')]
model = dict(head=dict(loss=dict(rebalance=False)))
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('bn-jitter-recognizer-', '').replace(
            'atomic-flow-128x96px', 'atomic-flow-no-rebalance-128x96px'))
    for d in _base_.downstream
    # fine-tuned with the label-smoothing recognizer only (a tie with the
    # other on scratch and on the main pretraining; one recipe keeps the
    # ablation at 3 seeds a variant on CPU)
    if not d['config'].split('/')[-1].startswith('convlstm-bn-jitter_')
]
