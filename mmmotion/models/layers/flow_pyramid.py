"""The pieces of a pairwise coarse-to-fine flow estimator (shared layers).

After PWC-Net (Sun et al., CVPR 2018) as unsupervised optical flow uses it
(ARFlow's PWC-Lite, Liu et al., CVPR 2020; UFlow, Jonschkowski et al., ECCV
2020): a 2D feature pyramid computed once per frame, a local cost volume of
frame t's features with frame t+1's features warped by the coarser level's
flow, and one flow estimator shared by every level (ARFlow's
``FlowEstimatorReduce`` is shared through a per-level 1x1 reduction of the
features; UFlow normalises the features before the correlation). Written
here (ours) at CPU-scale widths; no code of theirs is copied.
"""
from typing import List, Sequence, Tuple

import torch
import torch.nn as nn
from torch import Tensor


def conv_lrelu(in_channels: int,
               out_channels: int,
               stride: int = 1) -> nn.Sequential:
    """3x3 conv and leaky ReLU (slope 0.1), PWC-Net's unit."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1),
        nn.LeakyReLU(0.1, inplace=True))


class FeaturePyramid2d(nn.Module):
    """Per-frame features at strides 2, 4, ..., ``2 ** len(channels)``.

    Each level: a stride-2 3x3 conv and a 3x3 conv, leaky ReLU (PWC-Net's
    extractor; ARFlow's PWC-Lite uses 16, 32, 64, 96, 128, 192 channels,
    the CPU-scale default here keeps the first four).

    Args:
        in_channels (int): Channels of the frames.
        channels (Sequence[int]): Channels of each level, finest first.
    """

    def __init__(self, in_channels: int, channels: Sequence[int]) -> None:
        super().__init__()
        if not channels:
            raise ValueError('the pyramid needs at least one level')
        layers, c = [], in_channels
        for out in channels:
            layers.append(
                nn.Sequential(conv_lrelu(c, out, 2), conv_lrelu(out, out)))
            c = out
        self.levels = nn.ModuleList(layers)
        self.channels = tuple(channels)

    def forward(self, x: Tensor) -> List[Tensor]:
        """``(B, C, H, W)`` frames -> one map a level, finest first."""
        out = []
        for level in self.levels:
            x = level(x)
            out.append(x)
        return out


def normalize_pair(a: Tensor,
                   b: Tensor,
                   eps: float = 1e-5) -> Tuple[Tensor, Tensor]:
    """Centre and scale two feature maps by their joint moments.

    UFlow's feature normalisation before the cost volume: the mean and the
    standard deviation over channels and pixels of both maps of a pair
    (per item), so that the correlation compares patterns, not the
    features' scale, which drifts while a freshly initialised pyramid
    trains.

    Args:
        a, b (Tensor): ``(B, C, H, W)`` features of frames t and t+1.

    Returns:
        tuple[Tensor, Tensor]: The normalised ``a`` and ``b``.
    """
    both = torch.stack([a, b], 1)
    mean = both.mean(dim=(1, 2, 3, 4), keepdim=True)
    std = both.var(dim=(1, 2, 3, 4), keepdim=True, unbiased=False)
    both = (both - mean) / (std + eps).sqrt()
    return both[:, 0], both[:, 1]


class FlowEstimator(nn.Module):
    """Residual flow of one level from its cost volume, features and flow.

    A stack of 3x3 convs (leaky ReLU) and a 3x3 conv to ``(dx, dy)`` that
    starts at zero (ours: the pyramid starts from zero motion, the trivial
    baseline, and leaves it only where the loss says so).

    Args:
        in_channels (int): Channels of the estimator's input.
        channels (Sequence[int]): Widths of the hidden convs.
    """

    def __init__(self, in_channels: int, channels: Sequence[int]) -> None:
        super().__init__()
        layers, c = [], in_channels
        for out in channels:
            layers.append(conv_lrelu(c, out))
            c = out
        self.convs = nn.Sequential(*layers)
        self.out = nn.Conv2d(c, 2, 3, padding=1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x: Tensor) -> Tensor:
        return self.out(self.convs(x))
