# Upsampler ablation (the paper's core claim): deconv upsampling of the same
# scale in place of the context-guided layer; otherwise as the context config.
_base_ = ['./c2f-motion_resnext18-tiny_context_2xb8-8x2x1-40e_msr-action3d-train-depth-64px.py']
model = dict(upsampler=dict(_delete_=True, type='DeconvUpsample'))

# Downstream evaluations of this pretraining: tools/benchmarks/run_benchmark.py
# runs them from its checkpoint (`load`: the option that points a training
# job at it; no `load`: the checkpoint is tested) and records them.
downstream = [
    dict(task='fine-tune', protocol='msr-xsub',
         config='configs/coarse_to_fine_motion/resnext18-tiny_c2f-motion-deconv-pretrained_2xb8-8x2x1-60e_msr-action3d-depth-64px.py',
         load='model.backbone.init_cfg.checkpoint'),
    dict(task='linear-probe', protocol='msr-xsub',
         config='configs/benchmarks/linear_probe/resnext18-tiny_linear-probe_2xb8-8x2x1-30e_msr-action3d-depth-64px.py',
         load='model.backbone.init_cfg.checkpoint'),
    dict(task='retrieval', protocol='msr-xsub',
         config='configs/benchmarks/retrieval/retrieval_resnext18-tiny_msr-action3d-depth-64px.py'),
]
