"""Dense flow targets: 3D scene flow (the depth change along the 2D optical
flow) and patch means.

Pure NumPy / OpenCV, so that data workers and the precompute tool can use them
without PyTorch. Shapes are ``H x W`` for a frame and ``H x W x D`` for a flow
field whose last axis is ``(dx, dy)`` or ``(dx, dy, dz)``.

Atomic 3D flows (Luo et al., "Unsupervised Learning of Long-Term Motion
Dynamics for Videos", CVPR 2017, https://arxiv.org/abs/1701.01821): the paper
predicts quantised 3D scene flow per non-overlapping patch. How that target is
computed is ours (``docs/methods.md`` section 2.2):

- 2D flow: dense optical flow from OpenCV (DIS by default, Farneback or TV-L1;
  :mod:`mmmotion.utils.optical_flow`), in pixels, ``(dx, dy)`` such that
  ``next(p + flow(p)) ~ prev(p)``;
- depth change along the flow: ``dz(p) = depth_{t+1}(p + flow(p)) -
  depth_t(p)``, ``depth_{t+1}`` sampled bilinearly; pixels without a depth
  reading give ``dz = 0`` and are reported as invalid;
- with no depth, the 2D flow alone (the paper's "2D motion" ablation);
- patch flow: the mean over the patch (optionally over its valid pixels).
"""
from typing import Optional, Tuple, Union

import cv2
import numpy as np

from .optical_flow import _check_frame, compute_flow


def depth_change_along_flow(depth_t: np.ndarray, depth_t1: np.ndarray,
                            flow: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """``dz(p) = depth_{t+1}(p + flow(p)) - depth_t(p)``, with a valid mask.

    Our choice (``docs/methods.md`` section 2.2): ``depth_{t+1}`` is sampled
    bilinearly (``cv2.remap``). A pixel is valid when ``depth_t(p) > 0``, the
    flowed position ``p + flow(p)`` lies inside the frame, and every pixel of
    ``depth_{t+1}`` that the bilinear sample draws on (non-zero weight) has a
    reading (``> 0``), so that no-reading zeros never blend into ``dz``. Zero
    and non-finite depths mean no reading. Invalid pixels give ``dz = 0``.

    Args:
        depth_t (np.ndarray): ``(H, W)`` depth at t (any numeric dtype;
            units kept).
        depth_t1 (np.ndarray): ``(H, W)`` depth at t+1.
        flow (np.ndarray): ``(H, W, 2)`` flow from t to t+1, ``(dx, dy)`` in
            pixels.

    Returns:
        tuple: ``dz`` ``float32 (H, W)`` in the depth's units, and ``valid``
        ``bool (H, W)``.
    """
    depth_t = _check_frame(depth_t, 'depth_t')
    depth_t1 = _check_frame(depth_t1, 'depth_t1')
    flow = np.asarray(flow)
    if depth_t.shape != depth_t1.shape:
        raise ValueError(
            f'depth frames differ in size: depth_t is {depth_t.shape}, '
            f'depth_t1 is {depth_t1.shape}')
    h, w = depth_t.shape
    if flow.shape != (h, w, 2):
        raise ValueError(f'flow must be ({h}, {w}, 2) for {h}x{w} depth '
                         f'frames, got shape {flow.shape}')
    d0 = depth_t.astype(np.float32)
    d1 = depth_t1.astype(np.float32)
    has0 = np.isfinite(d0) & (d0 > 0)
    has1 = np.isfinite(d1) & (d1 > 0)
    d1 = np.where(has1, d1, 0).astype(np.float32)
    xs, ys = np.meshgrid(
        np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    map_x = xs + flow[..., 0].astype(np.float32)
    map_y = ys + flow[..., 1].astype(np.float32)
    sampled = cv2.remap(
        d1,
        map_x,
        map_y,
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=0)
    # The mask sampled the same way is 1 exactly when every contributing
    # neighbour has a reading.
    support = cv2.remap(
        has1.astype(np.float32),
        map_x,
        map_y,
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=0)
    inside = ((map_x >= 0) & (map_x <= w - 1) & (map_y >= 0) &
              (map_y <= h - 1))
    valid = has0 & inside & (support > 1 - 1e-3) & np.isfinite(map_x) & \
        np.isfinite(map_y)
    dz = np.where(valid, sampled - np.where(has0, d0, 0), 0)
    return dz.astype(np.float32), valid


def _to_grey(frame: np.ndarray, name: str) -> np.ndarray:
    frame = np.asarray(frame)
    if frame.ndim == 3 and frame.shape[-1] == 3:
        if frame.dtype != np.uint8:
            frame = frame.astype(np.float32)
        return cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
    if frame.ndim == 3 and frame.shape[-1] == 1:
        return frame[..., 0]
    if frame.ndim == 2:
        return frame
    raise ValueError(f'{name} must be H x W x 3 (RGB) or H x W (grey), got '
                     f'shape {frame.shape}')


def _check_depth(depth: np.ndarray, name: str) -> np.ndarray:
    depth = _check_frame(depth, name)
    if depth.dtype.kind == 'f':
        if np.isnan(depth).any():
            raise ValueError(f'{name} holds NaN values')
        if not np.isfinite(depth).all():
            raise ValueError(f'{name} holds inf values')
    if not (depth > 0).any():
        raise ValueError(
            f'{name} is all zero (no depth reading): an empty or corrupt '
            'depth frame')
    return depth


def scene_flow_3d(
    depth_t: np.ndarray,
    depth_t1: np.ndarray,
    rgb_t: Optional[np.ndarray] = None,
    rgb_t1: Optional[np.ndarray] = None,
    method: str = 'dis',
    preset: str = 'medium',
    scale: Optional[float] = None,
    return_valid: bool = False
) -> Union[np.ndarray, Tuple[np.ndarray, np.ndarray]]:
    """3D flow ``(dx, dy, dz)`` between two depth frames (and RGB frames).

    The 2D flow comes from the RGB frames when given (converted to grey,
    channels in RGB order), else from the depth frames themselves (converted
    to ``uint8`` by :func:`~mmmotion.utils.optical_flow.to_uint8_pair`:
    ``scale``, or the pair's maximum). ``dz`` is
    :func:`depth_change_along_flow` (0 where invalid).

    Args:
        depth_t (np.ndarray): ``(H, W)`` depth at t.
        depth_t1 (np.ndarray): ``(H, W)`` depth at t+1.
        rgb_t (np.ndarray, optional): ``(H, W, 3)`` RGB (or ``(H, W)`` grey)
            frame at t. Defaults to None.
        rgb_t1 (np.ndarray, optional): The frame at t+1; give both RGB
            frames or neither. Defaults to None.
        method (str): Optical flow method, see
            :func:`~mmmotion.utils.optical_flow.compute_flow`.
            Defaults to ``'dis'``.
        preset (str): DIS preset. Defaults to ``'medium'``.
        scale (float, optional): Grey-level scaling of non-``uint8`` frames.
            Defaults to None (the pair's maximum).
        return_valid (bool): Also return the ``bool (H, W)`` mask of valid
            ``dz``. Defaults to False.

    Returns:
        np.ndarray or tuple[np.ndarray]: ``float32 (H, W, 3)``
        ``(dx, dy, dz)``; with ``return_valid``, the tuple
        ``(flow3d, valid)``.
    """
    depth_t = _check_depth(depth_t, 'depth_t')
    depth_t1 = _check_depth(depth_t1, 'depth_t1')
    if depth_t.shape != depth_t1.shape:
        raise ValueError(
            f'depth frames differ in size: depth_t is {depth_t.shape}, '
            f'depth_t1 is {depth_t1.shape}')
    if (rgb_t is None) != (rgb_t1 is None):
        raise ValueError('give both rgb_t and rgb_t1, or neither (the 2D '
                         'flow then comes from the depth frames)')
    if rgb_t is not None:
        grey_t = _to_grey(rgb_t, 'rgb_t')
        grey_t1 = _to_grey(rgb_t1, 'rgb_t1')
        for grey, name in ((grey_t, 'rgb_t'), (grey_t1, 'rgb_t1')):
            if grey.shape != depth_t.shape:
                raise ValueError(
                    f'{name} is {grey.shape[0]}x{grey.shape[1]} but the depth '
                    f'frames are {depth_t.shape[0]}x{depth_t.shape[1]}: '
                    'register and resize RGB to the depth frames first')
        flow = compute_flow(grey_t, grey_t1, method, preset, scale)
    else:
        flow = compute_flow(depth_t, depth_t1, method, preset, scale)
    dz, valid = depth_change_along_flow(depth_t, depth_t1, flow)
    out = np.concatenate([flow, dz[..., None]], axis=-1).astype(np.float32)
    return (out, valid) if return_valid else out


def patch_mean(flow: np.ndarray,
               patch: int,
               valid: Optional[np.ndarray] = None) -> np.ndarray:
    """Mean over non-overlapping ``patch x patch`` cells.

    Ours (``docs/methods.md`` section 2.2): the patch flow is the mean over the
    patch. With ``valid``, the mean is over valid pixels only, and 0 for a
    cell without any (for ``dz``, whose invalid pixels are 0, not readings).

    Args:
        flow (np.ndarray): ``(H, W, D)`` (or ``(H, W)``) field.
        patch (int): Cell size; ``H`` and ``W`` must be multiples of it.
        valid (np.ndarray, optional): ``bool`` mask, ``(H, W)`` (all
            channels) or ``(H, W, D)`` (per channel). Defaults to None (all
            pixels valid).

    Returns:
        np.ndarray: ``float32 (H / patch, W / patch, D)`` (or
        ``(H / patch, W / patch)``).
    """
    flow = np.asarray(flow)
    if flow.ndim not in (2, 3):
        raise ValueError(
            f'flow must be (H, W) or (H, W, D), got shape {flow.shape}')
    if int(patch) != patch or patch < 1:
        raise ValueError(f'patch must be a positive integer, got {patch}')
    patch = int(patch)
    h, w = flow.shape[:2]
    if h % patch or w % patch:
        raise ValueError(
            f'flow of {h}x{w} is not divisible into {patch}x{patch} patches '
            '(crop or resize to a multiple of the patch size)')
    squeeze = flow.ndim == 2
    x = flow.reshape(h, w, -1).astype(np.float32)
    d = x.shape[-1]
    cells = (h // patch, patch, w // patch, patch, d)
    if valid is None:
        out = x.reshape(cells).mean(axis=(1, 3))
    else:
        valid = np.asarray(valid, dtype=bool)
        if valid.shape == (h, w):
            valid = np.broadcast_to(valid[..., None], (h, w, d))
        elif valid.shape != (h, w,
                             d) and not (squeeze and valid.shape == (h, w, 1)):
            raise ValueError(f'valid must be ({h}, {w}) or ({h}, {w}, {d}), '
                             f'got shape {valid.shape}')
        m = valid.reshape(cells).astype(np.float32)
        num = (x.reshape(cells) * m).sum(axis=(1, 3))
        den = m.sum(axis=(1, 3))
        out = np.where(den > 0, num / np.maximum(den, 1), 0.)
    out = out.astype(np.float32)
    return out[..., 0] if squeeze else out
