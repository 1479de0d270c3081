"""Coarse motion decoded from a 3D video encoder (Tian et al., ECCV 2020)."""
from typing import Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmcv.cnn import ConvModule
from mmengine.model import BaseModule

from mmmotion.registry import MODELS


@MODELS.register_module()
class MotionDecoderHead(BaseModule):
    """A 2-channel motion map for every consecutive frame pair, at 1/4 or 1/8
    of the input size, from an MMAction2 3D backbone's features.

    Paper (abstract): low-resolution motion maps are decoded from the
    spatio-temporal features of the video encoder. Ours: a 1x1x1 conv
    reduces the features, trilinear resizing brings them to ``(T - 1, H / s,
    W / s)`` (one slice per pair; the backbone may have pooled time and
    space), ``num_convs`` 3x3x3 convs (BN, ReLU) refine them and a 3x3x3 conv
    gives ``(dx, dy)`` in low-resolution pixels (the upsampler multiplies by
    the scale). The last conv starts at zero: zero motion at first.

    Args:
        in_channels (int): channels of the backbone features.
        out_stride (int): 4 or 8, the motion map's stride.
        mid_channels (int): width of the decoder convs.
        num_convs (int): refinement convs.
    """

    def __init__(self,
                 in_channels: int,
                 out_stride: int = 4,
                 mid_channels: int = 64,
                 num_convs: int = 2,
                 norm_cfg: dict = dict(type='BN3d'),
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if out_stride not in (4, 8):
            raise ValueError(f'out_stride must be 4 or 8, got {out_stride}')
        self.out_stride = out_stride
        conv3d = dict(type='Conv3d')
        self.reduce = ConvModule(in_channels, mid_channels, 1,
                                 conv_cfg=conv3d, norm_cfg=norm_cfg)
        self.convs = nn.Sequential(*[
            ConvModule(mid_channels, mid_channels, 3, padding=1,
                       conv_cfg=conv3d, norm_cfg=norm_cfg)
            for _ in range(num_convs)
        ])
        self.out = nn.Conv3d(mid_channels, 2, 3, padding=1)

    def init_weights(self) -> None:
        super().init_weights()
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, feats, clip_shape: Sequence[int]) -> torch.Tensor:
        """Args: ``feats`` ``(N, C, T', H', W')`` (or a tuple whose last item
        is); ``clip_shape`` ``(T, H, W)`` of the input clip. Returns
        ``(N, 2, T - 1, H / s, W / s)``."""
        if isinstance(feats, (tuple, list)):
            feats = feats[-1]
        t, h, w = clip_shape
        s = self.out_stride
        if h % s or w % s:
            raise ValueError(f'frames of {h}x{w} are not divisible by the '
                             f'motion stride {s}')
        if t < 2:
            raise ValueError(f'a clip of {t} frame(s) has no frame pair')
        x = self.reduce(feats)
        x = F.interpolate(x, size=(t - 1, h // s, w // s), mode='trilinear',
                          align_corners=False)
        return self.out(self.convs(x))

    @staticmethod
    def low_res_shape(clip_shape: Sequence[int],
                      stride: int) -> Tuple[int, int, int]:
        t, h, w = clip_shape
        return t - 1, h // stride, w // stride
