# Upsampler ablation, downstream: as the context-pretrained fine-tuning
# config, from the deconv-upsampler pretraining.
_base_ = [('./i3d_c2f-motion-pretrained-resnext18-tiny_8x2x1-60e_msr-action3d-'
           'depth-64px.py')]
pretrained = ((
    'work_dirs/c2f-motion-deconv_resnext18-tiny_8x2x1-40e_msr-action3d-'
    'depth-64px/epoch_40.pth'))
model = dict(backbone=dict(init_cfg=dict(checkpoint=pretrained)))
