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

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=('configs/dynamonet/dynamonet-joint_dynamonet-fp-pretrained-'
                'resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px.py'),
        load='load_from'),
    dict(
        task='linear-probe',
        protocol='msr-xsub',
        config=('configs/benchmarks/linear_probe/linear-probe_resnext18-tiny_'
                '8x2x1-30e_msr-action3d-depth-64px.py'),
        run_name='resnext18-tiny_dynamonet-fp-pretrained'),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_resnext18-tiny_8x2x1_msr-'
            'action3d-depth-64px.py'),
        run_name='resnext18-tiny_dynamonet-fp-pretrained'),
]
