# (d, step 2) Fine-tune (b)'s joint model from the self-supervised FP
# pretraining: backbone and FP branch start from the pretrained weights, the
# classifier from scratch. Run the pretraining config first (work_dirs/ below
# is where tools/train.py puts it by default).
_base_ = [
    './dynamonet-joint_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-64px.py'
]
load_from = ((
    'work_dirs/dynamonet-fp_resnext18-tiny_8+1x2x1-60e_msr-action3d-depth-'
    '64px/epoch_60.pth'))
