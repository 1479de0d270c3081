# Ablation: a learnable codebook, initialised from the k-means file and trained
# so that the expected codeword under the predicted distribution reconstructs
# the patch flow (LearnableCodebook.reconstruction_loss, weight 1); targets are
# the nearest current codewords.
_base_ = ['./atomic-flow_convlstm-tiny_kmeans32-8step_2xb8-40e_msr-action3d-train-depth-64x48.py']
model = dict(head=dict(
    codebook=dict(_delete_=True, type='LearnableCodebook',
                  init_file='data/msr_action3d/codebook_kmeans32_3d.npz',
                  num_codewords=32),
    recon_weight=1.0))

# Downstream evaluations of this pretraining: tools/benchmarks/run_benchmark.py
# runs them from its checkpoint (`load`: the option that points a training
# job at it; no `load`: the checkpoint is tested) and records them.
downstream = [
    dict(task='fine-tune', protocol='msr-xsub',
         config='configs/atomic_flow/convlstm-tiny_atomic-flow-pretrained-learnable32_2xb8-16x1x1-60e_msr-action3d-depth-64x48.py',
         load='model.backbone.encoder.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='msr-xsub',
         config='configs/benchmarks/retrieval/retrieval_convlstm-tiny_msr-action3d-depth-64x48.py'),
]
