"""Backward warping by a dense motion field (shared layer).

Used by the coarse-to-fine motion method (Tian et al., ECCV 2020, "Self-
supervised Motion Representation via Scattering Local Motion Cues"): the
predicted motion warps one frame onto the other and a photometric loss
compares them. The convention matches :func:`mmmotion.utils.optical_flow.
compute_flow`: a flow ``(dx, dy)`` from frame t to t+1 says that
``next(p + flow(p)) ~ prev(p)``, so ``backward_warp(next, flow)`` rebuilds
``prev``.

Ours: bilinear sampling (``grid_sample``, ``align_corners=True`` so that
pixel centres map exactly), border values replicated ("safe borders": no
black frame edges enter the loss), and a mask of the pixels whose source lies
inside the frame, for losses that leave out the rest.
"""
from typing import Tuple

import torch
import torch.nn.functional as F
from torch import Tensor


def _check(image: Tensor, flow: Tensor) -> None:
    if image.dim() != 4:
        raise ValueError(
            f'image must be (N, C, H, W), got {tuple(image.shape)}')
    n, _, h, w = image.shape
    if tuple(flow.shape) != (n, 2, h, w):
        raise ValueError(f'flow must be (N, 2, H, W) = {(n, 2, h, w)} for an '
                         f'image of shape {tuple(image.shape)}, got '
                         f'{tuple(flow.shape)}')
    if not torch.isfinite(flow).all():
        raise ValueError('flow holds NaN or inf values')


def flow_grid(flow: Tensor) -> Tensor:
    """Sampling grid ``(N, H, W, 2)`` in ``grid_sample``'s [-1, 1] units for
    the positions ``p + flow(p)``.

    Args:
        flow (Tensor): ``(N, 2, H, W)`` motion ``(dx, dy)`` in pixels.

    Returns:
        Tensor: ``(N, H, W, 2)`` grid, ``(x, y)`` last.
    """
    n, _, h, w = flow.shape
    ys, xs = torch.meshgrid(
        torch.arange(h, dtype=flow.dtype, device=flow.device),
        torch.arange(w, dtype=flow.dtype, device=flow.device),
        indexing='ij')
    x = xs + flow[:, 0]
    y = ys + flow[:, 1]
    gx = 2 * x / max(w - 1, 1) - 1
    gy = 2 * y / max(h - 1, 1) - 1
    return torch.stack([gx, gy], dim=-1)


def backward_warp(image: Tensor, flow: Tensor, return_mask: bool = False):
    """Sample ``image`` at ``p + flow(p)``.

    Args:
        image (Tensor): ``(N, C, H, W)``, e.g. frame t+1.
        flow (Tensor): ``(N, 2, H, W)`` motion ``(dx, dy)`` in pixels, from
            t to t+1.
        return_mask (bool): Also return the ``(N, 1, H, W)`` float mask of
            pixels whose source lies inside the frame. Defaults to False.

    Returns:
        Tensor or tuple[Tensor]: The warped image ``(N, C, H, W)`` (an
        estimate of frame t), and with ``return_mask`` the mask
        ``(N, 1, H, W)``.
    """
    _check(image, flow)
    grid = flow_grid(flow.to(image.dtype))
    out = F.grid_sample(
        image,
        grid,
        mode='bilinear',
        padding_mode='border',
        align_corners=True)
    if not return_mask:
        return out
    inside = ((grid.abs() <= 1 + 1e-6).all(dim=-1)).unsqueeze(1)
    return out, inside.to(image.dtype)


def warp_pair(frames: Tensor, flows: Tensor) -> Tuple[Tensor, Tensor]:
    """Warp every frame t+1 of clips back onto frame t.

    Args:
        frames (Tensor): ``(N, C, T, H, W)`` clips.
        flows (Tensor): ``(N, 2, T - 1, H, W)``, flow t from frame t to t+1.

    Returns:
        tuple: warped ``(N, C, T - 1, H, W)`` (estimates of frames
        0..T-2) and the in-frame masks ``(N, 1, T - 1, H, W)``.
    """
    if frames.dim() != 5 or frames.shape[2] < 2:
        raise ValueError('frames must be clips (N, C, T, H, W) with T >= 2, '
                         f'got {tuple(frames.shape)}')
    n, c, t, h, w = frames.shape
    if tuple(flows.shape) != (n, 2, t - 1, h, w):
        raise ValueError(f'flows must be (N, 2, T - 1, H, W) = '
                         f'{(n, 2, t - 1, h, w)}, got {tuple(flows.shape)}')
    nxt = frames[:, :, 1:].transpose(1, 2).reshape(n * (t - 1), c, h, w)
    fl = flows.transpose(1, 2).reshape(n * (t - 1), 2, h, w)
    out, mask = backward_warp(nxt, fl, return_mask=True)
    out = out.view(n, t - 1, c, h, w).transpose(1, 2)
    mask = mask.view(n, t - 1, 1, h, w).transpose(1, 2)
    return out, mask
