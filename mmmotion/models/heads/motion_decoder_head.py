"""Coarse motion decoded from a 3D video encoder (Tian et al., ECCV 2020)."""
from typing import Optional, Sequence

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.utils import ConfigType, OptConfigType, OptMultiConfig
from mmcv.cnn import ConvModule

from mmmotion.registry import MODELS
from ..layers.correlation import clip_correlation
from .warp_loss_head import WarpLossHead


@MODELS.register_module()
class MotionDecoderHead(WarpLossHead):
    """A 2-channel motion map for every consecutive frame pair, at 1/4 or 1/8
    of the input size, from an MMAction2 3D backbone's features.

    Paper (abstract): low-resolution motion maps are decoded from the
    spatio-temporal features of the video encoder. Ours: a 1x1x1 conv
    reduces the features, trilinear resizing brings them to ``(T - 1, H / s,
    W / s)`` (one slice per pair; the backbone may have pooled time and
    space), ``num_convs`` 3x3x3 convs (BN, ReLU) refine them and a 3x3x3 conv
    gives ``(dx, dy)`` in low-resolution pixels (the upsampler multiplies by
    the scale). The last conv starts at zero: zero motion at first.

    The head owns the loss, as MMAction2's heads do (:meth:`loss`): the
    model upsamples the motion to full resolution, the head warps frame t+1
    back onto frame t with it (``backward_warp``) and scores the result.
    Paper (abstract): the motion is learned without labels, by warping.
    Ours (``docs/methods.md`` section 3.2): ``loss_photo`` (Charbonnier) over
    the
    pixels that stay inside the frame, ``loss_ssim`` (``1 - SSIM``) and
    ``loss_smooth`` (edge-aware smoothness of the motion); set a term to
    None to drop it. The default losses hold no parameters or buffers: the
    head's checkpoint keys are its convs only.

    Three options from unsupervised optical flow, all ours (issue 15; off by
    default, so the recorded configs and checkpoints keep their meaning):

    - ``skip_channels``: features of earlier, high-resolution backbone
      stages join the decoder, as the 1/4-resolution decoders with skip
      features of PWC-Net / UFlow / ARFlow and U-Net-style decoders do. The
      last stage alone of the CPU-scale encoder is 1/32 of the frame and a
      quarter of its frames: a 4 x 4 map at 112 px holds no local motion.
      Each earlier stage (the backbone's ``out_indices``, in stage order)
      gets a lateral conv of temporal kernel 2 and no temporal padding, so
      that at a stage that kept all T frames output t sees frames t and t+1
      (one slice per pair); the laterals are resized to the decoder's grid
      and summed with the reduced last stage before the refinement convs.
    - ``loss_scales``: the photometric and SSIM terms also at coarser
      scales, the frames and the motion average-pooled by each factor (the
      motion divided by it), weighted by ``scale_weights``: a coarse level
      sees a motion of several pixels as a fraction of one, where the
      full-resolution warp has no gradient toward it (ARFlow / UFlow's
      pyramid of photometric losses, on one output).
    - ``cost_volume``: the local correlation of the features of frames t
      and t+1 of one earlier stage (``mmmotion.models.layers.correlation``,
      the cost volume of FlowNet-C / PWC-Net), through its own lateral
      conv: the decoder reads the frames' comparison, where otherwise the
      encoder has to learn to compare them. With ``soft_argmax=True`` the
      same stage's frames are also matched directly: the cosine
      correlation of their channel-normalised features, a softmax over the
      ``(2d + 1)^2`` displacements at a learned temperature (starting at
      ``temperature``), and its expected displacement, resized to the
      decoder's grid, is a motion prior that the decoder's output is added
      to (a residual). The decoder then starts from a matching estimate,
      not from zero motion: the soft-argmax of correspondence learning
      (e.g. DICL, VCN, CRW's affinities), where a conv stack on top of a
      cost volume must first learn the argmax by gradient descent (ours).

    Args:
        in_channels (int): Channels of the backbone features.
        out_stride (int): 4 or 8, the motion map's stride. Defaults to 4.
        mid_channels (int): Width of the decoder convs. Defaults to 64.
        num_convs (int): Refinement convs. Defaults to 2.
        norm_cfg (dict or ConfigDict): Config of the decoder convs' norm
            layers. Defaults to ``dict(type='BN3d')``.
        loss_photo (dict or ConfigDict, optional): Photometric loss of the
            warped frame, called ``(warped, frame, in_frame_mask)``; None
            drops it. Defaults to
            ``dict(type='CharbonnierLoss', loss_weight=1.0)``.
        loss_ssim (dict or ConfigDict, optional): Structural loss of the
            warped frame; None drops it.
            Defaults to ``dict(type='SSIMLoss', loss_weight=0.5)``.
        loss_smooth (dict or ConfigDict, optional): Smoothness of the
            full-resolution motion, called ``(motion, frame)``; None drops
            it. Defaults to
            ``dict(type='EdgeAwareSmoothnessLoss', loss_weight=0.05)``.
        skip_channels (Sequence[int]): Channels of the earlier stages'
            features, in stage order (the backbone returns them before the
            last). Defaults to () (the last stage only).
        loss_scales (Sequence[int]): Pooling factors of the photometric and
            SSIM terms, 1 the full resolution. Defaults to (1, ).
        scale_weights (Sequence[float], optional): Weight of each scale.
            Defaults to None (1 for every scale).
        cost_volume (dict, optional): ``index`` (into the earlier stages
            of ``skip_channels``; that stage must keep all T frames),
            ``max_displacement`` (feature pixels), ``soft_argmax`` (add
            the soft-argmax motion prior; default False) and
            ``temperature`` (its softmax temperature at the start; default
            0.1). Defaults to None.
        loss_guide (dict or ConfigDict, optional): A guidance term called
            ``(motion, frames, next_frames)``, e.g. ``dict(type=
            'ProxyFlowLoss')``: the end-point error to DIS flow of the same
            pair, its weight decaying to 0 (ours, after Zhu et al.'s guided
            flow learning; issue 15). Defaults to None.
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 in_channels: int,
                 out_stride: int = 4,
                 mid_channels: int = 64,
                 num_convs: int = 2,
                 norm_cfg: ConfigType = dict(type='BN3d'),
                 loss_photo: OptConfigType = dict(
                     type='CharbonnierLoss', loss_weight=1.0),
                 loss_ssim: OptConfigType = dict(
                     type='SSIMLoss', loss_weight=0.5),
                 loss_smooth: OptConfigType = dict(
                     type='EdgeAwareSmoothnessLoss', loss_weight=0.05),
                 skip_channels: Sequence[int] = (),
                 loss_scales: Sequence[int] = (1, ),
                 scale_weights: Optional[Sequence[float]] = None,
                 cost_volume: Optional[dict] = None,
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
        conv3d = dict(type='Conv3d')
        self.laterals = nn.ModuleList([
            ConvModule(
                c,
                mid_channels, (2, 3, 3),
                padding=(0, 1, 1),
                conv_cfg=conv3d,
                norm_cfg=norm_cfg) for c in skip_channels
        ])
        self.cost_volume = dict(cost_volume) if cost_volume else None
        if self.cost_volume is not None:
            i = self.cost_volume.get('index', 0)
            d = self.cost_volume.get('max_displacement', 3)
            if not 0 <= i < len(self.laterals) or d < 0:
                raise ValueError(
                    f'cost_volume {cost_volume}: index must pick one of the '
                    f'{len(self.laterals)} earlier stages (skip_channels), '
                    'max_displacement must be >= 0')
            soft = bool(self.cost_volume.get('soft_argmax', False))
            tau = float(self.cost_volume.get('temperature', 0.1))
            if tau <= 0:
                raise ValueError(f'cost_volume temperature must be > 0, got '
                                 f'{tau}')
            self.cost_volume.update(
                index=i, max_displacement=d, soft_argmax=soft, temperature=tau)
            if soft:
                self.log_temperature = nn.Parameter(
                    torch.tensor(float(np.log(tau))))
            self.cost_lateral = ConvModule(
                (2 * d + 1)**2,
                mid_channels, (1, 3, 3),
                padding=(0, 1, 1),
                conv_cfg=conv3d,
                norm_cfg=norm_cfg)
        self.reduce = ConvModule(
            in_channels, mid_channels, 1, conv_cfg=conv3d, norm_cfg=norm_cfg)
        self.convs = nn.Sequential(*[
            ConvModule(
                mid_channels,
                mid_channels,
                3,
                padding=1,
                conv_cfg=conv3d,
                norm_cfg=norm_cfg) for _ in range(num_convs)
        ])
        self.out = nn.Conv3d(mid_channels, 2, 3, padding=1)

    def init_weights(self) -> None:
        super().init_weights()
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, feats, clip_shape: Sequence[int]) -> torch.Tensor:
        """Decode the coarse motion of every consecutive frame pair.

        Args:
            feats (torch.Tensor or tuple[torch.Tensor]): Backbone features
                ``(N, C, T', H', W')`` (or a tuple whose last item is).
            clip_shape (Sequence[int]): ``(T, H, W)`` of the input clip.

        Returns:
            torch.Tensor: ``(N, 2, T - 1, H / s, W / s)`` motion in
            low-resolution pixels, ``s`` being ``out_stride``.
        """
        feats = list(feats) if isinstance(feats, (tuple, list)) else [feats]
        if len(feats) < len(self.laterals) + 1:
            raise ValueError(
                f'the decoder fuses {len(self.laterals)} earlier stage(s) '
                f'(skip_channels) but got {len(feats)} feature map(s): set '
                "the backbone's out_indices to return them")
        skips = feats[-1 - len(self.laterals):-1]
        t, h, w = clip_shape
        s = self.out_stride
        if h % s or w % s:
            raise ValueError(f'frames of {h}x{w} are not divisible by the '
                             f'motion stride {s}')
        if t < 2:
            raise ValueError(f'a clip of {t} frame(s) has no frame pair')
        size = (t - 1, h // s, w // s)
        x = F.interpolate(
            self.reduce(feats[-1]),
            size=size,
            mode='trilinear',
            align_corners=False)
        for lateral, f in zip(self.laterals, skips):
            if f.shape[2] < 2:  # one frame left: no pair to convolve
                f = f.expand(-1, -1, 2, -1, -1)
            x = x + F.interpolate(
                lateral(f), size=size, mode='trilinear', align_corners=False)
        prior = None
        if self.cost_volume is not None:
            f = skips[self.cost_volume['index']]
            if f.shape[2] != t:
                raise ValueError(
                    f'the cost volume needs a stage with all {t} frames, '
                    f'stage features have {f.shape[2]}')
            cost = clip_correlation(f, self.cost_volume['max_displacement'])
            x = x + F.interpolate(
                self.cost_lateral(cost),
                size=size,
                mode='trilinear',
                align_corners=False)
            if self.cost_volume['soft_argmax']:
                prior = self.soft_argmax_motion(f, size)
        out = self.out(self.convs(x))
        return out if prior is None else out + prior

    def soft_argmax_motion(self, feats: torch.Tensor,
                           size: Sequence[int]) -> torch.Tensor:
        """The expected displacement of the cosine correlation's softmax.

        Args:
            feats (Tensor): ``(N, C, T, h, w)`` features of one stage.
            size (Sequence[int]): ``(T - 1, H / s, W / s)``, the decoder's
                grid.

        Returns:
            Tensor: ``(N, 2, T - 1, H / s, W / s)`` motion ``(dx, dy)`` in
            the decoder's low-resolution pixels.
        """
        d = self.cost_volume['max_displacement']
        c, h, w = feats.shape[1], feats.shape[-2], feats.shape[-1]
        cos = clip_correlation(F.normalize(feats, dim=1), d) * c
        p = (cos / self.log_temperature.exp()).softmax(1)
        offsets = torch.arange(-d, d + 1, dtype=p.dtype, device=p.device)
        k = 2 * d + 1
        p = p.view(p.shape[0], k, k, *p.shape[2:])  # (N, dy, dx, T-1, h, w)
        dx = (p.sum(1) * offsets.view(1, k, 1, 1, 1)).sum(1)
        dy = (p.sum(2) * offsets.view(1, k, 1, 1, 1)).sum(1)
        motion = torch.stack([dx * (size[2] / w), dy * (size[1] / h)], 1)
        if tuple(motion.shape[2:]) != tuple(size):
            motion = F.interpolate(
                motion, size=size, mode='trilinear', align_corners=False)
        return motion
