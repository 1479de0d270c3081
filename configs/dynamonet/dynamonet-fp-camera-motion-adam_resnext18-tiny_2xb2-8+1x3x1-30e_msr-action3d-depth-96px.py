# Global-filter frame-prediction pretraining on MSR Action3D depth at the
# 96 px protocol with a random camera motion (RandomCameraMotion; ours,
# issue 16): each training clip's content moves at one random velocity (up
# to 2 px a frame each axis, a zoom up to 2 % and a rotation up to 1 degree
# a frame), applied before the crop. MSR's camera is static, so a per-frame
# global filter (the paper's) has only the small person's motion to
# predict; this gives it a motion of the whole frame (the loss check:
# the best global filters' loss falls 31 % below copy-last's on such clips,
# 6 % without). Test: the unmoved test clips. Otherwise the global Adam
# run (dynamonet-fp-adam_resnext18-tiny_2xb2-8+1x3x1-30e_msr-action3d-
# depth-96px.py), which it is measured against; the SGD form of the same
# augmentation is dynamonet-fp-camera-motion_resnext18-tiny_8+1x3x1-60e_
# msr-action3d-depth-96px.py.
_base_ = [
    './dynamonet-fp-adam_resnext18-tiny_2xb2-8+1x3x1-30e_msr-action3d-'
    'depth-96px.py'
]
train_pipeline = _base_.msr96_camera_motion_train_pipeline
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
downstream = [
    dict(
        d,
        run_name=d['run_name'].replace('dynamonet-fp-adam-96px',
                                       'dynamonet-fp-camera-motion-96px'))
    for d in _base_.downstream
]
