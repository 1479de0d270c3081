"""DynamoNet's frame-prediction (FP) branch: deep features -> dynamic
filters."""
import math
from typing import Dict, Optional, Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.utils import ConfigType, OptMultiConfig
from mmengine.model import BaseModule

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope
from ..layers.conv_stack import conv3d_stack
from ..layers.dynamic_filter import apply_dynamic_filters, check_filter_size


@MODELS.register_module()
class FramePredictionHead(BaseModule):
    """Predict T dynamic s x s motion filters from a 3D backbone's features.

    Paper (Diba et al., ICCV 2019, sec. 3.1 and 4.1): at the deep end of the
    backbone, two conv layers of 64 filters, then a softmax that yields one
    s x s filter per input frame (s = 5 best).

    Ours: the convs (1x1x1 then 3x3x3 by default, ``conv_kernels``) have BN
    and ReLU; the result is average-pooled
    to ``pool_size`` (T', H', W') and a linear layer gives the T * s^2 logits,
    softmax-normalised over each filter's s^2 taps (so a filter is a convex
    mix of the neighbouring pixels). ``mode='local'`` (beyond the paper)
    instead predicts one kernel per output pixel: a 1x1x1 conv gives
    T * s^2 channels at the feature resolution, averaged over time and
    upsampled bilinearly to the frame size before the softmax.

    ``skip_channels`` (ours, issue 16, local mode only; after the skip
    features of ``PairwiseFlowHead`` and De Brabandere et al.'s dynamic
    filter networks, whose filter-generating network is an encoder-decoder
    at the frame's resolution): the deep features alone give a map of
    4 x 4 kernels for a 112 px frame, too coarse to follow a moving person.
    With skips, the backbone returns earlier stages too (``out_indices``,
    e.g. ``(0, 3)``); the deep map, after the convs, is upsampled to the
    earliest skip's grid and added, stage by stage from deep to early, to a
    1x1x1 projection of each skip, with a 3x3x3 conv after each sum. The
    earliest skip must keep every frame (``T`` steps): a 1x1x1 conv then
    gives one kernel map of ``s^2`` taps per frame, upsampled bilinearly to
    the frame size. Every frame's kernels thus come from features of that
    frame and its neighbours (frame t+1 included, for t < T), at stride 4
    for the tiny ResNeXt3D's first stage.

    Works on the features of any 3D backbone: ``(N, C, T', H', W')``.

    The head owns the frame-prediction loss, as MMAction2's heads own theirs
    (:meth:`loss`). Paper (eq. 2): a Huber loss (delta 0.01) between the
    predicted and the true next frames, ``loss_fp=dict(type='HuberLoss',
    delta=0.01)``; ours: any registered frame loss (e.g. ``SSIMLoss``) may
    take its place. A loss with ``forward_filtered`` (``HuberLoss``) gets
    the frames and global filters and is computed without keeping the
    predicted frames (ours, a memory saving of the same value).

    Args:
        in_channels (int): Channels of the backbone features.
        num_frames (int): T, the number of input frames (one filter each).
        filter_size (int): s, odd. Defaults to 5 (the paper's best).
        mid_channels (int): Channels of the two convs. Defaults to 64 (the
            paper).
        conv_kernels (Sequence[int]): Kernel sizes of the two convs (ours;
            the paper gives only their width). Defaults to ``(1, 3)``.
        mode (str): ``'global'`` (the paper) or ``'local'``. Defaults to
            ``'global'``.
        pool_size (Sequence[int]): (T', H', W') of the pooling before the
            linear layer, global mode. Defaults to ``(2, 2, 2)``.
        skip_channels (Sequence[int]): Channels of the backbone stages used
            as skips, in the order of ``feats`` (the stages before the last
            one); local mode only. Defaults to ``()``, no skips.
        norm_cfg (dict or ConfigDict): Config of the convs' norm layers.
            Defaults to ``dict(type='BN3d')``.
        loss_fp (dict or ConfigDict): Config of the frame-prediction loss,
            called ``(pred, target)`` on ``(N, C, T, H, W)`` frames.
            Defaults to ``dict(type='HuberLoss', delta=0.01)`` (the paper).
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 in_channels: int,
                 num_frames: int,
                 filter_size: int = 5,
                 mid_channels: int = 64,
                 conv_kernels: Sequence[int] = (1, 3),
                 mode: str = 'global',
                 pool_size: Sequence[int] = (2, 2, 2),
                 skip_channels: Sequence[int] = (),
                 norm_cfg: ConfigType = dict(type='BN3d'),
                 loss_fp: ConfigType = dict(type='HuberLoss', delta=0.01),
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if mode not in ('global', 'local'):
            raise ValueError(f"mode must be 'global' or 'local', got {mode!r}")
        check_filter_size(filter_size, (filter_size, filter_size))
        if skip_channels and mode != 'local':
            raise ValueError('skip_channels need the local mode')
        self.num_frames = num_frames
        self.filter_size = filter_size
        self.mode = mode
        self.convs = conv3d_stack(
            in_channels, mid_channels, conv_kernels, norm_cfg=norm_cfg)
        taps = num_frames * filter_size**2
        if mode == 'global':
            self.pool = nn.AdaptiveAvgPool3d(tuple(pool_size))
            n_pool = math.prod(pool_size)
            self.fc = nn.Linear(mid_channels * n_pool, taps)
        elif skip_channels:
            self.skips = nn.ModuleList(
                [nn.Conv3d(c, mid_channels, 1) for c in skip_channels])
            self.fuse = nn.ModuleList([
                conv3d_stack(
                    mid_channels, mid_channels, (3, ), norm_cfg=norm_cfg)
                for _ in skip_channels
            ])
            self.fc = nn.Conv3d(mid_channels, filter_size**2, 1)
        else:
            self.fc = nn.Conv3d(mid_channels, taps, 1)
        self.skip_channels = tuple(skip_channels)
        with mmmotion_scope():
            self.loss_fp = MODELS.build(loss_fp)

    def init_weights(self) -> None:
        super().init_weights()
        if self.init_cfg is None:
            # start from near-uniform filters: a blur, an easy first guess
            nn.init.normal_(self.fc.weight, std=1e-3)
            nn.init.zeros_(self.fc.bias)

    def forward(self,
                feats: torch.Tensor,
                frame_size: Optional[Tuple[int, int]] = None) -> torch.Tensor:
        """Return filters ``(N, T, s, s)`` (global) or ``(N, T, s*s, H, W)``.

        Args:
            feats (torch.Tensor): ``(N, C, T', H', W')`` backbone features
                (or a tuple whose last item is).
            frame_size (tuple[int, int], optional): (H, W) of the frames;
                needed in local mode, and used to check that the filter fits
                the frame. Defaults to None.

        Returns:
            torch.Tensor: Filters ``(N, T, s, s)`` (global) or
            ``(N, T, s*s, H, W)`` (local), softmax-normalised over the taps.
        """
        stages = ()
        if isinstance(feats, (tuple, list)):
            stages, feats = tuple(feats[:-1]), feats[-1]
        if len(stages) < len(self.skip_channels):
            raise ValueError(
                f'{len(self.skip_channels)} skip stage(s) expected before '
                f'the last stage (skip_channels), got {len(stages)}: set the '
                "backbone's out_indices to the skip stages and the last one")
        stages = stages[len(stages) - len(self.skip_channels):]
        n = feats.shape[0]
        t, s = self.num_frames, self.filter_size
        if frame_size is not None:
            check_filter_size(s, frame_size)
        x = self.convs(feats)
        if self.mode == 'global':
            logits = self.fc(self.pool(x).flatten(1)).view(n, t, s * s)
            return logits.softmax(-1).view(n, t, s, s)
        if frame_size is None:
            raise ValueError('local mode needs the frame size')
        if self.skip_channels:
            return self._local_with_skips(x, stages, frame_size)
        logits = self.fc(x).mean(2)  # (N, T*s*s, H', W')
        return self._to_frames(logits, n, frame_size)

    def _to_frames(self, logits: torch.Tensor, n: int,
                   frame_size: Tuple[int, int]) -> torch.Tensor:
        """Logits ``(N*T, s*s, h, w)`` or ``(N, T*s*s, h, w)`` upsampled
        bilinearly to the frames, softmax over the taps:
        ``(N, T, s*s, H, W)``."""
        logits = F.interpolate(
            logits,
            size=tuple(frame_size),
            mode='bilinear',
            align_corners=False)
        t, s = self.num_frames, self.filter_size
        return logits.view(n, t, s * s, *frame_size).softmax(2)

    def _local_with_skips(self, x: torch.Tensor,
                          stages: Sequence[torch.Tensor],
                          frame_size: Tuple[int, int]) -> torch.Tensor:
        """Local filters from the deep map ``x`` refined by the skips,
        deep to early: ``(N, T, s*s, H, W)``."""
        n, t = x.shape[0], self.num_frames
        if stages[0].shape[2] != t:
            raise ValueError(
                f'the earliest skip stage has {stages[0].shape[2]} time '
                f'steps, the head predicts {t} frames: a skip must keep every '
                'frame (a stage before any temporal stride)')
        for f, proj, fuse in zip(stages[::-1], self.skips[::-1],
                                 self.fuse[::-1]):
            x = F.interpolate(
                x, size=f.shape[2:], mode='trilinear', align_corners=False)
            x = fuse(x + proj(f))
        logits = self.fc(x).transpose(1, 2).flatten(0, 1)  # (N*T, s*s, h, w)
        return self._to_frames(logits, n, frame_size)

    def loss(self,
             frames: torch.Tensor,
             filters: torch.Tensor,
             target: torch.Tensor,
             padding_mode: str = 'replicate') -> Dict[str, torch.Tensor]:
        """The frame-prediction loss of filters applied to frames.

        Args:
            frames (Tensor): ``(N, C, T, H, W)`` input frames x_1..x_T.
            filters (Tensor): this head's output for them.
            target (Tensor): ``(N, C, T, H, W)`` true next frames
                x_2..x_T+1.
            padding_mode (str): border handling of the dynamic filters.
                Defaults to ``'replicate'``.

        Returns:
            dict: ``loss_fp``, the loss (weighted by its own
            ``loss_weight`` only).
        """
        if (filters.dim() == 4 and hasattr(self.loss_fp, 'forward_filtered')
                and not frames.requires_grad):
            # global filters and frames as data: the loss and the filter
            # gradient in one pass, no clip-sized tensors kept for backward
            fp = self.loss_fp.forward_filtered(frames, filters, target,
                                               padding_mode)
        else:
            pred = apply_dynamic_filters(frames, filters, padding_mode)
            fp = self.loss_fp(pred, target)
        return dict(loss_fp=fp)
