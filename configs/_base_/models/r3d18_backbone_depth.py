# The R3D-18 (MMAction2 ResNet3d, 32 base channels) for 1-channel depth clips,
# shared by the scratch recognizer (r3d18_depth.py) and the coarse-to-fine
# motion pretraining that uses it as its video encoder.
r3d18_backbone = dict(
    type='ResNet3d',
    depth=18,
    pretrained=None,
    pretrained2d=False,
    in_channels=1,
    base_channels=32,
    conv1_kernel=(3, 7, 7),
    conv1_stride_t=1,
    pool1_stride_t=1,
    inflate=(1, 1, 1, 1),
    norm_eval=False)
