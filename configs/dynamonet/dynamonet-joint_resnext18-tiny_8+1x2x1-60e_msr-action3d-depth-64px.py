# (b) DynamoNet, joint frame prediction + classification from scratch
# (alpha = 0.1, beta = 1.0: the paper's weights).
_base_ = [
    '../_base_/models/dynamonet_resnext18_tiny_depth.py',
    '../_base_/datasets/msr_action3d_depth_nextframe.py',
    '../_base_/schedules/sgd_nesterov_cosine.py',
    '../_base_/default_runtime.py'
]
# no checkpoint is chosen on the test subjects (MSR has no validation split)
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
# class accuracy and next-frame quality (SSIM / PSNR against copying the
# last frame) in one test run; frames are on a [0, 1] scale (DepthNormalize)
val_evaluator = [dict(type='AccMetric'), dict(type='FramePredictionMetric')]
test_evaluator = val_evaluator
custom_hooks = [
    dict(type='RNGStateHook'),
    # true / predicted / difference frames to the visualiser's backends
    dict(type='FramePredictionVisualizationHook', interval=50)
]
