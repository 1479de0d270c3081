"""Context-guided motion upsampling (Tian et al., ECCV 2020).

Paper (abstract): low-resolution motion maps are upsampled to full resolution
by a layer that learns its upsampling parameters from the spatial context
(semantic cues) of the frame, cheaply.

Ours (``docs/methods.md`` section 3.2, in the spirit of CARAFE / guided
upsampling;
pure PyTorch since mmcv-lite has no CARAFE op): from context features of the
frame at the output resolution, a small conv predicts for every output pixel
``k * k`` logits; their softmax weights the ``k x k`` low-resolution
neighbours of the pixel's source position, and the output vector is the
weighted sum. Motion is measured in pixels, so the reassembled vectors are
multiplied by the scale (a displacement of 1 low-resolution pixel is
``scale`` output pixels). Borders of the low-resolution map are replicated.

The reassembly is vectorised: one ``unfold`` of the low-resolution map
(``k * k`` neighbours per low-resolution pixel), a nearest upsampling of that
to the output grid (each output pixel takes its source pixel's
neighbourhood), and a weighted sum.
"""
from typing import Optional

import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmmotion.registry import MODELS


def reassemble(low: Tensor, weights: Tensor, scale: int,
               kernel_size: int) -> Tensor:
    """Mix the ``k x k`` low-resolution neighbours of every output pixel.

    Args:
        low (Tensor): ``(N, C, h, w)`` low-resolution map.
        weights (Tensor): ``(N, k * k, h * scale, w * scale)``, summing to 1
            over dim 1 (softmax) for a convex mix.
        scale (int): Integer upsampling factor.
        kernel_size (int): Odd k.

    Returns:
        Tensor: ``(N, C, h * scale, w * scale)``.
    """
    n, c, h, w = low.shape
    k = kernel_size
    if tuple(weights.shape) != (n, k * k, h * scale, w * scale):
        raise ValueError(f'weights must be (N, k*k, H, W) = '
                         f'{(n, k * k, h * scale, w * scale)}, got '
                         f'{tuple(weights.shape)}')
    p = k // 2
    cols = F.unfold(F.pad(low, (p, p, p, p), mode='replicate'), k)
    cols = cols.view(n, c * k * k, h, w)
    cols = F.interpolate(cols, scale_factor=scale, mode='nearest')
    cols = cols.view(n, c, k * k, h * scale, w * scale)
    return (cols * weights.unsqueeze(1)).sum(2)


def reassemble_cells(low: Tensor, logits: Tensor, scale: int,
                     kernel_size: int) -> Tensor:
    """:func:`reassemble` with the kernels laid out by coarse cell: the
    softmax, the mix and the sum run at the coarse grid, one output
    pixel-shuffled at the end (no full-resolution copy of the neighbours
    or the weights).

    Args:
        low (Tensor): ``(N, C, h, w)`` low-resolution map.
        logits (Tensor): ``(N, k * k * scale**2, h, w)``: channel
            ``i * scale**2 + c`` is neighbour ``i``'s logit for child ``c``
            of the cell (``PixelShuffle``'s order, so that this equals
            :func:`reassemble` of the shuffled softmax).
        scale (int): Integer upsampling factor.
        kernel_size (int): Odd k.

    Returns:
        Tensor: ``(N, C, h * scale, w * scale)``.
    """
    n, c, h, w = low.shape
    k2, s2 = kernel_size**2, scale * scale
    if tuple(logits.shape) != (n, k2 * s2, h, w):
        raise ValueError(f'logits must be (N, k*k*scale**2, h, w) = '
                         f'{(n, k2 * s2, h, w)}, got {tuple(logits.shape)}')
    p = kernel_size // 2
    weights = logits.view(n, k2, s2, h, w).softmax(1)
    cols = F.unfold(F.pad(low, (p, p, p, p), mode='replicate'), kernel_size)
    cols = cols.view(n, c, k2, 1, h, w)
    out = (cols * weights.unsqueeze(1)).sum(2)  # (N, C, s2, h, w)
    return F.pixel_shuffle(out.reshape(n, c * s2, h, w), scale)


def reassemble_naive(low: Tensor, weights: Tensor, scale: int,
                     kernel_size: int) -> Tensor:
    """Reference: the same, one output pixel at a time (tests, benchmark)."""
    n, c, h, w = low.shape
    k, p = kernel_size, kernel_size // 2
    padded = F.pad(low, (p, p, p, p), mode='replicate')
    out = low.new_zeros(n, c, h * scale, w * scale)
    for y in range(h * scale):
        for x in range(w * scale):
            sy, sx = y // scale, x // scale
            patch = padded[:, :, sy:sy + k, sx:sx + k].reshape(n, c, k * k)
            out[:, :, y, x] = (patch * weights[:, None, :, y, x]).sum(-1)
    return out


@MODELS.register_module()
class ContextGuidedUpsample(nn.Module):
    """Upsample a low-resolution motion (or any) map by ``scale``, guided by
    high-resolution context features.

    Paper: the upsampling parameters are learned from the frame's context.
    Ours: the kernel-predicting net (two 3x3 convs), the softmax reassembly
    of ``k x k`` neighbours and its zero start (see the module docstring).
    The interface is shared with ``BilinearUpsample`` and ``DeconvUpsample``
    (``upsampler(low, context)``); ``requires_context`` tells a model to
    build a context encoder for this one.

    Args:
        context_channels (int): Channels of the context features.
        scale (int): 2, 4 or 8. Defaults to 4.
        kernel_size (int): Odd k of the reassembly neighbourhood.
            Defaults to 3.
        mid_channels (int): Width of the kernel-predicting conv.
            Defaults to 32.
        scale_values (bool): Multiply the output by ``scale`` (True for
            motion in pixels; False for a generic feature map).
            Defaults to True.
        kernel_grid (str): Where the kernels are predicted. ``'fine'``: two
            3x3 convs at the output resolution, one kernel a pixel.
            ``'coarse'`` (ours, issue 15, after CARAFE's kernel prediction at
            the input grid): a ``scale x scale`` stride-``scale`` conv
            gathers each low-resolution cell's children's context, a 3x3
            conv mixes neighbouring cells, and a 1x1 conv gives the
            ``scale**2`` children's kernels of the cell, pixel-shuffled to
            the output grid. Every output pixel still gets its own kernel,
            from its own context, with the convs on the coarse grid (cost:
            ``tools/analysis/cost_motion.py``). Defaults to ``'fine'`` (the
            recorded checkpoints).
        context_stride (int): 1 (context features at the output grid) or
            ``scale`` (ours, issue 15: the context at the coarse grid, from
            a strided context encoder that has read every full-resolution
            pixel; needs ``kernel_grid='coarse'``). The kernel net is then a
            3x3 conv, a ReLU and a 1x1 conv to the ``scale**2`` children's
            kernels of each cell, pixel-shuffled: nothing of the layer but
            the reassembly runs at full resolution, where the stride-``scale``
            conv over full-resolution context was most of the layer's cost
            (``tools/analysis/cost_motion.py``); the softmax and the mix run
            by coarse cell (:func:`reassemble_cells`). Defaults to 1.
    """

    requires_context = True

    def __init__(self,
                 context_channels: int,
                 scale: int = 4,
                 kernel_size: int = 3,
                 mid_channels: int = 32,
                 scale_values: bool = True,
                 kernel_grid: str = 'fine',
                 context_stride: int = 1) -> None:
        super().__init__()
        if scale not in (2, 4, 8):
            raise ValueError(f'scale must be 2, 4 or 8, got {scale}')
        if kernel_size < 1 or kernel_size % 2 == 0:
            raise ValueError(f'kernel_size must be odd, got {kernel_size}')
        self.scale = scale
        self.kernel_size = kernel_size
        self.scale_values = scale_values
        if kernel_grid not in ('fine', 'coarse'):
            raise ValueError(f"kernel_grid must be 'fine' or 'coarse', got "
                             f'{kernel_grid!r}')
        self.kernel_grid = kernel_grid
        if context_stride not in (1, scale) or (context_stride > 1
                                                and kernel_grid != 'coarse'):
            raise ValueError(
                f'context_stride must be 1 or the scale {scale} (the latter '
                f"with kernel_grid='coarse'), got {context_stride}")
        self.context_stride = context_stride
        k2 = kernel_size**2
        if context_stride > 1:
            # logits by coarse cell: reassemble_cells, no PixelShuffle
            self.kernel_net = nn.Sequential(
                nn.Conv2d(context_channels, mid_channels, 3, padding=1),
                nn.ReLU(inplace=True),
                nn.Conv2d(mid_channels, k2 * scale * scale, 1))
        elif kernel_grid == 'fine':
            self.kernel_net = nn.Sequential(
                nn.Conv2d(context_channels, mid_channels, 3, padding=1),
                nn.ReLU(inplace=True),
                nn.Conv2d(mid_channels, k2, 3, padding=1))
        else:
            self.kernel_net = nn.Sequential(
                nn.Conv2d(context_channels, mid_channels, scale, stride=scale),
                nn.ReLU(inplace=True),
                nn.Conv2d(mid_channels, mid_channels, 3, padding=1),
                nn.ReLU(inplace=True),
                nn.Conv2d(mid_channels, k2 * scale * scale, 1),
                nn.PixelShuffle(scale))
        # zero logits: uniform weights, a k x k box mix, at the start
        last = [m for m in self.kernel_net if isinstance(m, nn.Conv2d)][-1]
        nn.init.zeros_(last.weight)
        nn.init.zeros_(last.bias)

    def forward(self,
                low: Tensor,
                context: Optional[Tensor] = None,
                weights: Optional[Tensor] = None) -> Tensor:
        """Upsample ``low``, guided by ``context``.

        Args:
            low (Tensor): ``(N, C, h, w)`` low-resolution map.
            context (Tensor, optional): ``(N, Cc, h * scale, w * scale)``
                context features (``(N, Cc, h, w)`` with
                ``context_stride=scale``). Required; optional in the
                signature only to share the interface of the plain
                upsamplers.
                Defaults to None.
            weights (Tensor, optional): ``(N, k * k, h * scale, w * scale)``
                reassembly weights to use instead of those predicted from
                ``context``. Defaults to None.

        Returns:
            Tensor: ``(N, C, h * scale, w * scale)``.
        """
        n, _, h, w = low.shape
        s = self.scale
        if context is None:
            raise ValueError('ContextGuidedUpsample needs the context '
                             'features')
        ch, cw = h * s // self.context_stride, w * s // self.context_stride
        if context.dim() != 4 or context.shape[0] != n or \
                tuple(context.shape[-2:]) != (ch, cw):
            raise ValueError(
                f'context must be (N, C, {ch}, {cw}) for a {h}x{w} map, '
                f'scale {s} and context_stride {self.context_stride}, got '
                f'{tuple(context.shape)}')
        if weights is None and self.context_stride > 1:
            out = reassemble_cells(low, self.kernel_net(context), s,
                                   self.kernel_size)
        else:
            if weights is None:
                weights = self.kernel_net(context).softmax(1)
            out = reassemble(low, weights, s, self.kernel_size)
        return out * s if self.scale_values else out
