# (d, step 1) Self-supervised frame-prediction pretraining (the paper's
# "unsupervised training": FP branch only, classifier detached) on the MSR
# Action3D training videos with their labels ignored. Held-out quality:
# next-frame SSIM / PSNR on the test subjects against copying the last frame.
_base_ = [
    '../_base_/models/dynamonet_resnext18_tiny_depth.py',
    '../_base_/datasets/msr_action3d_depth_nextframe.py',
    '../_base_/schedules/sgd_nesterov_cosine.py',
    '../_base_/default_runtime.py'
]
model = dict(self_supervised=True, cls_head=None)
train_dataloader = dict(dataset=dict(type='UnlabeledVideoDataset'))
val_evaluator = dict(type='FramePredictionMetric')
test_evaluator = val_evaluator
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
custom_hooks = [
    dict(type='RNGStateHook'),
    dict(type='FramePredictionVisualizationHook', interval=50)
]

# Downstream evaluations of this pretraining: tools/benchmarks/run_benchmark.py
# runs them from its checkpoint (`load`: the option that points a training
# job at it; no `load`: the checkpoint is tested) and records them.
downstream = [
    dict(task='fine-tune', protocol='msr-xsub',
         config='configs/dynamonet/dynamonet_resnext18-tiny_fp-pretrained-joint_2xb8-8+1x2x1-60e_msr-action3d-depth-64px.py',
         load='load_from'),
    dict(task='linear-probe', protocol='msr-xsub',
         config='configs/benchmarks/linear_probe/resnext18-tiny_linear-probe_2xb8-8x2x1-30e_msr-action3d-depth-64px.py',
         load='model.backbone.init_cfg.checkpoint',
         run_name='resnext18-tiny_dynamonet-fp-pretrained'),
    dict(task='retrieval', protocol='msr-xsub',
         config='configs/benchmarks/retrieval/retrieval_resnext18-tiny_msr-action3d-depth-64px.py',
         run_name='resnext18-tiny_dynamonet-fp-pretrained'),
]
