from typing import Sequence

import torch.nn as nn
from mmcv.cnn import ConvModule


def conv3d_stack(
    in_channels: int,
    channels: int,
    kernel_sizes: Sequence[int] = (1, 3),
    norm_cfg: dict = dict(type='BN3d')
) -> nn.Sequential:
    """Conv3d + norm + ReLU layers, ``in_channels -> channels``, one a kernel.

    DynamoNet's two branches both start with "two conv layers of 64 filters";
    the kernel sizes, BN and ReLU are our choice. The default ``(1, 3)``
    reduces the channels with a 1x1x1 conv first: on a deep 2048-channel map
    the paper's heads are cheap either way, but beside a small backbone a
    3x3x3 conv from all its channels costs as much as the backbone
    (tools/analysis/cost_dynamonet.py measures both).
    """
    layers = [
        ConvModule(
            in_channels if i == 0 else channels,
            channels,
            k,
            padding=k // 2,
            conv_cfg=dict(type='Conv3d'),
            norm_cfg=norm_cfg) for i, k in enumerate(kernel_sizes)
    ]
    return nn.Sequential(*layers)
