# Fine-tuning from atomic-flow pretraining (Luo et al.) with the issue-17
# recognizer and label smoothing 0.1 (ours), the recipe of the scratch row
# configs/baselines/convlstm-bn-jitter-ls_convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px.py.
_base_ = [('./convlstm-bn-jitter_atomic-flow-pretrained-convlstm-tiny_'
           '16x1x1-100e_msr-action3d-depth-64x48px.py')]
model = dict(cls_head=dict(label_smooth_eps=0.1))
