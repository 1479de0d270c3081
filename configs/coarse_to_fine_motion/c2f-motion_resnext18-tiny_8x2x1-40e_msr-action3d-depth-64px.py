# Self-supervised coarse-to-fine motion (Tian et al., ECCV 2020) on the MSR
# Action3D cross-subject training videos (labels unused), depth, clips of 8
# frames (every 2nd), 64 px; held-out motion quality (warping error and SSIM
# beside DIS, Farneback and zero motion) on the test subjects' clips.
_base_ = [
    '../_base_/models/c2f_motion_resnext18_tiny_depth.py',
    '../_base_/datasets/msr_action3d_depth_nextframe.py',
    '../_base_/schedules/adam_cosine.py', '../_base_/default_runtime.py'
]
val_pipeline = [
    dict(type='DepthInit'),
    dict(
        type='SampleFrames',
        clip_len=8,
        frame_interval=2,
        num_clips=1,
        test_mode=True),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='DepthNormalize'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(t, clip_len=8) if t['type'] == 'SampleFrames' else t
        for t in _base_.train_dataloader.dataset.pipeline
    ]))
val_dataloader = dict(batch_size=8, dataset=dict(pipeline=val_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(_delete_=True, type='MotionWarpMetric')
test_evaluator = val_evaluator
custom_hooks = [
    dict(type='RNGStateHook'),
    dict(type='MotionVisualizationHook', interval=10)
]
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
auto_scale_lr = dict(enable=False, base_batch_size=16)

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=('configs/coarse_to_fine_motion/i3d_c2f-motion-pretrained-'
                'resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py')),
    dict(
        task='linear-probe',
        protocol='msr-xsub',
        config=('configs/benchmarks/linear_probe/linear-probe_resnext18-tiny_'
                '8x2x1-30e_msr-action3d-depth-64px.py'),
        run_name='resnext18-tiny_c2f-motion-pretrained'),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_resnext18-tiny_8x2x1_msr-'
            'action3d-depth-64px.py'),
        run_name='resnext18-tiny_c2f-motion-pretrained'),
]
