"""DynamoNet's dynamic filters read as motion (ours; the paper reads them
only as a motion representation for the classifier and as frame
predictors).

A dynamic filter ``F_t`` (s x s taps, softmax-normalised, so a convex mix)
predicts frame t+1 from frame t by cross-correlation
(:func:`mmmotion.models.layers.dynamic_filter.apply_dynamic_filters`)::

    x_hat_{t+1}(q) = sum_{(dx, dy)} F_t(dy + s // 2, dx + s // 2)
                     * x_t(q + (dx, dy))

Its expected offset ``o_t = sum F_t (dx, dy)`` says where in frame t the
pixel q of frame t+1 is taken from: ``x_{t+1}(q) ~ x_t(q + o_t)``. The
project's flow convention (``mmmotion.models.layers.warp`` and
``mmmotion.utils.optical_flow.compute_flow``: a flow from t to t+1 says
``x_{t+1}(p + flow(p)) ~ x_t(p)``) is the opposite direction, so the
motion of the filter is ``flow = -o_t``. Global filters (the paper's: one
filter a frame) give one vector a frame, the same at every pixel; local
filters (``mode='local'``) one a pixel, read at the pixel q of frame t+1
they predict, which is the forward flow at p where the flow is locally
constant (ours: no inversion of the field).

A filter moves a frame by at most ``s // 2`` pixels (2 for the paper's
s = 5) and by less the more its weight spreads; motion above that is out of
its reach.
"""
from typing import Optional, Sequence

import torch


def filter_offsets(s: int,
                   dtype: torch.dtype = torch.float32,
                   device: Optional[torch.device] = None) -> torch.Tensor:
    """``(2, s, s)``: the ``(dx, dy)`` offset of every tap of an s x s
    filter, relative to its centre (tap ``[i, j]``: ``dx = j - s // 2``,
    ``dy = i - s // 2``)."""
    r = torch.arange(s, dtype=dtype, device=device) - s // 2
    dy, dx = torch.meshgrid(r, r, indexing='ij')
    return torch.stack([dx, dy])


def filters_to_motion(filters: torch.Tensor,
                      frame_size: Optional[Sequence[int]] = None
                      ) -> torch.Tensor:
    """The motion ``(N, 2, T, H, W)`` (pixels, ``(dx, dy)``, from frame t to
    t+1, the convention of ``backward_warp`` and ``MotionWarpMetric``) of
    dynamic filters: minus each filter's expected tap offset.

    Args:
        filters (torch.Tensor): ``(N, T, s, s)`` (global) or
            ``(N, T, s*s, H, W)`` (local), weights summing to one over the
            taps (``FramePredictionHead``'s softmax).
        frame_size (Sequence[int], optional): ``(H, W)``: global filters'
            vectors are broadcast to it; without it they come as
            ``(N, 2, T, 1, 1)``. Ignored for local filters.

    Returns:
        torch.Tensor: ``(N, 2, T, H, W)`` motion.
    """
    if filters.dim() == 4:
        n, t, s, s2 = filters.shape
        if s != s2:
            raise ValueError(f'filters must be square, got {filters.shape}')
        off = filter_offsets(s, filters.dtype, filters.device)
        # expected offset of each filter: (N, T, 2)
        mean = torch.einsum('ntij,cij->nct', filters, off)
        motion = -mean[..., None, None]
        if frame_size is not None:
            motion = motion.expand(n, 2, t, *frame_size)
        return motion
    if filters.dim() == 5:
        n, t, taps, h, w = filters.shape
        s = int(round(taps**0.5))
        if s * s != taps:
            raise ValueError('local filters must be (N, T, s*s, H, W), got '
                             f'{tuple(filters.shape)}')
        off = filter_offsets(s, filters.dtype, filters.device).reshape(2, -1)
        return -torch.einsum('ntkhw,ck->ncthw', filters, off)
    raise ValueError('filters must be (N, T, s, s) or (N, T, s*s, H, W), '
                     f'got shape {tuple(filters.shape)}')
