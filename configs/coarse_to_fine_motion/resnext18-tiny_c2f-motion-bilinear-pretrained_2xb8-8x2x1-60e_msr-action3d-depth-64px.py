# Upsampler ablation, downstream: as the context-pretrained fine-tuning
# config, from the bilinear-upsampler pretraining.
_base_ = ['./resnext18-tiny_c2f-motion-pretrained_2xb8-8x2x1-60e_msr-action3d-depth-64px.py']
pretrained = ('work_dirs/c2f-motion_resnext18-tiny_bilinear_2xb8-8x2x1-40e_'
              'msr-action3d-train-depth-64px/epoch_40.pth')
model = dict(backbone=dict(init_cfg=dict(checkpoint=pretrained)))
