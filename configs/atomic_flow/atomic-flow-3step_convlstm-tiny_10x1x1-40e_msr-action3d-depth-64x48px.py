# Ablation: 3 prediction steps instead of 8 (the paper's 3- vs 8-step rows).
# The clips are the same 10 frames as the 8-step run (AtomicFlowTargets uses
# the first 5: the pair and 3 steps), so only the horizon differs.
_base_ = [
    './atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-depth-64x48px.py'
]
num_steps = 3
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(t, num_steps=num_steps) if t['type'] == 'AtomicFlowTargets' else t
        for t in _base_.train_dataloader.dataset.pipeline
    ]))
val_dataloader = dict(
    dataset=dict(pipeline=[
        dict(t, num_steps=num_steps) if t['type'] == 'AtomicFlowTargets' else t
        for t in _base_.val_dataloader.dataset.pipeline
    ]))
test_dataloader = val_dataloader
model = dict(head=dict(num_steps=num_steps))

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=('configs/atomic_flow/convlstm_atomic-flow-3step-pretrained-'
                'convlstm-tiny_16x1x1-60e_msr-action3d-depth-64x48px.py')),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_convlstm-tiny_16x1x1_msr-'
            'action3d-depth-64x48px.py')),
]
