# The paper's 3- vs 8-step ablation on natural RGB (2D targets, the paper's
# RGB column): 3 prediction steps instead of 8, everything else as
# atomic-flow-2d_convlstm-tiny_10x2x1-150e_natural-rgb-112px.py (112 px
# crops, every 2nd frame, DIS 2D targets, its k-means 32 codebook,
# rebalanced, 150 epochs). The clips are the same 10 frames as the 8-step
# run (the same videos pass CheckFrameCount); AtomicFlowTargets uses the
# first 5 (the pair and 3 steps): only the horizon differs. Its retrieval
# jobs are recorded under this config's name (the default run name).
_base_ = ['./atomic-flow-2d_convlstm-tiny_10x2x1-150e_natural-rgb-112px.py']
num_steps = 3


def _steps(pipeline):
    return [
        dict(t, num_steps=num_steps) if t['type'] == 'AtomicFlowTargets' else t
        for t in pipeline
    ]


train_dataloader = dict(
    dataset=dict(pipeline=_steps(_base_.nat_af_train_pipeline)))
val_dataloader = dict(
    dataset=dict(pipeline=_steps(_base_.nat_af_heldout_pipeline)))
test_dataloader = val_dataloader
model = dict(head=dict(num_steps=num_steps))
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('atomic-flow-2d-natural-rgb',
                                       'atomic-flow-2d-3step-natural-rgb'))
    if 'run_name' in d else d for d in _base_.downstream
]
