"""Dynamic motion filters: per-sample, per-frame kernels that map x_t to x_t+1.

DynamoNet (Diba et al., ICCV 2019, eq. 1): ``x_hat_{t+1} = F_t * x_t``, the
filter ``F_t`` convolved with frame ``x_t`` at every spatial position.

Paper: one s x s filter per sample and frame, softmax-normalised, s = 5.
Ours: the filter is shared by the colour channels; borders are padded by
replicating the edge (zero padding would darken the predicted border; option
``padding_mode``); a spatially varying ("local") mode with one kernel per
pixel.
"""
from typing import Sequence

import torch
import torch.nn.functional as F
from torch.autograd import Function


def check_filters(frames: torch.Tensor, filters: torch.Tensor) -> str:
    """Validate shapes; return ``'global'`` or ``'local'``.

    Args:
        frames (torch.Tensor): ``(N, C, T, H, W)``.
        filters (torch.Tensor): ``(N, T, s, s)`` (global) or
            ``(N, T, s*s, H, W)`` (local).

    Returns:
        str: ``'global'`` or ``'local'``.
    """
    if frames.dim() != 5:
        raise ValueError(
            f'frames must be (N, C, T, H, W), got shape {tuple(frames.shape)}')
    n, _, t, h, w = frames.shape
    if filters.dim() == 4:
        mode, s = 'global', filters.shape[-1]
        if filters.shape[-2] != s:
            raise ValueError(f'filters must be square, got {filters.shape}')
    elif filters.dim() == 5:
        mode = 'local'
        s = int(round(filters.shape[2]**0.5))
        if s * s != filters.shape[2] or tuple(filters.shape[3:]) != (h, w):
            raise ValueError(
                f'local filters must be (N, T, s*s, {h}, {w}), got '
                f'{tuple(filters.shape)}')
    else:
        raise ValueError('filters must be (N, T, s, s) or (N, T, s*s, H, W), '
                         f'got shape {tuple(filters.shape)}')
    if filters.shape[0] != n or filters.shape[1] != t:
        raise ValueError(
            f'{filters.shape[1]} filters for {filters.shape[0]} samples do '
            f'not match a clip of {t} frames and {n} samples: the frame '
            'prediction branch and the clip length disagree')
    check_filter_size(s, (h, w))
    return mode


def check_filter_size(s: int, frame_size: Sequence[int]) -> None:
    """Refuse even filter sizes and filters larger than the frame."""
    if s < 1 or s % 2 == 0:
        raise ValueError(
            f'filter size must be odd (centred on the pixel), got {s}')
    if s > min(frame_size):
        raise ValueError(f'filter size {s} is larger than the frame '
                         f'{frame_size[0]}x{frame_size[1]}')


class _GroupedFilter(Function):
    """One depthwise convolution of every (sample, frame, channel) plane with
    its own filter, with a faster gradient for the filters and a smaller
    memory footprint.

    PyTorch's CPU kernel for a depthwise conv's weight gradient is slow with
    thousands of groups; the same gradient is a convolution of each padded
    plane with its output gradient as the (H x W) kernel, about 2x faster
    for the whole forward + backward here
    (``tools/analysis/cost_dynamonet.py --filters-only``).
    Only the unpadded planes (a view of the clip) are kept for the backward
    pass, which pads them again: the padded copy, as large as the clip, does
    not stay alive between forward and backward.
    """

    @staticmethod
    def forward(ctx, x: torch.Tensor, filters: torch.Tensor, channels: int,
                pad) -> torch.Tensor:
        # x: (1, N*C*T, H, W) planes in (n, c, t) order, a view of the
        # (N, C, T, H, W) clip; filters: (N, T, s, s), shared by C
        n, t, s = filters.shape[0], filters.shape[1], filters.shape[-1]
        weight = filters[:, None].expand(n, channels, t, s,
                                         s).reshape(n * channels * t, 1, s, s)
        ctx.save_for_backward(x, weight)
        ctx.shape = (n, channels, t, s)
        ctx.pad = pad
        return F.conv2d(pad(x), weight, groups=weight.shape[0])

    @staticmethod
    def backward(ctx, grad_out: torch.Tensor):
        x, weight = ctx.saved_tensors
        groups, _, s, _ = weight.shape
        grad_x = grad_filters = None
        if ctx.needs_input_grad[0]:
            # gradient of the padded planes, folded back onto the planes
            # by the padding's own backward
            gp = F.conv_transpose2d(grad_out, weight, groups=groups)
            with torch.enable_grad():
                xg = x.detach().requires_grad_()
                grad_x, = torch.autograd.grad(ctx.pad(xg), xg, gp)
        if ctx.needs_input_grad[1]:
            n, c, t, _ = ctx.shape
            h, w = grad_out.shape[-2:]
            g = F.conv2d(
                ctx.pad(x), grad_out.reshape(groups, 1, h, w), groups=groups)
            grad_filters = g.reshape(n, c, t, s, s).sum(1)
        return grad_x, grad_filters, None, None


class _LocalFilter(Function):
    """Local (per-pixel) filters: ``out = sum_k shift_k(x) * f_k`` over the
    ``s*s`` taps, one in-place multiply-add a tap.

    The same result as unfolding the padded frames (``F.unfold``: a copy
    ``s*s`` times the clip, kept alive for the backward pass) and a weighted
    sum, without that copy: only the padded frames and the filters are kept,
    and the backward pass computes the filter gradient tap by tap (the frames
    are data in training: their gradient only when asked for). Ours.
    """

    @staticmethod
    def forward(ctx, xp: torch.Tensor, filters: torch.Tensor,
                s: int) -> torch.Tensor:
        # xp: (M, C, H + 2p, W + 2p) padded frames; filters: (M, s*s, H, W)
        h, w = filters.shape[-2:]
        out = xp.new_zeros(xp.shape[0], xp.shape[1], h, w)
        for k in range(s * s):
            dy, dx = divmod(k, s)
            out.addcmul_(xp[:, :, dy:dy + h, dx:dx + w], filters[:, k:k + 1])
        ctx.save_for_backward(xp, filters)
        ctx.s = s
        return out

    @staticmethod
    def backward(ctx, grad_out: torch.Tensor):
        xp, filters = ctx.saved_tensors
        s, (h, w) = ctx.s, filters.shape[-2:]
        grad_x = grad_filters = None
        if ctx.needs_input_grad[0]:
            grad_x = torch.zeros_like(xp)
            for k in range(s * s):
                dy, dx = divmod(k, s)
                grad_x[:, :, dy:dy + h,
                       dx:dx + w].addcmul_(grad_out, filters[:, k:k + 1])
        if ctx.needs_input_grad[1]:
            grad_filters = torch.empty_like(filters)
            for k in range(s * s):
                dy, dx = divmod(k, s)
                grad_filters[:, k] = (grad_out *
                                      xp[:, :, dy:dy + h, dx:dx + w]).sum(1)
        return grad_x, grad_filters, None


def apply_dynamic_filters(frames: torch.Tensor,
                          filters: torch.Tensor,
                          padding_mode: str = 'replicate') -> torch.Tensor:
    """Apply filter t of each sample to frame t, in one vectorised operation.

    Global filters run as one grouped convolution over batch, frames and
    channels (with a faster filter gradient, see ``_GroupedFilter``); local
    filters as one multiply-add a tap (``_LocalFilter``).

    Args:
        frames (torch.Tensor): ``(N, C, T, H, W)`` frames x_1..x_T.
        filters (torch.Tensor): ``(N, T, s, s)`` or ``(N, T, s*s, H, W)``.
        padding_mode (str): ``'replicate'``, ``'reflect'`` or ``'zeros'``.
            Defaults to ``'replicate'``.

    Returns:
        torch.Tensor: ``(N, C, T, H, W)``, the predictions of x_2..x_T+1.
    """
    mode = check_filters(frames, filters)
    n, c, t, h, w = frames.shape
    s = filters.shape[-1] if mode == 'global' else int(filters.shape[2]**0.5)
    p = s // 2

    def pad(x):
        if padding_mode == 'zeros':
            return F.pad(x, (p, p, p, p))
        return F.pad(x, (p, p, p, p), mode=padding_mode)

    if mode == 'global':
        # planes in the clip's own (n, c, t) order: no transposed copies
        x = frames.reshape(1, n * c * t, h, w)
        out = _GroupedFilter.apply(x, filters.to(x.dtype), c, pad)
        return out.view(n, c, t, h, w)
    x = pad(frames.transpose(1, 2).reshape(n * t, c, h, w))
    out = _LocalFilter.apply(x, filters.reshape(n * t, s * s, h, w), s)
    return out.view(n, t, c, h, w).transpose(1, 2)


def apply_dynamic_filters_loop(frames: torch.Tensor,
                               filters: torch.Tensor,
                               padding_mode: str = 'replicate'
                               ) -> torch.Tensor:
    """Reference: the same result, one sample and one frame at a time.

    Kept for tests and ``tools/analysis/cost_dynamonet.py``.
    """
    mode = check_filters(frames, filters)
    n, c, t, h, w = frames.shape
    out = torch.empty_like(frames)
    for i in range(n):
        for j in range(t):
            frame = frames[i, :, j][None]  # (1, C, H, W)
            if mode == 'global':
                s = filters.shape[-1]
                p = s // 2
                padded = (
                    F.pad(frame,
                          (p, p, p, p)) if padding_mode == 'zeros' else F.pad(
                              frame, (p, p, p, p), mode=padding_mode))
                k = filters[i, j].expand(c, 1, s, s)
                out[i, :, j] = F.conv2d(padded, k, groups=c)[0]
            else:
                s = int(filters.shape[2]**0.5)
                p = s // 2
                padded = (
                    F.pad(frame,
                          (p, p, p, p)) if padding_mode == 'zeros' else F.pad(
                              frame, (p, p, p, p), mode=padding_mode))
                k = filters[i, j].view(s, s, h, w)
                acc = torch.zeros(c, h, w, dtype=frames.dtype)
                for dy in range(s):
                    for dx in range(s):
                        acc += padded[0, :, dy:dy + h, dx:dx + w] * k[dy, dx]
                out[i, :, j] = acc
    return out
