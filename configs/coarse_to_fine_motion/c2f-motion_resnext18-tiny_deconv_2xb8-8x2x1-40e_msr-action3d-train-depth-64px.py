# Upsampler ablation (the paper's core claim): deconv upsampling of the same
# scale in place of the context-guided layer; otherwise as the context config.
_base_ = ['./c2f-motion_resnext18-tiny_context_2xb8-8x2x1-40e_msr-action3d-train-depth-64px.py']
model = dict(upsampler='deconv')
