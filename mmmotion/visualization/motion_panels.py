"""Side-by-side pictures of a model's output on a video, one per frame pair,
for ``demo/motion_demo.py`` and the gallery (ours)."""
from typing import List, Optional

import cv2
import numpy as np
import torch

from mmmotion.models.layers.warp import backward_warp
from .flow_color import flow_to_color

LABEL_HEIGHT = 16  # pixels of the text band above every tile


def to_rgb(frame: torch.Tensor) -> np.ndarray:
    """``(C, H, W)`` on [0, 1], C 1 or 3 -> ``uint8 (H, W, 3)``."""
    x = frame.detach().float().clamp(0, 1).cpu()
    if x.shape[0] == 1:
        x = x.expand(3, -1, -1)
    return (x.permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)


def error_map(a: torch.Tensor, b: torch.Tensor, gain: float) -> np.ndarray:
    """|a - b| averaged over channels, times ``gain``, as a grey image."""
    err = ((a - b).abs().mean(0, keepdim=True) * gain).clamp(0, 1)
    return to_rgb(err)


def colour_wheel(size: int, max_mag: float) -> np.ndarray:
    """The legend of :func:`flow_to_color`: a disc whose every pixel shows
    the colour of the motion from the centre to it, the rim ``max_mag``."""
    r = (size - 1) / 2
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    flow = np.stack([(x - r) / r, (y - r) / r], -1) * max_mag
    img = flow_to_color(flow, max_mag)
    img[np.hypot(x - r, y - r) > r] = 255
    return img


def label(img: np.ndarray, text: str) -> np.ndarray:
    """``img`` with a white band and ``text`` above it."""
    w = img.shape[1]
    scale = 0.35
    band = np.full((LABEL_HEIGHT, w, 3), 255, np.uint8)
    cv2.putText(band, text[:max(4, w * 2 // 13)], (2, LABEL_HEIGHT - 5),
                cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), 1, cv2.LINE_AA)
    return np.concatenate([band, img], 0)


def panel_row(tiles: List[np.ndarray], names: List[str]) -> np.ndarray:
    """Labelled tiles of one size side by side, with 4 px gaps."""
    out = []
    for k, (t, n) in enumerate(zip(tiles, names)):
        out.append(label(t, n))
        if k < len(tiles) - 1:
            out.append(np.full((out[-1].shape[0], 4, 3), 255, np.uint8))
    return np.concatenate(out, 1)


def motion_tiles(frame_t: torch.Tensor,
                 frame_t1: torch.Tensor,
                 motion: torch.Tensor,
                 max_mag: float,
                 gain: float = 4.0) -> List[np.ndarray]:
    """The colour-coded motion and the error of frame t+1 warped onto
    frame t by it (``backward_warp``'s convention)."""
    warped = backward_warp(frame_t1[None], motion[None])[0].clamp(0, 1)
    return [
        flow_to_color(motion.permute(1, 2, 0).cpu().numpy(), max_mag),
        error_map(warped, frame_t, gain)
    ]


def legend(height: int, max_mag: float) -> np.ndarray:
    """The colour wheel with its scale, ``height`` pixels high (its label
    band included)."""
    height -= LABEL_HEIGHT
    size = max(24, min(height - 4, 96))
    wheel = colour_wheel(size, max_mag)
    pad = np.full((height, size + 8, 3), 255, np.uint8)
    top = (height - size) // 2
    pad[top:top + size, 4:4 + size] = wheel
    return label(pad, f'{max_mag:.1f}px')


def robust_max(motions: List[torch.Tensor],
               quantile: float = 0.99) -> Optional[float]:
    """One colour scale for a whole video: the ``quantile`` of the motion
    magnitudes (at least 0.5 px)."""
    mags = torch.cat([m.norm(dim=0).flatten() for m in motions])
    if mags.numel() > 1_000_000:
        mags = mags[torch.randperm(mags.numel())[:1_000_000]]
    return max(float(torch.quantile(mags.float(), quantile)), 0.5)
