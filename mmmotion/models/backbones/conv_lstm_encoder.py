"""Luo et al.'s motion encoder: per-frame conv layers, then a ConvLSTM."""
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
from mmaction.utils import ConfigType, OptMultiConfig
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
            ``in_channels``. Defaults to ``'depth'``.
        in_channels (int, optional): Overrides the modality's channels.
            Defaults to None (the modality's).
        channels (Sequence[int]): Output channels of the conv layers.
            Defaults to ``(32, 64, 64)``.
        strides (Sequence[int]): Their strides (the feature stride is the
            product). Defaults to ``(2, 2, 2)``.
        kernel_size (int): Kernel size of the conv layers. Defaults to 3.
        lstm_channels (int or Sequence[int]): Hidden channels of the encoder
            ConvLSTM, one value for all layers or one per layer.
            Defaults to 64.
        lstm_kernel (int): Kernel size of the ConvLSTM. Defaults to 3.
        lstm_norm (str, optional): ``None`` or ``'group'``: GroupNorm on the
            ConvLSTM's gate pre-activations (ours, see
            :class:`~mmmotion.models.layers.ConvLSTMCell`). A pretrained
            encoder loads only into an encoder with the same choice.
            Defaults to None.
        norm_cfg (dict or ConfigDict): Config of the convs' norm layers.
            Defaults to ``dict(type='BN')``.
        init_cfg (dict or ConfigDict, optional): Initialization config, e.g.
            ``dict(type='Pretrained', checkpoint=..., prefix='backbone.')``
            to load a pretrained ``AtomicFlowPredictor``'s encoder.
            Defaults to None.
    """

    def __init__(self,
                 modality: str = 'depth',
                 in_channels: Optional[int] = None,
                 channels: Sequence[int] = (32, 64, 64),
                 strides: Sequence[int] = (2, 2, 2),
                 kernel_size: int = 3,
                 lstm_channels=64,
                 lstm_kernel: int = 3,
                 lstm_norm: Optional[str] = None,
                 norm_cfg: ConfigType = dict(type='BN'),
                 init_cfg: OptMultiConfig = None) -> None:
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
                ConvModule(
                    c_in,
                    c,
                    kernel_size,
                    stride=s,
                    padding=kernel_size // 2,
                    norm_cfg=norm_cfg))
            c_in = c
            self.feature_stride *= s
        self.convs = nn.Sequential(*layers)
        self.lstm = ConvLSTM(
            c_in, lstm_channels, kernel_size=lstm_kernel, norm=lstm_norm)

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
        """Conv features of every frame.

        Args:
            x (torch.Tensor): ``(N, C, T, H, W)`` clips.

        Returns:
            torch.Tensor: ``(N, T, C', h, w)`` conv features.
        """
        self._check(x)
        n, c, t, h, w = x.shape
        f = self.convs(x.transpose(1, 2).reshape(n * t, c, h, w))
        return f.view(n, t, *f.shape[1:])

    def encode(self, feats: torch.Tensor) -> Tuple[torch.Tensor, List[State]]:
        """Run the ConvLSTM over the frame features.

        Args:
            feats (torch.Tensor): ``(N, T, C', h, w)`` conv features.

        Returns:
            tuple: The last hidden map ``(N, C_h, h, w)`` and the final
            ``(h, c)`` of every layer.
        """
        out, state = self.lstm(feats)
        return out[:, -1], state

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, List[State]]:
        """Encode a clip (a pair in pretraining).

        Args:
            x (torch.Tensor): ``(N, C, T, H, W)`` clips.

        Returns:
            tuple: ``(h_T, state)``: the last hidden map ``(N, C_h, h, w)``
            and the final ``(h, c)`` of every layer.
        """
        return self.encode(self.frame_features(x))
