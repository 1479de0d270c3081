# The 128x96 MSR atomic-flow pretraining
# (atomic-flow_convlstm-tiny_10x2x1-30e_msr-action3d-depth-128x96px.py,
# unchanged: same data, targets, codebook, model and schedule), benchmarked
# with the recognizer as issue 17 rebuilt it: fine-tuned with a BatchNorm
# over the temporal ConvLSTM's outputs and scale jitter, 100 epochs (its
# scratch row: configs/baselines/convlstm-bn-jitter_convlstm-tiny_16x1x1-
# 100e_msr-action3d-depth-64x48px.py). The linear probe and retrieval read
# the encoder alone, as for the parent config.
_base_ = [
    './atomic-flow_convlstm-tiny_10x2x1-30e_msr-action3d-depth-128x96px.py'
]
downstream = [
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=('configs/atomic_flow/convlstm-bn-jitter_atomic-flow-'
                'pretrained-convlstm-tiny_16x1x1-100e_msr-action3d-depth-'
                '64x48px.py'),
        run_name=('convlstm-bn-jitter_atomic-flow-128x96px-pretrained-'
                  'convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px')),
    # the same with label smoothing 0.1 (its scratch row: configs/baselines/
    # convlstm-bn-jitter-ls_convlstm-tiny_16x1x1-100e_msr-action3d-depth-
    # 64x48px.py)
    dict(
        task='fine-tune',
        protocol='msr-xsub',
        config=('configs/atomic_flow/convlstm-bn-jitter-ls_atomic-flow-'
                'pretrained-convlstm-tiny_16x1x1-100e_msr-action3d-depth-'
                '64x48px.py'),
        run_name=('convlstm-bn-jitter-ls_atomic-flow-128x96px-pretrained-'
                  'convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px')),
    dict(
        task='linear-probe',
        protocol='msr-xsub',
        config=('configs/benchmarks/linear_probe/linear-probe_convlstm-tiny_'
                '16x1x1-30e_msr-action3d-depth-64x48px.py'),
        run_name='convlstm-tiny_atomic-flow-bn-jitter-recognizer-128x96px-'
        'pretrained'),
    dict(
        task='retrieval',
        protocol='msr-xsub',
        config=(
            'configs/benchmarks/retrieval/retrieval_convlstm-tiny_16x1x1_msr-'
            'action3d-depth-64x48px.py'),
        run_name='convlstm-tiny_atomic-flow-bn-jitter-recognizer-128x96px-'
        'pretrained'),
]
