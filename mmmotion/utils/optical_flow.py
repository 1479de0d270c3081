"""Dense 2D optical flow between two frames, from OpenCV.

Pure NumPy / OpenCV, so that data workers and the precompute tool can use it
without PyTorch. Shapes are ``H x W`` for a frame and ``H x W x 2`` for a flow
field whose last axis is ``(dx, dy)``.

Ours (``docs/methods.md`` section 2.2): DIS by default, Farneback or TV-L1, in
pixels, ``(dx, dy)`` such that ``next(p + flow(p)) ~ prev(p)``. The scene-flow
targets built on it are in :mod:`mmmotion.utils.scene_flow`.
"""
from typing import Optional, Tuple

import cv2
import numpy as np
import torch

FLOW_METHODS = ('dis', 'farneback', 'tvl1')
DIS_PRESETS = {
    'ultrafast': cv2.DISOPTICAL_FLOW_PRESET_ULTRAFAST,
    'fast': cv2.DISOPTICAL_FLOW_PRESET_FAST,
    'medium': cv2.DISOPTICAL_FLOW_PRESET_MEDIUM,
}
# cv2.calcOpticalFlowFarneback(prev, next, flow, pyr_scale, levels, winsize,
# iterations, poly_n, poly_sigma, flags): OpenCV's documented example values.
FARNEBACK_ARGS = (0.5, 3, 15, 3, 5, 1.2, 0)


def _check_frame(frame: np.ndarray, name: str) -> np.ndarray:
    frame = np.asarray(frame)
    if frame.ndim != 2:
        raise ValueError(
            f'{name} must be a single-channel H x W frame, got shape '
            f'{frame.shape} (convert colour frames to grey first)')
    if frame.size == 0:
        raise ValueError(f'{name} is empty (shape {frame.shape})')
    return frame


def to_uint8_pair(prev: np.ndarray,
                  next: np.ndarray,
                  scale: Optional[float] = None
                  ) -> Tuple[np.ndarray, np.ndarray]:  # noqa: A002
    """Convert two frames to ``uint8`` with one scaling shared by both.

    Our choice: ``uint8`` frames pass unchanged. Other dtypes (float images in
    [0, 1], ``uint16`` or float depth maps) are multiplied by ``scale`` if
    given, else by ``255 / m`` with ``m`` the larger maximum of the two frames
    (so a [0, 1] float pair whose brightest pixel is 1 maps to [0, 255], and a
    depth pair maps its farthest reading to 255), then rounded and clipped to
    [0, 255]. The same factor for both frames keeps brightness constancy, which
    the flow methods assume.

    Args:
        prev (np.ndarray): ``(H, W)`` frame t.
        next (np.ndarray): ``(H, W)`` frame t+1.
        scale (float, optional): Multiplier to grey levels.
            Defaults to None (normalise by the pair's maximum).

    Returns:
        tuple[np.ndarray]: The two frames as ``uint8`` ``(H, W)`` arrays.
    """
    if prev.dtype == np.uint8 and next.dtype == np.uint8:
        return prev, next
    a = prev.astype(np.float32)
    b = next.astype(np.float32)
    for arr, name in ((a, 'prev'), (b, 'next')):
        if not np.isfinite(arr).all():
            raise ValueError(f'{name} frame holds NaN or inf values')
    if scale is None:
        m = max(float(a.max()), float(b.max()))
        scale = 255. / m if m > 0 else 1.
    a = np.clip(np.rint(a * scale), 0, 255).astype(np.uint8)
    b = np.clip(np.rint(b * scale), 0, 255).astype(np.uint8)
    return a, b


def compute_flow(
        prev: np.ndarray,
        next: np.ndarray,  # noqa: A002
        method: str = 'dis',
        preset: str = 'medium',
        scale: Optional[float] = None) -> np.ndarray:
    """Dense 2D optical flow from ``prev`` to ``next``.

    Our choice (``docs/methods.md`` section 2.2): OpenCV's DIS (Kroeger et
    al., ECCV
    2016; fast, the default), Farneback (OpenCV's example parameters) or TV-L1
    (``cv2.optflow``, default parameters; the most accurate and by far the
    slowest: about 0.3 s a pair at 112 x 112 on a busy 2-core machine).

    Args:
        prev (np.ndarray): ``(H, W)`` grey frame t: ``uint8``, or float /
            ``uint16`` (images in [0, 1], depth maps) converted with
            :func:`to_uint8_pair`.
        next (np.ndarray): ``(H, W)`` grey frame t+1, same size and kind.
        method (str): ``'dis'``, ``'farneback'`` or ``'tvl1'``.
            Defaults to ``'dis'``.
        preset (str): DIS preset, ``'ultrafast'``, ``'fast'`` or
            ``'medium'``; ignored by the other methods.
            Defaults to ``'medium'``.
        scale (float, optional): See :func:`to_uint8_pair`.
            Defaults to None.

    Returns:
        np.ndarray: ``float32 (H, W, 2)``, ``(dx, dy)`` in pixels, such that
        ``next(x + dx, y + dy)`` matches ``prev(x, y)``.
    """
    if method not in FLOW_METHODS:
        raise ValueError(
            f'unknown optical flow method {method!r}; expected one of '
            f'{FLOW_METHODS}')
    if method == 'dis' and preset not in DIS_PRESETS:
        raise ValueError(f'unknown DIS preset {preset!r}; expected one of '
                         f'{tuple(DIS_PRESETS)}')
    prev = _check_frame(prev, 'prev')
    next = _check_frame(next, 'next')  # noqa: A001
    if prev.shape != next.shape:
        raise ValueError(
            f'frames differ in size: prev is {prev.shape[0]}x{prev.shape[1]},'
            f' next is {next.shape[0]}x{next.shape[1]} (H x W)')
    a, b = to_uint8_pair(prev, next, scale)
    a, b = np.ascontiguousarray(a), np.ascontiguousarray(b)
    if method == 'dis':
        flow = cv2.DISOpticalFlow_create(DIS_PRESETS[preset]).calc(a, b, None)
    elif method == 'farneback':
        flow = cv2.calcOpticalFlowFarneback(a, b, None, *FARNEBACK_ARGS)
    else:
        flow = cv2.optflow.DualTVL1OpticalFlow_create().calc(a, b, None)
    return np.asarray(flow, dtype=np.float32)


def grey_uint8(frame: torch.Tensor) -> np.ndarray:
    """``(C, H, W)`` on [0, 1] to the ``(H, W)`` ``uint8`` channel mean, as
    ``MotionWarpMetric`` computes its DIS baseline.

    Args:
        frame (Tensor): One frame on [0, 1].

    Returns:
        np.ndarray: ``uint8 (H, W)``.
    """
    g = frame.float().mean(0).clamp(0, 1).numpy()
    return np.rint(g * 255).astype(np.uint8)
