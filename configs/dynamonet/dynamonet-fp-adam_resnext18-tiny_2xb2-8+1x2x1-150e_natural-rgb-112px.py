# The paper's global filters trained with the recipe of the local ones
# (dynamonet-fp-local-skips-adam_resnext18-tiny_2xb2-8+1x2x1-150e_natural-rgb-112px.py:
# Adam, lr 1e-3, 2 clips a process, about 2000 steps), so that the two
# modes compare on one recipe (ours). Otherwise the paper-form natural-RGB
# pretraining (dynamonet-fp_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.py).
_base_ = [
    './dynamonet-fp-local-skips-adam_resnext18-tiny_2xb2-8+1x2x1-150e_'
    'natural-rgb-112px.py'
]
model = dict(
    backbone=dict(out_indices=(3, )),
    fp_head=dict(mode='global', skip_channels=()))
