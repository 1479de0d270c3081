# Frame-prediction pretraining with the paper's global filters on MSR
# Action3D depth at the 96 px protocol (every 3rd frame: 1.28 px a pair on
# the training clips, 1.39 on the test subjects), trained with the recipe of
# the natural-RGB Adam runs (ours, issue 16; dynamonet-fp-adam_resnext18-
# tiny_2xb2-8+1x2x1-150e_natural-rgb-112px.py: Adam lr 1e-3, no weight
# decay, gradients clipped at 10, 2 clips a process) so that the global and
# the local mode (dynamonet-fp-local-skips-adam_resnext18-tiny_2xb2-8+1x3x1-
# 30e_msr-action3d-depth-96px.py) and the camera motion (dynamonet-fp-
# camera-motion-adam_...) are compared on one recipe. Data, Huber FP loss
# and downstream jobs are the SGD 96 px pretraining's
# (dynamonet-fp_resnext18-tiny_8+1x3x1-60e_msr-action3d-depth-96px.py, 1080
# SGD steps of 16 clips). 30 epochs of 70 steps: about 2100 steps, the
# natural-RGB runs' 1950.
_base_ = [
    './dynamonet-fp_resnext18-tiny_8+1x3x1-60e_msr-action3d-depth-96px.py'
]
train_dataloader = dict(batch_size=2)
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
optim_wrapper = dict(
    _delete_=True,
    optimizer=dict(type='Adam', lr=1e-3, weight_decay=0),
    clip_grad=dict(max_norm=10, norm_type=2))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=1,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs - 1,
        eta_min=1e-5,
        by_epoch=True,
        begin=1,
        end=max_epochs)
]
default_hooks = dict(checkpoint=dict(interval=10))
# The test (the benchmark's pretext job) fits the oracle of both modes to
# the first 16 test clips of each process (32 of the 273 test videos; 300
# Adam steps a clip) and scores the DIS motion bound (clamped to the 2 px
# a 5 x 5 filter reaches), as the natural-RGB runs' test does.
test_evaluator = dict(
    type='FramePredictionMetric',
    oracle=dict(modes=('global', 'local'), num_samples=16),
    flow_bound=2)
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('dynamonet-fp-96px',
                                       'dynamonet-fp-adam-96px'))
    for d in _base_.downstream
]
