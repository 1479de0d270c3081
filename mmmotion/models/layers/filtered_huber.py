"""DynamoNet's frame-prediction loss fused with the dynamic-filter application.

The loss ``Huber(F_t * x_t - x_t+1)`` (Diba et al., ICCV 2019, eqs. 1-2)
depends on the filters only: the frames are data. So the gradient of each
frame's loss with respect to its s x s filter can be computed in the forward
pass, a few samples at a time, and kept (``N x T x s x s`` numbers) instead of
the clip-sized predictions and differences that autograd would keep for the
backward pass. The backward pass only scales the kept gradient.

This is ours (an implementation choice, not the paper's): the value and the
filter gradient equal ``HuberLoss()(apply_dynamic_filters(x, F), target)``
(tested), at a fraction of the memory: no tensor as large as the clip
outlives the call, and the temporaries are one chunk of samples in size.
Global (one filter per frame) filters only; the frames and target must not
need a gradient.
"""
from typing import Callable

import torch
import torch.nn.functional as F
from torch.autograd import Function

from .dynamic_filter import check_filters

# temporaries of about this many elements per chunk (at least one sample)
CHUNK_ELEMENTS = 1 << 19


def _pad_fn(p: int, padding_mode: str) -> Callable:
    """Pad H and W of a 5D ``(m, C, k, H, W)`` chunk; the chunk may be a
    strided view of the clip (no copy is made before padding)."""
    if padding_mode == 'zeros':
        return lambda x: F.pad(x, (p, p, p, p, 0, 0))
    return lambda x: F.pad(x, (p, p, p, p, 0, 0), mode=padding_mode)


def _even(total: int, most: int) -> int:
    """The step that cuts ``total`` into the fewest chunks of at most
    ``most`` (at least 1), as evenly as possible."""
    chunks = -(-total // max(1, most))
    return -(-total // chunks)


def _chunk(x, f, y, pad, delta, reduction, numel, need_grad):
    """Loss (per frame, or a sum for 'pixel') and filter gradient of one
    chunk of whole frames: x, y ``(m, C, k, H, W)``, f ``(m, k, s, s)``."""
    m, c, k, h, w = x.shape
    s = f.shape[-1]
    groups = m * c * k
    xp = pad(x).view(1, groups, h + s - 1, w + s - 1)
    weight = f[:, None].expand(m, c, k, s, s).reshape(groups, 1, s, s)
    d = F.conv2d(xp, weight, groups=groups).view(m, c, k, h, w)
    d.sub_(y)  # the prediction error, in place
    g, scale = None, 1.0
    if reduction == 'frame':
        dims = (1, 3, 4)
        l1 = torch.linalg.vector_norm(d, 1, dim=dims)
        quad = l1 < delta
        lin = delta * l1 - 0.5 * delta**2
        if quad.any():
            sq = torch.linalg.vector_norm(d, 2, dim=dims).square()
            loss = torch.where(quad, 0.5 * sq, lin)
            if need_grad:
                # dL/dd: d on quadratic frames, delta * sign(d) elsewhere
                g = torch.where(quad[:, None, :, None, None], d,
                                delta * d.sign())
        else:  # the usual case on real frames: every frame is linear
            loss = lin
            if need_grad:
                g, scale = d.sign_(), delta  # delta applied to the result
    else:  # 'pixel': F.huber_loss(..., reduction='mean')
        a = d.abs()
        loss = torch.where(a < delta, 0.5 * a.square(),
                           delta * (a - 0.5 * delta)).sum()
        del a
        if need_grad:
            g, scale = d.clamp_(-delta, delta), 1.0 / numel
    if g is not None:
        g = F.conv2d(xp, g.reshape(groups, 1, h, w), groups=groups)
        g = g.view(m, c, k, s, s).sum(1) * scale
    return loss, g


class _FilteredHuber(Function):

    @staticmethod
    def forward(ctx, frames, filters, target, delta, reduction, padding_mode):
        n, c, t, h, w = frames.shape
        s = filters.shape[-1]
        pad = _pad_fn(s // 2, padding_mode)
        need_grad = ctx.needs_input_grad[1]
        # chunks of whole frames (a frame's loss needs all of it): several
        # samples, or a few frames of one sample
        if c * t * h * w <= CHUNK_ELEMENTS:
            step_n, step_t = _even(n, CHUNK_ELEMENTS // (c * t * h * w)), t
        else:
            step_n, step_t = 1, _even(t, CHUNK_ELEMENTS // (c * h * w))
        numel = frames.numel()
        rows, grad_rows = [], []  # one row of chunks per sample chunk
        for i in range(0, n, step_n):
            row, grad_row = [], []
            for j in range(0, t, step_t):
                loss, grad = _chunk(frames[i:i + step_n, :, j:j + step_t],
                                    filters[i:i + step_n, j:j + step_t],
                                    target[i:i + step_n, :, j:j + step_t], pad,
                                    delta, reduction, numel, need_grad)
                row.append(loss)
                grad_row.append(grad)
            rows.append(
                torch.cat(row, 1) if reduction ==
                'frame' else torch.stack(row).sum())
            if need_grad:
                grad_rows.append(torch.cat(grad_row, 1))
        if reduction == 'frame':
            loss = torch.cat(rows)  # (N, T): one value per frame
        else:
            loss = torch.stack(rows).sum() / numel
        ctx.save_for_backward(torch.cat(grad_rows) if need_grad else None)
        return loss

    @staticmethod
    def backward(ctx, grad_loss):
        grad_filters, = ctx.saved_tensors
        if grad_filters is not None:
            if grad_loss.dim() == 2:  # per frame
                grad_filters = grad_filters * grad_loss[..., None, None]
            else:
                grad_filters = grad_filters * grad_loss
        return None, grad_filters, None, None, None, None


def filtered_huber_loss(frames: torch.Tensor,
                        filters: torch.Tensor,
                        target: torch.Tensor,
                        delta: float = 0.01,
                        reduction: str = 'frame',
                        padding_mode: str = 'replicate') -> torch.Tensor:
    """``HuberLoss(delta, reduction)(apply_dynamic_filters(frames, filters,
    padding_mode), target)`` in one pass; see the module docstring.

    Args:
        frames (torch.Tensor): ``(N, C, T, H, W)`` x_1..x_T (no gradient).
        filters (torch.Tensor): ``(N, T, s, s)`` global dynamic filters.
        target (torch.Tensor): ``(N, C, T, H, W)`` x_2..x_T+1 (no gradient).
        delta (float): The Huber threshold. Defaults to 0.01.
        reduction (str): ``'frame'`` (the paper's per-frame norms, averaged)
            or ``'pixel'`` (per-pixel Huber, averaged).
            Defaults to ``'frame'``.
        padding_mode (str): As ``apply_dynamic_filters``.
            Defaults to ``'replicate'``.

    Returns:
        torch.Tensor: The scalar loss, before any loss weight.
    """
    if check_filters(frames, filters) != 'global':
        raise ValueError('filtered_huber_loss takes global (N, T, s, s) '
                         'filters; apply local filters, then HuberLoss')
    if target.shape != frames.shape:
        raise ValueError(f'target {tuple(target.shape)} and frames '
                         f'{tuple(frames.shape)} differ in shape')
    if frames.requires_grad or target.requires_grad:
        raise ValueError('filtered_huber_loss gives no gradient for the '
                         'frames or the target: use apply_dynamic_filters '
                         'and HuberLoss when they need one')
    if reduction not in ('frame', 'pixel'):
        raise ValueError(
            f"reduction must be 'frame' or 'pixel', got {reduction!r}")
    loss = _FilteredHuber.apply(frames, filters.to(frames.dtype), target,
                                float(delta), reduction, padding_mode)
    return loss.mean() if reduction == 'frame' else loss
