# Ablation on the issue-17 MSR protocol: 3 prediction steps instead of 8
# (the paper's 3- vs 8-step rows), everything else as
# atomic-flow-bn-jitter-recognizer_convlstm-tiny_10x2x1-30e_msr-action3d-
# depth-128x96px.py (128x96 depth, every 2nd frame, 3D DIS targets, k-means
# 32, rebalanced, 30 epochs). The clips are the same 10 frames as the 8-step
# run, so the same 5 short training videos are skipped; AtomicFlowTargets
# uses the first 5 (the pair and 3 steps): only the horizon differs.
_base_ = [('./atomic-flow-bn-jitter-recognizer_convlstm-tiny_10x2x1-30e_'
           'msr-action3d-depth-128x96px.py')]
num_steps = 3


def _steps(pipeline):
    return [
        dict(t, num_steps=num_steps) if t['type'] == 'AtomicFlowTargets' else t
        for t in pipeline
    ]


train_dataloader = dict(
    dataset=dict(pipeline=_steps(_base_.af_msr_train_pipeline)))
val_dataloader = dict(
    dataset=dict(pipeline=_steps(_base_.af_msr_val_pipeline)))
test_dataloader = val_dataloader
model = dict(head=dict(num_steps=num_steps))
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('bn-jitter-recognizer-', '').replace(
            'atomic-flow-128x96px', 'atomic-flow-3step-128x96px'))
    for d in _base_.downstream
    # fine-tuned with the label-smoothing recognizer only (a tie with the
    # other on scratch and on the main pretraining; one recipe keeps the
    # ablation at 3 seeds a variant on CPU)
    if not d['config'].split('/')[-1].startswith('convlstm-bn-jitter_')
]
