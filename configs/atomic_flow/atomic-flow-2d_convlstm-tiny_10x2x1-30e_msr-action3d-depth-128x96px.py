# Ablation on the issue-17 MSR protocol: 2D targets (dx, dy of the DIS flow
# on the depth frames, no depth change; the paper's "2D motion" row),
# everything else as atomic-flow-bn-jitter-recognizer_convlstm-tiny_10x2x1-
# 30e_msr-action3d-depth-128x96px.py (128x96 depth, every 2nd frame, k-means
# 32, 8 steps, rebalanced, 30 epochs). Its own k-means codebook, fitted as
# the 3D one (pairs every 2nd frame apart, at most 16 a video):
#   python tools/data/fit_codebook.py <this config> -k 32 \
#       --pairs-per-video 16 \
#       --out data/msr_action3d/codebook_kmeans32_2d_10x2x1_128x96px.npz
# (log: docs/logs/codebooks/codebook_kmeans32_2d_10x2x1_128x96px.log)
_base_ = [('./atomic-flow-bn-jitter-recognizer_convlstm-tiny_10x2x1-30e_'
           'msr-action3d-depth-128x96px.py')]
codebook_file = 'data/msr_action3d/codebook_kmeans32_2d_10x2x1_128x96px.npz'


def _2d(pipeline):
    return [
        dict(t, dim=2) if t['type'] == 'AtomicFlowTargets' else t
        for t in pipeline
    ]


train_dataloader = dict(
    dataset=dict(pipeline=_2d(_base_.af_msr_train_pipeline)))
val_dataloader = dict(dataset=dict(pipeline=_2d(_base_.af_msr_val_pipeline)))
test_dataloader = val_dataloader
model = dict(head=dict(codebook=dict(file=codebook_file)))
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('bn-jitter-recognizer-',
                                       '').replace('atomic-flow-128x96px',
                                                   'atomic-flow-2d-128x96px'))
    for d in _base_.downstream
    # fine-tuned with the label-smoothing recognizer only (a tie with the
    # other on scratch and on the main pretraining; one recipe keeps the
    # ablation at 3 seeds a variant on CPU)
    if not d['config'].split('/')[-1].startswith('convlstm-bn-jitter_')
]
