# Frame-prediction pretraining with local filters made at stride 4 (ours,
# issue 16): the backbone also returns its first stage (every frame, 28 x 28
# for 112 px frames), and FramePredictionHead(skip_channels=(32, )) adds it
# to the upsampled deep map before one kernel map a frame is predicted
# (after De Brabandere et al.'s dynamic filter networks, whose filters come
# from an encoder-decoder). Otherwise the plain local mode
# (dynamonet-fp-local_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.py).
_base_ = [
    './dynamonet-fp-local_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.py'
]
model = dict(
    backbone=dict(out_indices=(0, 3)), fp_head=dict(skip_channels=(32, )))
