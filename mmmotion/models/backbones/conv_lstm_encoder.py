"""Luo et al.'s motion encoder: per-frame conv layers, then a ConvLSTM."""
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
from mmcv.cnn import ConvModule
from mmengine.model import BaseModule

from mmmotion.registry import MODELS
from ..layers.conv_lstm import ConvLSTM, State

MODALITY_CHANNELS = {'rgb': 3, 'depth': 1, 'rgbd': 4}


@MODELS.register_module()
class ConvLSTMEncoder(BaseModule):
    """Conv layers on every frame, an encoder ConvLSTM over the frames.

    Paper (Luo et al., CVPR 2017, "Unsupervised Learning of Long-Term Motion
    Dynamics for Videos"): the encoder reads a pair of frames (RGB, depth or
    RGB-D) with conv layers and an encoder ConvLSTM; its final state starts
    the decoder ConvLSTM (``AtomicFlowHead``), and after pretraining the
    encoder initialises an action recognizer (``PairwiseMotionBackbone``).

    Ours: the widths, kernels and strides (``channels``, ``strides``), BN +
    ReLU after each conv, a 3x3 ConvLSTM of ``lstm_channels``; the input
    channels follow the modality (``rgb`` 3, ``depth`` 1, ``rgbd`` 4).

    Args:
        modality (str): ``'rgb'``, ``'depth'`` or ``'rgbd'``; or give
            ``in_channels``.
        in_channels (int, optional): overrides the modality's channels.
        channels (Sequence[int]): output channels of the conv layers.
        strides (Sequence[int]): their strides (the feature stride is the
            product).
        lstm_channels (int | Sequence[int]): hidden channels of the encoder
            ConvLSTM, one per layer.
        lstm_kernel (int): its kernel size.
        norm_cfg (dict): the convs' norm.
        init_cfg (dict, optional): e.g. ``dict(type='Pretrained',
            checkpoint=..., prefix='backbone.')`` to load a pretrained
            ``AtomicFlowPredictor``'s encoder.
    """

    def __init__(self,
                 modality: str = 'depth',
                 in_channels: Optional[int] = None,
                 channels: Sequence[int] = (32, 64, 64),
                 strides: Sequence[int] = (2, 2, 2),
                 kernel_size: int = 3,
                 lstm_channels=64,
                 lstm_kernel: int = 3,
                 norm_cfg: dict = dict(type='BN'),
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if in_channels is None:
            if modality not in MODALITY_CHANNELS:
                raise ValueError(
                    f'modality must be one of {tuple(MODALITY_CHANNELS)}, '
                    f'got {modality!r}')
            in_channels = MODALITY_CHANNELS[modality]
        if len(channels) != len(strides) or not channels:
            raise ValueError(f'channels {tuple(channels)} and strides '
                             f'{tuple(strides)} must have the same length')
        self.modality = modality
        self.in_channels = in_channels
        self.feature_stride = 1
        layers = []
        c_in = in_channels
        for c, s in zip(channels, strides):
            layers.append(
                ConvModule(c_in, c, kernel_size, stride=s,
                           padding=kernel_size // 2, norm_cfg=norm_cfg))
            c_in = c
            self.feature_stride *= s
        self.convs = nn.Sequential(*layers)
        self.lstm = ConvLSTM(c_in, lstm_channels, kernel_size=lstm_kernel)

    @property
    def out_channels(self) -> int:
        return self.lstm.out_channels

    def _check(self, x: torch.Tensor) -> None:
        if x.dim() != 5 or x.shape[1] != self.in_channels:
            raise ValueError(
                f'ConvLSTMEncoder ({self.modality}) takes clips (N, '
                f'{self.in_channels}, T, H, W), got {tuple(x.shape)}')
        h, w = x.shape[-2:]
        if h % self.feature_stride or w % self.feature_stride:
            raise ValueError(
                f'frames of {h}x{w} are not divisible by the encoder\'s '
                f'stride {self.feature_stride}')

    def frame_features(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, C, T, H, W)`` -> conv features ``(N, T, C', h, w)``."""
        self._check(x)
        n, c, t, h, w = x.shape
        f = self.convs(x.transpose(1, 2).reshape(n * t, c, h, w))
        return f.view(n, t, *f.shape[1:])

    def encode(self, feats: torch.Tensor
               ) -> Tuple[torch.Tensor, List[State]]:
        """Run the ConvLSTM over ``(N, T, C', h, w)`` features: the last
        hidden map ``(N, C_h, h, w)`` and the final state of every layer."""
        out, state = self.lstm(feats)
        return out[:, -1], state

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, List[State]]:
        """Encode a clip (a pair in pretraining): ``(N, C, T, H, W)`` ->
        ``(h_T, state)``."""
        return self.encode(self.frame_features(x))
