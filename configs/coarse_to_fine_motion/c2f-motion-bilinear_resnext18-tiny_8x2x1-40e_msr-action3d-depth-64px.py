# Upsampler ablation (the paper's core claim): bilinear upsampling of the same
# scale in place of the context-guided layer; otherwise as the context config.
_base_ = ['./c2f-motion_resnext18-tiny_8x2x1-40e_msr-action3d-depth-64px.py']
model = dict(upsampler=dict(_delete_=True, type='BilinearUpsample'))

# Downstream evaluations: README.md, section "Benchmark suite".
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=(
            'configs/coarse_to_fine_motion/i3d_c2f-motion-bilinear-pretrained-'
            'resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py')),
    dict(
        task='linear-probe',
        protocol='msr-xsub',
        config=('configs/benchmarks/linear_probe/linear-probe_resnext18-tiny_'
                '8x2x1-30e_msr-action3d-depth-64px.py')),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_resnext18-tiny_8x2x1_msr-'
            'action3d-depth-64px.py')),
]
