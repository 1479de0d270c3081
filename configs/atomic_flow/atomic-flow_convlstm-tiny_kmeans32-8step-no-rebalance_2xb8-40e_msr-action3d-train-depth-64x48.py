# Ablation: plain cross-entropy (no rebalancing weights).
_base_ = ['./atomic-flow_convlstm-tiny_kmeans32-8step_2xb8-40e_msr-action3d-train-depth-64x48.py']
model = dict(head=dict(loss=dict(rebalance=False)))

# Downstream evaluations of this pretraining: tools/benchmarks/run_benchmark.py
# runs them from its checkpoint (`load`: the option that points a training
# job at it; no `load`: the checkpoint is tested) and records them.
downstream = [
    dict(task='fine-tune', protocol='msr-xsub',
         config='configs/atomic_flow/convlstm-tiny_atomic-flow-pretrained-no-rebalance_2xb8-16x1x1-60e_msr-action3d-depth-64x48.py',
         load='model.backbone.encoder.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='msr-xsub',
         config='configs/benchmarks/retrieval/retrieval_convlstm-tiny_msr-action3d-depth-64x48.py'),
]
