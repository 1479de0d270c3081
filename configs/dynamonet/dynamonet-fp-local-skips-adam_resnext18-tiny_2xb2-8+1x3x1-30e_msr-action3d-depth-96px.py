# Frame-prediction pretraining with local filters and skips (ours, issue 16)
# on MSR Action3D depth at the 96 px protocol, the MSR half of "both modes
# on natural RGB and on MSR depth": the model of the natural-RGB local-skips
# Adam run (dynamonet-fp-local-skips-adam_resnext18-tiny_2xb2-8+1x2x1-150e_
# natural-rgb-112px.py: FramePredictionHead(mode='local',
# skip_channels=(32, )) on the backbone's first stage) on the MSR global
# Adam run's data, recipe and test
# (dynamonet-fp-adam_resnext18-tiny_2xb2-8+1x3x1-30e_msr-action3d-depth-
# 96px.py).
_base_ = [
    './dynamonet-fp-adam_resnext18-tiny_2xb2-8+1x3x1-30e_msr-action3d-'
    'depth-96px.py'
]
model = dict(
    backbone=dict(out_indices=(0, 3)),
    fp_head=dict(mode='local', skip_channels=(32, )))
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('dynamonet-fp-adam-96px',
                                       'dynamonet-fp-local-skips-96px'))
    for d in _base_.downstream
]
