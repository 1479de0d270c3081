"""Dense flow targets: 2D optical flow, depth change along it, patch means.

Pure NumPy / OpenCV, so that data workers and the precompute tool can use them
without PyTorch. Shapes are ``H x W`` for a frame and ``H x W x D`` for a flow
field whose last axis is ``(dx, dy)`` or ``(dx, dy, dz)``.

Atomic 3D flows (Luo et al., "Unsupervised Learning of Long-Term Motion
Dynamics for Videos", CVPR 2017, https://arxiv.org/abs/1701.01821): the paper
predicts quantised 3D scene flow per non-overlapping patch. How that target is
computed is ours (``METHODS.md`` section 2):

- 2D flow: dense optical flow from OpenCV (DIS by default, Farneback or TV-L1),
  in pixels, ``(dx, dy)`` such that ``next(p + flow(p)) ~ prev(p)``;
- depth change along the flow: ``dz(p) = depth_{t+1}(p + flow(p)) -
  depth_t(p)``, ``depth_{t+1}`` sampled bilinearly; pixels without a depth
  reading give ``dz = 0`` and are reported as invalid;
- with no depth, the 2D flow alone (the paper's "2D motion" ablation);
- patch flow: the mean over the patch (optionally over its valid pixels).
"""
from typing import Optional, Tuple, Union

import cv2
import numpy as np

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
                  next: np.ndarray,  # noqa: A002
                  scale: Optional[float] = None
                  ) -> Tuple[np.ndarray, np.ndarray]:
    """Convert two frames to ``uint8`` with one scaling shared by both.

    Our choice: ``uint8`` frames pass unchanged. Other dtypes (float images in
    [0, 1], ``uint16`` or float depth maps) are multiplied by ``scale`` if
    given, else by ``255 / m`` with ``m`` the larger maximum of the two frames
    (so a [0, 1] float pair whose brightest pixel is 1 maps to [0, 255], and a
    depth pair maps its farthest reading to 255), then rounded and clipped to
    [0, 255]. The same factor for both frames keeps brightness constancy, which
    the flow methods assume.

    Args:
        prev: ``(H, W)`` frame t.
        next: ``(H, W)`` frame t+1.
        scale: multiplier to grey levels; ``None`` to normalise by the pair's
            maximum.

    Returns:
        The two frames as ``uint8`` ``(H, W)`` arrays.
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


def compute_flow(prev: np.ndarray,
                 next: np.ndarray,  # noqa: A002
                 method: str = 'dis',
                 preset: str = 'medium',
                 scale: Optional[float] = None) -> np.ndarray:
    """Dense 2D optical flow from ``prev`` to ``next``.

    Our choice (``METHODS.md`` section 2): OpenCV's DIS (Kroeger et al., ECCV
    2016; fast, the default), Farneback (OpenCV's example parameters) or TV-L1
    (``cv2.optflow``, default parameters; the most accurate and by far the
    slowest: about 0.3 s a pair at 112 x 112 on a busy 2-core machine).

    Args:
        prev: ``(H, W)`` grey frame t: ``uint8``, or float / ``uint16``
            (images in [0, 1], depth maps) converted with
            :func:`to_uint8_pair`.
        next: ``(H, W)`` grey frame t+1, same size and kind.
        method: ``'dis'``, ``'farneback'`` or ``'tvl1'``.
        preset: DIS preset, ``'ultrafast'``, ``'fast'`` or ``'medium'``;
            ignored by the other methods.
        scale: see :func:`to_uint8_pair`.

    Returns:
        ``float32 (H, W, 2)``: ``(dx, dy)`` in pixels, such that
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


def depth_change_along_flow(depth_t: np.ndarray, depth_t1: np.ndarray,
                            flow: np.ndarray
                            ) -> Tuple[np.ndarray, np.ndarray]:
    """``dz(p) = depth_{t+1}(p + flow(p)) - depth_t(p)``, with a valid mask.

    Our choice (``METHODS.md`` section 2): ``depth_{t+1}`` is sampled
    bilinearly (``cv2.remap``). A pixel is valid when ``depth_t(p) > 0``, the
    flowed position ``p + flow(p)`` lies inside the frame, and every pixel of
    ``depth_{t+1}`` that the bilinear sample draws on (non-zero weight) has a
    reading (``> 0``), so that no-reading zeros never blend into ``dz``. Zero
    and non-finite depths mean no reading. Invalid pixels give ``dz = 0``.

    Args:
        depth_t: ``(H, W)`` depth at t (any numeric dtype; units kept).
        depth_t1: ``(H, W)`` depth at t+1.
        flow: ``(H, W, 2)`` flow from t to t+1, ``(dx, dy)`` in pixels.

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
    sampled = cv2.remap(d1, map_x, map_y, cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    # The mask sampled the same way is 1 exactly when every contributing
    # neighbour has a reading.
    support = cv2.remap(has1.astype(np.float32), map_x, map_y,
                        cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
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


def scene_flow_3d(depth_t: np.ndarray,
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
    to ``uint8`` by :func:`to_uint8_pair`: ``scale``, or the pair's maximum).
    ``dz`` is :func:`depth_change_along_flow` (0 where invalid).

    Args:
        depth_t: ``(H, W)`` depth at t.
        depth_t1: ``(H, W)`` depth at t+1.
        rgb_t: optional ``(H, W, 3)`` RGB (or ``(H, W)`` grey) frame at t.
        rgb_t1: optional frame at t+1; give both RGB frames or neither.
        method: optical flow method, see :func:`compute_flow`.
        preset: DIS preset.
        scale: grey-level scaling of non-``uint8`` frames.
        return_valid: also return the ``bool (H, W)`` mask of valid ``dz``.

    Returns:
        ``float32 (H, W, 3)`` ``(dx, dy, dz)``; with ``return_valid``, the
        tuple ``(flow3d, valid)``.
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

    Ours (``METHODS.md`` section 2): the patch flow is the mean over the
    patch. With ``valid``, the mean is over valid pixels only, and 0 for a
    cell without any (for ``dz``, whose invalid pixels are 0, not readings).

    Args:
        flow: ``(H, W, D)`` (or ``(H, W)``) field.
        patch: cell size; ``H`` and ``W`` must be multiples of it.
        valid: optional ``bool`` mask, ``(H, W)`` (all channels) or
            ``(H, W, D)`` (per channel).

    Returns:
        ``float32 (H / patch, W / patch, D)`` (or ``(H / patch, W / patch)``).
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
        elif valid.shape != (h, w, d) and not (squeeze and
                                               valid.shape == (h, w, 1)):
            raise ValueError(f'valid must be ({h}, {w}) or ({h}, {w}, {d}), '
                             f'got shape {valid.shape}')
        m = valid.reshape(cells).astype(np.float32)
        num = (x.reshape(cells) * m).sum(axis=(1, 3))
        den = m.sum(axis=(1, 3))
        out = np.where(den > 0, num / np.maximum(den, 1), 0.)
    out = out.astype(np.float32)
    return out[..., 0] if squeeze else out


def flow_to_color(flow_2d: np.ndarray,
                  max_mag: Optional[float] = None) -> np.ndarray:
    """Colour-code a 2D flow field for visualisation (HSV wheel).

    Hue is the direction (0 degrees: +x, red), value the magnitude divided by
    ``max_mag`` (clipped to 1), saturation full; zero flow is black.

    Args:
        flow_2d: ``(H, W, 2)`` flow (extra channels after ``dx, dy`` are
            ignored, so a 3D flow can be passed).
        max_mag: magnitude shown at full brightness; ``None`` for the
            field's largest magnitude.

    Returns:
        ``uint8 (H, W, 3)`` RGB image.
    """
    flow_2d = np.asarray(flow_2d)
    if flow_2d.ndim != 3 or flow_2d.shape[-1] < 2:
        raise ValueError(
            f'flow_2d must be (H, W, 2), got shape {flow_2d.shape}')
    fx = np.nan_to_num(flow_2d[..., 0].astype(np.float32))
    fy = np.nan_to_num(flow_2d[..., 1].astype(np.float32))
    mag, ang = cv2.cartToPolar(fx, fy, angleInDegrees=True)
    if max_mag is None:
        max_mag = float(mag.max())
    elif max_mag <= 0:
        raise ValueError(f'max_mag must be positive, got {max_mag}')
    hsv = np.empty(fx.shape + (3, ), np.uint8)
    hsv[..., 0] = np.rint(ang / 2) % 180  # OpenCV's 8-bit hue is [0, 180)
    hsv[..., 1] = 255
    val = mag / max_mag if max_mag > 0 else np.zeros_like(mag)
    hsv[..., 2] = np.rint(np.clip(val, 0, 1) * 255)
    return cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)
