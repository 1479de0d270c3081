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
