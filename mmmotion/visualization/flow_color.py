"""Colour rendering of flow fields, for the visualisation hooks."""
from typing import Optional

import cv2
import numpy as np


def flow_to_color(flow_2d: np.ndarray,
                  max_mag: Optional[float] = None) -> np.ndarray:
    """Colour-code a 2D flow field for visualisation (HSV wheel).

    Hue is the direction (0 degrees: +x, red), value the magnitude divided by
    ``max_mag`` (clipped to 1), saturation full; zero flow is black.

    Args:
        flow_2d (np.ndarray): ``(H, W, 2)`` flow (extra channels after
            ``dx, dy`` are ignored, so a 3D flow can be passed).
        max_mag (float, optional): Magnitude shown at full brightness.
            Defaults to None (the field's largest magnitude).

    Returns:
        np.ndarray: ``uint8 (H, W, 3)`` RGB image.
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
