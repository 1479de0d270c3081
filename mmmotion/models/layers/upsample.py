"""Plain motion upsamplers with the interface of ``ContextGuidedUpsample``:
``upsampler(low, context=None)`` maps ``(N, C, h, w)`` to ``(N, C, h * scale,
w * scale)``, multiplied by ``scale`` when ``scale_values`` (motion measured
in pixels). They are the upsampler ablation of the coarse-to-fine motion
model (``CoarseToFineMotion(upsampler=dict(type=...))``); ours, beside the
paper's context-guided layer."""
from typing import Optional

import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmmotion.registry import MODELS

_SCALES = (2, 4, 8)


def _check_scale(scale: int) -> None:
    if scale not in _SCALES:
        raise ValueError(f'scale must be 2, 4 or 8, got {scale}')


@MODELS.register_module()
class BilinearUpsample(nn.Module):
    """Bilinear upsampling by ``scale`` (``align_corners=False``), no
    parameters, context ignored.

    Ours: the upsampler ablation's baseline (the same coarse motion, no
    learned upsampling).

    Args:
        scale (int): 2, 4 or 8. Defaults to 4.
        scale_values (bool): Multiply the output by ``scale`` (True for
            motion in pixels). Defaults to True.
    """

    requires_context = False

    def __init__(self, scale: int = 4, scale_values: bool = True) -> None:
        super().__init__()
        _check_scale(scale)
        self.scale = scale
        self.scale_values = scale_values

    def forward(self, low: Tensor, context: Optional[Tensor] = None) -> Tensor:
        """Upsample ``low``.

        Args:
            low (Tensor): ``(N, C, h, w)`` low-resolution map.
            context (Tensor, optional): Unused; in the signature to share the
                interface of ``ContextGuidedUpsample``. Defaults to None.

        Returns:
            Tensor: ``(N, C, h * scale, w * scale)``.
        """
        out = F.interpolate(
            low, scale_factor=self.scale, mode='bilinear', align_corners=False)
        return out * self.scale if self.scale_values else out

    def extra_repr(self) -> str:
        return f'scale={self.scale}, scale_values={self.scale_values}'


@MODELS.register_module()
class DeconvUpsample(nn.ConvTranspose2d):
    """A learned transposed convolution of stride ``scale`` (kernel
    ``2 * scale``, padding ``scale // 2``), context ignored.

    Ours: the upsampler ablation's learned, context-free variant. It is an
    ``nn.ConvTranspose2d`` itself, so its parameters are ``weight`` and
    ``bias`` of the module (``upsample.weight`` in a model's checkpoint).

    Args:
        channels (int): Channels in and out. Defaults to 2 (motion).
        scale (int): 2, 4 or 8. Defaults to 4.
        scale_values (bool): Multiply the output by ``scale`` (True for
            motion in pixels). Defaults to True.
    """

    requires_context = False

    def __init__(self,
                 channels: int = 2,
                 scale: int = 4,
                 scale_values: bool = True) -> None:
        _check_scale(scale)
        super().__init__(
            channels, channels, 2 * scale, stride=scale, padding=scale // 2)
        self.scale = scale
        self.scale_values = scale_values

    def forward(self, low: Tensor, context: Optional[Tensor] = None) -> Tensor:
        """Upsample ``low``.

        Args:
            low (Tensor): ``(N, C, h, w)`` low-resolution map.
            context (Tensor, optional): Unused; in the signature to share the
                interface of ``ContextGuidedUpsample``. Defaults to None.

        Returns:
            Tensor: ``(N, C, h * scale, w * scale)``.
        """
        out = super().forward(low)
        return out * self.scale if self.scale_values else out
