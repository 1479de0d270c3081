"""Tian et al.'s self-supervised motion model: coarse motion from a video
encoder, upsampled with the frame's context, learned by warping."""
from typing import Dict, List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModel

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope
from ..layers.context_guided_upsample import ContextGuidedUpsample
from ..layers.image_quality import SSIMLoss
from ..layers.warp import backward_warp

UPSAMPLERS = ('context', 'bilinear', 'deconv')


def context_encoder(in_channels: int, channels: int) -> nn.Sequential:
    """The light 2D encoder of the frame's context (ours: two 3x3 convs at
    full resolution)."""
    return nn.Sequential(
        nn.Conv2d(in_channels, channels, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(inplace=True))


@MODELS.register_module()
class CoarseToFineMotion(BaseModel):
    """Self-supervised motion (Tian et al., ECCV 2020, "Self-supervised
    Motion Representation via Scattering Local Motion Cues").

    Paper (abstract): low-resolution motion maps are decoded from the
    spatio-temporal features of a video encoder and upsampled to full
    resolution by a context-guided motion upsampling layer; no flow labels.

    Ours (``METHODS.md`` section 3): the backbone is any MMAction2 3D
    backbone, the decoder a ``MotionDecoderHead``; for pair t the context is
    a light 2D encoder of frame t; the full-resolution motion warps frame t+1
    onto frame t (``backward_warp``) and the loss is ``w_c *
    Charbonnier(warped, frame_t)`` over the in-frame pixels, plus ``w_s *
    (1 - SSIM)`` and ``w_e *`` edge-aware smoothness. ``upsampler`` selects
    the ablation: ``'context'`` (the paper's layer), ``'bilinear'``, or
    ``'deconv'`` (a learned transposed convolution of the same scale).

    Frames must be on a [0, 1] scale (RGB: a data preprocessor with mean 0,
    std 255; depth: ``DepthNormalize``).

    ``predict`` attaches ``pred_motion`` ``(2, T - 1, H, W)`` (pixels, from
    frame t to t+1) and ``frames`` ``(C, T, H, W)`` of each sample's first
    clip.
    """

    def __init__(self,
                 backbone: dict,
                 decoder: dict,
                 in_channels: int = 3,
                 upsampler: str = 'context',
                 kernel_size: int = 3,
                 context_channels: int = 16,
                 charbonnier: dict = dict(type='CharbonnierLoss',
                                          loss_weight=1.0),
                 ssim_weight: float = 0.5,
                 smoothness: dict = dict(type='EdgeAwareSmoothnessLoss',
                                         loss_weight=0.05),
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if data_preprocessor is None:
            data_preprocessor = dict(type='ActionDataPreprocessor',
                                     format_shape='NCTHW')
        if upsampler not in UPSAMPLERS:
            raise ValueError(f'upsampler must be one of {UPSAMPLERS}, got '
                             f'{upsampler!r}')
        with mmmotion_scope():
            super().__init__(data_preprocessor=data_preprocessor,
                             init_cfg=init_cfg)
            self.backbone = MODELS.build(backbone)
            self.decoder = MODELS.build(decoder)
            self.charbonnier = MODELS.build(charbonnier)
            self.smoothness = MODELS.build(smoothness)
        s = self.decoder.out_stride
        self.upsampler = upsampler
        if upsampler == 'context':
            self.context = context_encoder(in_channels, context_channels)
            self.upsample = ContextGuidedUpsample(
                context_channels, scale=s, kernel_size=kernel_size)
        elif upsampler == 'deconv':
            self.upsample = nn.ConvTranspose2d(2, 2, 2 * s, stride=s,
                                               padding=s // 2)
        self.ssim = SSIMLoss(loss_weight=ssim_weight)

    def _clips(self, inputs: torch.Tensor) -> torch.Tensor:
        if inputs.dim() == 6:
            inputs = inputs.flatten(0, 1)
        if inputs.dim() != 5 or inputs.shape[2] < 2:
            raise ValueError('CoarseToFineMotion needs clips (N, C, T, H, W) '
                             f'of T >= 2 frames, got {tuple(inputs.shape)}')
        if not torch.isfinite(inputs).all():
            raise ValueError('the input frames hold NaN or inf values')
        return inputs

    def motion(self, clips: torch.Tensor) -> torch.Tensor:
        """Full-resolution motion ``(N, 2, T - 1, H, W)`` of clips
        ``(N, C, T, H, W)``."""
        n, c, t, h, w = clips.shape
        low = self.decoder(self.backbone(clips), (t, h, w))
        s = self.decoder.out_stride
        low = low.transpose(1, 2).reshape(n * (t - 1), 2, h // s, w // s)
        if self.upsampler == 'context':
            frames = clips[:, :, :-1].transpose(1, 2).reshape(
                n * (t - 1), c, h, w)
            flow = self.upsample(low, self.context(frames))
        elif self.upsampler == 'bilinear':
            flow = F.interpolate(low, scale_factor=s, mode='bilinear',
                                 align_corners=False) * s
        else:
            flow = self.upsample(low) * s
        return flow.view(n, t - 1, 2, h, w).transpose(1, 2)

    def forward(self, inputs, data_samples=None, mode: str = 'tensor'):
        clips = self._clips(inputs)
        if mode == 'tensor':
            return self.motion(clips)
        if mode == 'loss':
            return self.loss(clips)
        if mode == 'predict':
            return self.predict(clips, data_samples)
        raise RuntimeError(f'Invalid mode "{mode}"')

    def loss(self, clips: torch.Tensor) -> Dict[str, torch.Tensor]:
        n, c, t, h, w = clips.shape
        flow = self.motion(clips).transpose(1, 2).reshape(
            n * (t - 1), 2, h, w)
        prev = clips[:, :, :-1].transpose(1, 2).reshape(n * (t - 1), c, h, w)
        nxt = clips[:, :, 1:].transpose(1, 2).reshape(n * (t - 1), c, h, w)
        warped, mask = backward_warp(nxt, flow, return_mask=True)
        return dict(
            loss_photo=self.charbonnier(warped, prev, mask),
            loss_ssim=self.ssim(warped, prev),
            loss_smooth=self.smoothness(flow, prev))

    @torch.no_grad()
    def predict(self, clips: torch.Tensor, data_samples: List) -> List:
        m = len(clips) // max(len(data_samples), 1)
        motion = self.motion(clips)
        for i, sample in enumerate(data_samples):
            sample.set_field(motion[i * m].cpu(), 'pred_motion')
            sample.set_field(clips[i * m].cpu(), 'frames')
        return data_samples
