"""Spatio-temporal channel correlation (STC) block of STCnet.

Diba et al., "Spatio-Temporal Channel Correlation Networks for Action
Classification", ECCV 2018 (no public code). DynamoNet (Diba et al., ICCV 2019)
uses STC-ResNeXt-101 ("STCnet") as one of its two backbones.
"""
import torch
import torch.nn as nn

from mmmotion.registry import MODELS


@MODELS.register_module()
class STCBlock(nn.Module):
    """Spatio-temporal channel correlation block: two SE-like channel gates.

    ::

        X (N, C, T, H, W)
        |-- mean over T,H,W -> (N, C) -> FC C->C/r -> ReLU -> FC C/r->C
        |   -> sigmoid -> g_tc (N, C)                 [temporal-channel]
        |-- mean over H,W -> (N, T, C) -> flatten (N, T*C)
        |   -> FC T*C->T*C/r -> ReLU -> FC T*C/r->C
        |   -> sigmoid -> g_sc (N, C)                 [spatial-channel]
        out = (X * g_tc + X * g_sc) / 2               (N, C, T, H, W)

    Fixed by the paper: the two branches (a global pool to ``C`` followed by
    ``C -> C/r -> C``; a spatial pool that keeps ``T x C`` followed by
    ``T*C -> T*C/r -> C``), each gating ``X``, and the mean of the two gated
    maps as the output.

    Our choice (the paper leaves them open): the reduction ``ratio`` (16, as in
    SE-Net), ReLU between the two FCs and a sigmoid gate, the ``(T, C)`` order
    of the flattened spatial-channel descriptor, and the place of the block in
    a bottleneck (after the last BN, before the residual addition, where an SE
    module sits; see :class:`~mmmotion.models.backbones.resnext3d.ResNeXt3D`).

    Because the spatial-channel FC reads ``T*C`` values, the block is built
    for one temporal length ``num_frames`` and refuses any other.

    Args:
        channels (int): Channels ``C`` of the input feature map.
        num_frames (int): Temporal length ``T`` of the input feature map.
        ratio (int): Reduction ratio ``r`` of both branches. Hidden widths
            are ``max(C // r, 1)`` and ``max(T * C // r, 1)``.
            Defaults to 16.
    """

    def __init__(self,
                 channels: int,
                 num_frames: int,
                 ratio: int = 16) -> None:
        super().__init__()
        if channels < 1 or num_frames < 1 or ratio < 1:
            raise ValueError(
                f'channels, num_frames and ratio must be positive, got '
                f'{channels}, {num_frames} and {ratio}')
        self.channels = channels
        self.num_frames = num_frames
        self.ratio = ratio
        tc_hidden = max(channels // ratio, 1)
        sc_in = num_frames * channels
        sc_hidden = max(sc_in // ratio, 1)
        self.temporal_channel = nn.Sequential(
            nn.Linear(channels, tc_hidden), nn.ReLU(inplace=True),
            nn.Linear(tc_hidden, channels), nn.Sigmoid())
        self.spatial_channel = nn.Sequential(
            nn.Linear(sc_in, sc_hidden), nn.ReLU(inplace=True),
            nn.Linear(sc_hidden, channels), nn.Sigmoid())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Gate ``x`` channel-wise with both branches and average.

        Args:
            x (torch.Tensor): Feature map of shape ``(N, C, T, H, W)`` with
                ``C == channels`` and ``T == num_frames``.

        Returns:
            torch.Tensor: Shape ``(N, C, T, H, W)``.
        """
        if x.dim() != 5:
            raise ValueError(
                f'STCBlock expects (N, C, T, H, W), got {tuple(x.shape)}')
        n, c, t = x.shape[:3]
        if c != self.channels:
            raise ValueError(
                f'STCBlock expects {self.channels} channels, got {c}')
        if t != self.num_frames:
            raise ValueError(
                f'STCBlock was built for T={self.num_frames} frames (its '
                f'spatial-channel FC reads T*C values), got an input with '
                f'T={t}; set num_frames to the clip length the backbone '
                f'receives')
        # temporal-channel: (N, C)
        g_tc = self.temporal_channel(x.mean(dim=(2, 3, 4)))
        # spatial-channel: (N, C, T) -> (N, T, C) -> (N, T*C)
        s = x.mean(dim=(3, 4)).transpose(1, 2).reshape(n, t * c)
        g_sc = self.spatial_channel(s)
        gate = (g_tc + g_sc).view(n, c, 1, 1, 1) * 0.5
        # == (x * g_tc + x * g_sc) / 2, with one multiplication of x
        return x * gate

    def extra_repr(self) -> str:
        return (f'channels={self.channels}, num_frames={self.num_frames}, '
                f'ratio={self.ratio}')
