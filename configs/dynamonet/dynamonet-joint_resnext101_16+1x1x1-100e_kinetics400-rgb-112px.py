# Paper scale, NOT RUN HERE: the same with a plain 3D-ResNeXt-101 (no STC).
_base_ = ['./dynamonet-joint_stcnet101_16+1x1x1-100e_kinetics400-rgb-112px.py']
model = dict(backbone=dict(use_stc=False, num_frames=None))
