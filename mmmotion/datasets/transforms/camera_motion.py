"""A random camera motion applied consistently over a clip (issue 16)."""
from typing import Dict, Sequence, Union

import cv2
import numpy as np
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS


def _range(value: Union[float, Sequence[float]], name: str) -> tuple:
    lo, hi = (-value, value) if np.isscalar(value) else tuple(value)
    if lo > hi:
        raise ValueError(f'{name}: ({lo}, {hi}) is not a range')
    return float(lo), float(hi)


@TRANSFORMS.register_module()
class RandomCameraMotion(BaseTransform):
    """Move a virtual camera at a constant velocity over the whole clip.

    Ours, not DynamoNet's (Diba et al. pretrain on YouTube-8M / Kinetics
    videos, which have plenty of camera motion): on static-camera data
    (MSR Action3D) a per-frame global filter has almost nothing to predict,
    since the only motion is a small person's. This transform gives it a
    motion of the whole frame to learn: with probability ``prob``, frame
    ``k`` of each clip (``k = 0 .. clip_len - 1`` in the order of
    ``imgs``, all clips of a sample with one velocity) is warped
    by one random affine step, drawn per sample, composed ``k`` times: a
    zoom (a factor ``1 + z`` a frame, ``z`` uniform in ``zoom``) and a
    rotation (degrees a frame, uniform in ``rotate``) about the frame's
    centre, then a translation ``(dx, dy)`` (pixels a frame, each uniform
    in ``shift``). So the map from each frame to the next is the same
    step: the image content moves at a constant velocity (+dx to the
    right, as optical flow counts it; the camera moves the other way).
    Frame 0 is unchanged. Borders are replicated (no black edges enter a
    frame-prediction loss); put the transform before the crop so that
    they are mostly cropped away.

    Whether it helps is measured, not assumed (issue 16).

    Required keys: ``imgs`` (a list of ``(H, W)`` or ``(H, W, C)`` arrays);
    ``clip_len`` if present (else the whole list is one clip).
    Modified keys: ``imgs``. Added keys: ``camera_motion``
    ``(dx, dy, zoom, degrees)``, the step of the image content a frame,
    zeros where not applied.

    Args:
        shift (float or tuple[float]): Range of the per-frame translation
            in pixels, each axis; a number ``a`` means ``(-a, a)``.
            Defaults to 1.0.
        zoom (float or tuple[float]): Range of the per-frame relative zoom.
            Defaults to 0.0.
        rotate (float or tuple[float]): Range of the per-frame rotation in
            degrees. Defaults to 0.0.
        prob (float): Probability of moving a clip. Defaults to 1.0.
    """

    def __init__(self,
                 shift: Union[float, Sequence[float]] = 1.0,
                 zoom: Union[float, Sequence[float]] = 0.0,
                 rotate: Union[float, Sequence[float]] = 0.0,
                 prob: float = 1.0) -> None:
        self.shift = _range(shift, 'shift')
        self.zoom = _range(zoom, 'zoom')
        if self.zoom[0] <= -1:
            raise ValueError(f'zoom: a factor 1 + {self.zoom[0]} a frame is '
                             'not a zoom')
        self.rotate = _range(rotate, 'rotate')
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        self.prob = prob

    def transform(self, results: Dict) -> Dict:
        imgs = results['imgs']
        if np.random.rand() >= self.prob:
            results['camera_motion'] = (0.0, 0.0, 0.0, 0.0)
            return results
        dx, dy = (np.random.uniform(*self.shift) for _ in range(2))
        z = np.random.uniform(*self.zoom)
        deg = np.random.uniform(*self.rotate)
        h, w = imgs[0].shape[:2]
        centre = ((w - 1) / 2, (h - 1) / 2)
        # one step: zoom and rotation about the centre, then the shift;
        # frame k is warped by the step composed k times
        step = np.eye(3)
        step[:2] = cv2.getRotationMatrix2D(centre, deg, 1 + z)
        step[:2, 2] += (dx, dy)
        clip_len = int(results.get('clip_len') or len(imgs))
        out, m = [], np.eye(3)
        for i, img in enumerate(imgs):
            k = i % clip_len  # every clip of a sample starts still
            if k == 0:
                out.append(img)
                m = np.eye(3)
                continue
            m = step @ m
            warped = cv2.warpAffine(
                img,
                m[:2], (w, h),
                flags=cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_REPLICATE)
            out.append(warped.reshape(img.shape))
        results['imgs'] = out
        results['camera_motion'] = (float(dx), float(dy), float(z), float(deg))
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(shift={self.shift}, '
                f'zoom={self.zoom}, rotate={self.rotate}, prob={self.prob})')
