"""The warping losses shared by the coarse-to-fine motion decoders."""
from typing import Dict, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from mmaction.utils import OptConfigType, OptMultiConfig
from mmengine.model import BaseModule

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope
from ..layers.warp import backward_warp


def _build_loss(cfg):
    return None if cfg is None else MODELS.build(cfg)


class WarpLossHead(BaseModule):
    """Base of the heads that decode motion at ``out_stride`` and own its
    self-supervised warping losses (:meth:`loss`), as MMAction2's heads own
    theirs.

    The model upsamples the motion to full resolution, the head warps frame
    t+1 back onto frame t with it (``backward_warp``) and scores the result.
    Paper (Tian et al., abstract): the motion is learned without labels, by
    warping. Ours (``docs/methods.md`` section 3.2): ``loss_photo``
    (Charbonnier) over the pixels that stay inside the frame, ``loss_ssim``
    (``1 - SSIM``) and ``loss_smooth`` (edge-aware smoothness of the
    motion); set a term to None to drop it. ``loss_scales`` adds the
    photometric and SSIM terms at coarser scales (frames and motion
    average-pooled by each factor, the motion divided by it; ARFlow /
    UFlow's pyramid of photometric losses, on one output).
    ``loss_guide`` is an optional guidance term (e.g. ``ProxyFlowLoss``).
    The losses hold no parameters: a subclass's checkpoint keys are its
    own layers.

    Args:
        out_stride (int): The stride of the decoded motion, one of the
            class's ``out_strides`` (4 or 8; the pairwise head also 2).
        loss_photo, loss_ssim, loss_smooth, loss_guide (dict, optional):
            See :class:`MotionDecoderHead`.
        loss_scales (Sequence[int]): Pooling factors of the photometric and
            SSIM terms, 1 the full resolution. Defaults to (1, ).
        scale_weights (Sequence[float], optional): Weight of each scale.
            Defaults to None (1 for every scale).
        init_cfg (dict or ConfigDict, optional): Initialization config.
    """

    out_strides = (4, 8)

    def __init__(self,
                 out_stride: int = 4,
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
        super().__init__(init_cfg=init_cfg)
        if out_stride not in self.out_strides:
            raise ValueError(f'out_stride must be one of {self.out_strides}, '
                             f'got {out_stride}')
        self.out_stride = out_stride
        self.loss_scales = tuple(int(f) for f in loss_scales)
        if not self.loss_scales or min(self.loss_scales) < 1:
            raise ValueError(f'loss_scales must be factors >= 1, got '
                             f'{loss_scales}')
        self.scale_weights = tuple(
            float(w) for w in (scale_weights or [1.0] * len(loss_scales)))
        if len(self.scale_weights) != len(self.loss_scales):
            raise ValueError(f'scale_weights {scale_weights} must give one '
                             f'weight a scale of {loss_scales}')
        with mmmotion_scope():
            self.loss_photo = _build_loss(loss_photo)
            self.loss_ssim = _build_loss(loss_ssim)
            self.loss_smooth = _build_loss(loss_smooth)
            self.loss_guide = _build_loss(loss_guide)

    def loss(self, motion: torch.Tensor, frames: torch.Tensor,
             next_frames: torch.Tensor) -> Dict[str, torch.Tensor]:
        """The warping losses of full-resolution motion.

        Args:
            motion (Tensor): ``(B, 2, H, W)`` motion from ``frames`` to
                ``next_frames``, in pixels (the upsampler's output, one
                frame pair per item).
            frames (Tensor): ``(B, C, H, W)`` frames t, on [0, 1].
            next_frames (Tensor): ``(B, C, H, W)`` frames t+1.

        Returns:
            dict: ``loss_photo``, ``loss_ssim``, ``loss_smooth`` and
            ``loss_guide`` (those not set to None).
        """
        losses = dict()
        for f, weight in zip(self.loss_scales, self.scale_weights):
            m, a, b = motion, frames, next_frames
            if f > 1:
                m = F.avg_pool2d(motion, f) / f
                a, b = F.avg_pool2d(frames, f), F.avg_pool2d(next_frames, f)
            warped, mask = backward_warp(b, m, return_mask=True)
            sfx = '' if f == 1 else f'_s{f}'
            if self.loss_photo is not None:
                losses['loss_photo' +
                       sfx] = weight * self.loss_photo(warped, a, mask)
            if self.loss_ssim is not None:
                losses['loss_ssim' + sfx] = weight * self.loss_ssim(warped, a)
        if self.loss_smooth is not None:
            losses['loss_smooth'] = self.loss_smooth(motion, frames)
        if self.loss_guide is not None:
            losses['loss_guide'] = self.loss_guide(motion, frames, next_frames)
        return losses

    @staticmethod
    def low_res_shape(clip_shape: Sequence[int],
                      stride: int) -> Tuple[int, int, int]:
        t, h, w = clip_shape
        return t - 1, h // stride, w // stride
