# (d, step 2) Fine-tune (b)'s joint model from the self-supervised FP
# pretraining: backbone and FP branch start from the pretrained weights, the
# classifier from scratch. Run the pretraining config first (work_dirs/ below
# is where tools/train.py puts it by default).
_base_ = ['./dynamonet_resnext18-tiny_joint_2xb8-8+1x2x1-60e_msr-action3d-depth-64px.py']
load_from = ('work_dirs/dynamonet_resnext18-tiny_fp-pretrain_2xb8-8+1x2x1-60e_'
             'msr-action3d-train-unlabeled-depth-64px/epoch_60.pth')
