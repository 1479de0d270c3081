# Self-supervised coarse-to-fine motion (Tian et al., ECCV 2020) on the MSR
# Action3D cross-subject training videos (labels unused), depth: the MSR
# pretraining protocol chosen from the motion budget (README, "Motion
# budget"; ours, not the paper's). At 64 px and every 2nd frame the frames
# move 0.49 px a pair; at 96 px (short side 108, crop 96) and every 3rd
# frame 1.26 px, a third of the pixels more than 1 px, and DIS removes 49 %
# of the zero-motion warp error. 30 epochs (not 40) and one validation at
# the end keep one pretraining near 25 minutes on 2 CPU cores. Held-out
# motion quality (warping error and SSIM beside DIS, Farneback and zero
# motion) on the test subjects' clips, at the same size and interval. The
# downstream jobs are the 64 px recognition protocols of the 64 px
# pretraining, recorded under their own run names.
_base_ = ['./c2f-motion_resnext18-tiny_8x2x1-40e_msr-action3d-depth-64px.py']
frame_interval = 3
resize_short = 108
img_size = 96
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(t, frame_interval=frame_interval) if t['type'] == 'SampleFrames'
        else dict(t, scale=(-1, resize_short)) if t['type'] == 'Resize' else
        dict(t, size=img_size) if t['type'] == 'RandomCrop' else t
        for t in _base_.train_dataloader.dataset.pipeline
    ]))
val_dataloader = dict(
    dataset=dict(pipeline=[
        dict(t, frame_interval=frame_interval) if t['type'] == 'SampleFrames'
        else dict(t, scale=(-1, resize_short)) if t['type'] == 'Resize' else
        dict(t, crop_size=img_size) if t['type'] == 'CenterCrop' else t
        for t in _base_.val_dataloader.dataset.pipeline
    ]))
test_dataloader = val_dataloader
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=2,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 2,
        eta_min=1e-5,
        by_epoch=True,
        begin=2,
        end=max_epochs)
]

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=('configs/coarse_to_fine_motion/i3d_c2f-motion-pretrained-'
                'resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py'),
        run_name=('i3d_c2f-motion-96px-pretrained-resnext18-tiny_8x2x1-60e_'
                  'msr-action3d-depth-64px')),
    dict(
        task='linear-probe',
        protocol='msr-xsub',
        config=('configs/benchmarks/linear_probe/linear-probe_resnext18-tiny_'
                '8x2x1-30e_msr-action3d-depth-64px.py'),
        run_name='resnext18-tiny_c2f-motion-96px-pretrained'),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_resnext18-tiny_8x2x1_msr-'
            'action3d-depth-64px.py'),
        run_name='resnext18-tiny_c2f-motion-96px-pretrained'),
]
