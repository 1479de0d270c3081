import torch.nn as nn
from mmcv.cnn import ConvModule


def conv3d_stack(in_channels: int,
                 channels: int,
                 num_convs: int = 2,
                 norm_cfg: dict = dict(type='BN3d')) -> nn.Sequential:
    """``num_convs`` 3x3x3 convs (+ norm + ReLU), ``in_channels -> channels``.

    DynamoNet's two branches both start this way ("two conv layers of 64
    filters"); the kernel size, BN and ReLU are our choice.
    """
    layers = [
        ConvModule(in_channels if i == 0 else channels, channels, 3,
                   padding=1, conv_cfg=dict(type='Conv3d'), norm_cfg=norm_cfg)
        for i in range(num_convs)
    ]
    return nn.Sequential(*layers)
