# Fine-tuning on ud810 (RGB), leave-one-person-out fold 1, from the
# coarse-to-fine motion pretraining on the unlabelled RGB clips: the backbone
# from its checkpoint (init_cfg, prefix 'backbone.'), the head from scratch;
# otherwise as the scratch baseline
# (configs/baselines/i3d_resnext18-tiny_8x2x1-60e_ud810-fold1-rgb-64px.py).
# tools/benchmarks/run_benchmark.py points init_cfg at the checkpoint it is
# given.
_base_ = ['../baselines/i3d_resnext18-tiny_8x2x1-60e_ud810-fold1-rgb-64px.py']
pretrained = ((
    'work_dirs/c2f-motion_resnext18-tiny_8x2x1-150e_unlabeled-rgb-64px/'
    'epoch_150.pth'))
model = dict(
    backbone=dict(
        init_cfg=dict(
            type='Pretrained', checkpoint=pretrained, prefix='backbone.')))
