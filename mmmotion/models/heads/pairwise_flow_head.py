"""Coarse motion of every frame pair by a pairwise flow pyramid, with the
video encoder's features as context (issue 15)."""
import math
from typing import Optional, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.utils import OptConfigType, OptMultiConfig

from mmmotion.registry import MODELS
from ..layers.correlation import local_correlation
from ..layers.flow_pyramid import (FeaturePyramid2d, FlowEstimator,
                                   normalize_pair)
from ..layers.lucas_kanade import lucas_kanade_step
from ..layers.warp import backward_warp
from .warp_loss_head import WarpLossHead


@MODELS.register_module()
class PairwiseFlowHead(WarpLossHead):
    """Coarse motion ``(dx, dy)`` at ``out_stride`` for every consecutive
    frame pair, decoded pair by pair, coarse to fine, from the frames and
    the video encoder's features.

    Paper (Tian et al., abstract): low-resolution motion maps are decoded
    from the spatio-temporal features of the video encoder, then upsampled
    by the context-guided layer; no flow labels. The paper does not say how
    the decoder compares the frames. Ours (issue 15, after PWC-Net as
    ARFlow and UFlow train it without labels): :class:`MotionDecoderHead`
    decodes from the encoder's last stage, which at CPU scale keeps 2 of 8
    frames on a 4 x 4 grid (112 px), and on natural RGB it stays at zero
    motion even when regressed to DIS flow
    (``configs/coarse_to_fine_motion/README.md``, section 3d). This head
    keeps every frame and compares them explicitly:

    - a 2D feature pyramid of each frame (strides 2 .. ``2 ** L``,
      :class:`FeaturePyramid2d`), computed once per frame;
    - from the coarsest level down to ``out_stride``: the coarser flow,
      upsampled (x2), warps frame t+1's features; the local cost volume
      (``max_displacement``) of frame t's features with them, after UFlow's
      joint normalisation; frame t's features reduced by a per-level 1x1
      conv; and the flow, into one :class:`FlowEstimator` shared by the
      levels (ARFlow's PWC-Lite), which adds a residual flow;
    - ``lucas_kanade`` (ours): before the estimator, each level's flow
      takes ``iterations`` damped Lucas-Kanade steps
      (:func:`lucas_kanade_step`, window ``window``, a trust region of
      ``max_step`` level pixels a step) on the frames average-pooled to the
      level's stride, joined by the level's reduced pyramid features times
      a learned gate that starts small (``gate``, 0.1: the features enter
      the normal equations squared, so a gate of 0 would get no gradient),
      with a learned damping per level (starting at ``damping``) and a
      per-pixel damping offset read from the reduced features and the
      encoder context (bounded to a factor e^{+-3}): learned features and
      damping for Lucas-Kanade as Lv et al. (CVPR 2019) train them. At the
      initialisation it is close to classical pyramidal Lucas-Kanade
      (Bouguet), so training starts from motion, not from zero: the
      network alone stays at zero motion on natural RGB at CPU scale
      (README, sections 3d-3e, where the measured share of the motion
      that is learned is given);
    - the video encoder's last stage (``in_channels``; 0 leaves it out)
      enters every level as context: a 1x1x1 conv to ``reduce_channels``,
      resized (trilinear) to the level's ``(T - 1, h, w)`` grid and added
      to the reduced features, which feed the estimator and the damping
      map; the encoder is trained through them;
    - ``skip_channels`` (ours, issue 15, after the skip features of
      unsupervised flow decoders from early, high-resolution encoder
      stages): the encoder's earlier stages given before its last one
      (``feats`` a tuple, the backbone's ``out_indices``), each of ``T``
      frames, enter the level of their stride through a 1x1 conv added
      to that level's reduced features, so they join the Lucas-Kanade
      features (behind the gate) and the damping map: the warping loss
      then trains the encoder's early stages directly, not only through
      the damping map. The convs start at zero, so at the start the
      head is the one without skips.

    Without ``lucas_kanade`` the flow starts at zero (the estimator's last
    conv is zero). The losses are :class:`WarpLossHead`'s. Frames must be
    on [0, 1] and their size divisible by ``2 ** len(pyramid_channels)``
    (``size_divisor``).

    Args:
        in_channels (int): Channels of the encoder's last stage; 0 for no
            encoder context.
        frame_channels (int): Channels of the frames. Defaults to 3.
        out_stride (int): 2, 4 or 8 (ours: 2 also, where the pyramid's
            finest level still holds the local motion that stride 4 blurs;
            the upsampler then scales by 2). Defaults to 4.
        pyramid_channels (Sequence[int]): Channels of the pyramid levels,
            finest first; the coarsest stride must be >= ``out_stride``.
            Defaults to (16, 32, 64, 96) (ours, CPU scale).
        max_displacement (int): Search radius of the cost volumes, in
            feature pixels of each level. Defaults to 4 (PWC-Net's).
        reduce_channels (int): Width of the per-level 1x1 reductions and
            of the context. Defaults to 32 (ARFlow's).
        skip_channels (Sequence[int]): Channels of the encoder stages used
            as skips, the stages just before the last in ``feats``, in
            order; each stage must keep
            every frame and have the stride of a level between
            ``out_stride`` and the coarsest. Defaults to () (none).
        estimator_channels (Sequence[int]): Hidden widths of the shared
            estimator; None for no estimator (and no cost volume).
            Defaults to (64, 64, 48, 32) (ours; ARFlow's is 128, 128, 96,
            64, 32).
        lucas_kanade (dict, optional): ``window`` (odd, default 5),
            ``damping`` (at the start, default 0.01), ``iterations`` (a
            level, default 1), ``max_step`` (the trust region of a step,
            in the level's pixels, default 2) and ``min_damping`` (the
            learned damping's floor, default 1e-3) of the Lucas-Kanade
            steps and ``gate`` (the learned features' weight at the start,
            default 0.1) (ours); None for none. Defaults to None.
        loss_photo, loss_ssim, loss_smooth, loss_scales, scale_weights,
        loss_guide: See :class:`WarpLossHead`.
        init_cfg (dict or ConfigDict, optional): Initialization config.
    """
    reads_frames = True
    out_strides = (2, 4, 8)

    def __init__(self,
                 in_channels: int,
                 frame_channels: int = 3,
                 out_stride: int = 4,
                 pyramid_channels: Sequence[int] = (16, 32, 64, 96),
                 max_displacement: int = 4,
                 reduce_channels: int = 32,
                 skip_channels: Sequence[int] = (),
                 estimator_channels: Optional[Sequence[int]] = (64, 64, 48,
                                                                32),
                 lucas_kanade: Optional[dict] = None,
                 loss_photo: OptConfigType = dict(
                     type='CharbonnierLoss', loss_weight=1.0),
                 loss_ssim: OptConfigType = dict(
                     type='SSIMLoss', loss_weight=0.5),
                 loss_smooth: OptConfigType = dict(
                     type='EdgeAwareSmoothnessLoss', loss_weight=0.05),
                 loss_scales: Sequence[int] = (1, ),
                 scale_weights: Optional[Sequence[float]] = None,
                 loss_guide: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(
            out_stride=out_stride,
            loss_photo=loss_photo,
            loss_ssim=loss_ssim,
            loss_smooth=loss_smooth,
            loss_scales=loss_scales,
            scale_weights=scale_weights,
            loss_guide=loss_guide,
            init_cfg=init_cfg)
        self.size_divisor = 2**len(pyramid_channels)
        self.out_level = out_stride.bit_length() - 2  # stride 2 -> level 0
        if self.out_level >= len(pyramid_channels):
            raise ValueError(
                f'a pyramid of {len(pyramid_channels)} levels (coarsest '
                f'stride {self.size_divisor}) cannot give motion at stride '
                f'{out_stride}')
        if max_displacement < 0:
            raise ValueError(f'max_displacement must be >= 0, got '
                             f'{max_displacement}')
        self.max_displacement = max_displacement
        self.pyramid = FeaturePyramid2d(frame_channels, pyramid_channels)
        # levels out_level .. coarsest get a reduction (finer ones none)
        self.reduces = nn.ModuleList([
            nn.Conv2d(c, reduce_channels, 1)
            for c in pyramid_channels[self.out_level:]
        ])
        self.context = (
            nn.Conv3d(in_channels, reduce_channels, 1)
            if in_channels else None)
        self.skips = nn.ModuleList(
            [nn.Conv2d(c, reduce_channels, 1) for c in skip_channels])
        self._zero_skips()
        self.estimator = None
        if estimator_channels is not None:
            cost = (2 * max_displacement + 1)**2
            self.estimator = FlowEstimator(cost + reduce_channels + 2,
                                           estimator_channels)
        self.lk = None
        if lucas_kanade is not None:
            self.lk = dict(
                window=5,
                damping=0.01,
                iterations=1,
                max_step=2.0,
                min_damping=1e-3,
                gate=0.1)
            self.lk.update(lucas_kanade)
            if self.lk['window'] < 1 or self.lk['window'] % 2 == 0 or \
                    self.lk['damping'] <= 0 or self.lk['iterations'] < 1:
                raise ValueError(
                    f'lucas_kanade {lucas_kanade}: the window must be odd, '
                    'the damping > 0 and the iterations >= 1')
            levels = len(self.reduces)
            self.lk_log_damping = nn.Parameter(
                torch.full((levels, ), math.log(self.lk['damping'])))
            # not 0: the features enter the normal equations squared, so
            # a gate of 0 has no gradient and would never open
            self.lk_gate = nn.Parameter(
                torch.full((levels, ), float(self.lk['gate'])))
            # where to trust the Lucas-Kanade step: the per-pixel log
            # damping offset read from the features and the encoder
            # context (ours; zero at the start)
            self.lk_damping_map = nn.Conv2d(reduce_channels, 1, 3, padding=1)
            nn.init.zeros_(self.lk_damping_map.weight)
            nn.init.zeros_(self.lk_damping_map.bias)
        if self.estimator is None and self.lk is None:
            raise ValueError('PairwiseFlowHead needs an estimator '
                             '(estimator_channels) or lucas_kanade')

    def _zero_skips(self) -> None:
        for conv in self.skips:
            nn.init.zeros_(conv.weight)
            nn.init.zeros_(conv.bias)

    def init_weights(self) -> None:
        super().init_weights()
        self._zero_skips()
        if self.estimator is not None:
            nn.init.zeros_(self.estimator.out.weight)
            nn.init.zeros_(self.estimator.out.bias)
        if self.lk is not None:
            nn.init.zeros_(self.lk_damping_map.weight)
            nn.init.zeros_(self.lk_damping_map.bias)

    @staticmethod
    def _pairs(f: torch.Tensor, n: int, t: int):
        """``(N * T, C, h, w)`` per-frame maps -> frames t and t+1 of
        every pair, ``(N * (T - 1), C, h, w)`` each."""
        f = f.view(n, t, *f.shape[1:])
        return (f[:, :-1].flatten(0, 1).contiguous(),
                f[:, 1:].flatten(0, 1).contiguous())

    def _skips(self, stages, n: int, t: int, h: int, w: int) -> dict:
        """The skip stages projected and keyed by their pyramid level:
        ``{level: (N * T, reduce_channels, h_l, w_l)}``."""
        if len(stages) != len(self.skips):
            raise ValueError(
                f'{len(self.skips)} skip stage(s) expected before the last '
                f'stage (skip_channels), got {len(stages)}: set the '
                "backbone's out_indices to the skip stages and the last one")
        out = {}
        for k, (f, conv) in enumerate(zip(stages, self.skips)):
            stride = h // f.shape[-2]
            level = stride.bit_length() - 2
            if f.shape[2] != t or stride * f.shape[-2] != h or \
                    stride * f.shape[-1] != w or 2**(level + 1) != stride \
                    or not self.out_level <= level < len(self.reduces) + \
                    self.out_level:
                raise ValueError(
                    f'skip stage {k} of shape {tuple(f.shape)} does not fit '
                    f'clips of {t} frames of {h}x{w}: a skip must keep every '
                    'frame and have the stride of a pyramid level from '
                    f'{self.out_stride} to {self.size_divisor}')
            f = f.transpose(1, 2).reshape(n * t, f.shape[1], *f.shape[-2:])
            out[level] = out.get(level, 0) + conv(f)
        return out

    def forward(self, feats, clip_shape: Sequence[int],
                frames: torch.Tensor) -> torch.Tensor:
        """Decode the coarse motion of every consecutive frame pair.

        Args:
            feats (torch.Tensor or tuple[torch.Tensor]): Encoder features
                ``(N, C, T', H', W')`` (or a tuple whose last item is, the
                items before it being the ``skip_channels`` stages).
            clip_shape (Sequence[int]): ``(T, H, W)`` of the input clip.
            frames (torch.Tensor): ``(N, C, T, H, W)`` clips on [0, 1].

        Returns:
            torch.Tensor: ``(N, 2, T - 1, H / s, W / s)`` motion in
            low-resolution pixels, ``s`` being ``out_stride``.
        """
        n, c, t, h, w = frames.shape
        if (t, h, w) != tuple(clip_shape):
            raise ValueError(f'frames {tuple(frames.shape)} do not match the '
                             f'clip shape {tuple(clip_shape)}')
        if t < 2:
            raise ValueError(f'a clip of {t} frame(s) has no frame pair')
        if h % self.size_divisor or w % self.size_divisor:
            raise ValueError(
                f'frames of {h}x{w} are not divisible by '
                f"{self.size_divisor}, the flow pyramid's coarsest stride")
        x = frames.transpose(1, 2).reshape(n * t, c, h, w) - 0.5
        levels = self.pyramid(x)
        feats = tuple(feats) if isinstance(feats, (tuple, list)) else (feats, )
        ctx = None
        if self.context is not None:
            ctx = self.context(feats[-1])
        skips = self._skips(feats[:-1][len(feats) - 1 - len(self.skips):], n,
                            t, h, w)
        m = n * (t - 1)
        flow = None
        for i in range(len(levels) - 1, self.out_level - 1, -1):
            j = i - self.out_level
            f = levels[i]
            hl, wl = f.shape[-2:]
            a, b = self._pairs(f, n, t)
            rf = self.reduces[j](f)
            if i in skips:
                rf = rf + skips[i]
            r = self._pairs(rf, n, t)[0]
            if ctx is not None:
                r = r + F.interpolate(
                    ctx,
                    size=(t - 1, hl, wl),
                    mode='trilinear',
                    align_corners=False).transpose(1, 2).reshape(
                        m, -1, hl, wl)
            if flow is None:
                flow = a.new_zeros(m, 2, hl, wl)
            else:
                flow = 2 * F.interpolate(
                    flow, size=(hl, wl), mode='bilinear', align_corners=False)
            if self.lk is not None:
                img = F.avg_pool2d(x, 2**(i + 1))
                fa, fb = self._pairs(
                    torch.cat([img, self.lk_gate[j] * rf], 1), n, t)
                # the per-pixel offset is bounded (x e^{+-3}): unbounded,
                # it overflowed exp() in a development run (not logged)
                log_damping = self.lk_log_damping[j] + 3 * torch.tanh(
                    self.lk_damping_map(r) / 3)
                damping = log_damping.clamp(
                    min=math.log(self.lk['min_damping'])).exp()
                for _ in range(self.lk['iterations']):
                    flow = lucas_kanade_step(fa, fb, flow, self.lk['window'],
                                             damping, self.lk['max_step'])
            if self.estimator is None:
                continue
            an, bn = normalize_pair(a, backward_warp(b, flow))
            cost = F.leaky_relu(
                local_correlation(an, bn, self.max_displacement), 0.1)
            flow = flow + self.estimator(torch.cat([cost, r, flow], 1))
        return flow.view(n, t - 1, 2, *flow.shape[-2:]).transpose(1, 2)
