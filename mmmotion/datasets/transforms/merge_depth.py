"""RGB-D clips: the depth frames of a video stacked onto its RGB frames."""
import os.path as osp

import numpy as np
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS
from ..errors import BadSampleError
from .depth import load_depth_file


@TRANSFORMS.register_module()
class MergeDepth(BaseTransform):
    """Append the registered depth frame to every decoded RGB frame:
    ``H x W x 3`` uint8 -> ``H x W x 4`` float32 (R, G, B in [0, 255], then
    depth in its units).

    Ours (for Luo et al.'s RGB-D modality): the depth sequence of a video is
    the file ``{depth_root}/{video stem}{suffix}`` in our depth format
    (``T x H x W``, see :func:`load_depth_file`), already registered to the
    RGB frames; frames are taken at the same ``frame_inds``. Put it right
    after the RGB decoding, before any resize or crop. Normalise with a data
    preprocessor of 4 means / stds (e.g. RGB ``/ 255``, depth ``/ 4000``).

    Required keys: ``imgs``, ``frame_inds``, ``filename``. Modified:
    ``imgs``.

    Raises:
        BadSampleError: a missing or malformed depth file, fewer depth than
            RGB frames, RGB and depth frames of different sizes, or depth
            holding NaN or only zeros; the message names both files.
    """

    def __init__(self, depth_root: str, suffix: str = '.npy') -> None:
        self.depth_root = depth_root
        self.suffix = suffix

    def transform(self, results: dict) -> dict:
        rgb_file = results['filename']
        stem = osp.splitext(osp.basename(rgb_file))[0]
        depth_file = osp.join(self.depth_root, stem + self.suffix)
        depth = load_depth_file(depth_file)
        inds = np.asarray(results['frame_inds']).reshape(-1)
        if inds.max() >= depth.shape[0]:
            raise BadSampleError(
                f'{depth_file}: {depth.shape[0]} depth frames, but frame '
                f'{inds.max()} of {rgb_file} is needed')
        rgb = np.stack(results['imgs'])
        if rgb.ndim != 4 or rgb.shape[-1] != 3:
            raise BadSampleError(f'{rgb_file}: expected H x W x 3 RGB '
                                 f'frames, got {rgb.shape[1:]}')
        if rgb.shape[1:3] != depth.shape[1:]:
            raise BadSampleError(
                f'{rgb_file} is {rgb.shape[1]}x{rgb.shape[2]} but its depth '
                f'{depth_file} is {depth.shape[1]}x{depth.shape[2]}: '
                'register and resize RGB and depth to one size first')
        d = np.asarray(depth[inds], dtype=np.float32)
        if np.isnan(d).any():
            raise BadSampleError(f'{depth_file}: depth holds NaN values')
        empty = [int(i) for i, f in zip(inds, d) if not (f > 0).any()]
        if empty:
            raise BadSampleError(
                f'{depth_file}: depth frames {empty[:5]} are all zero (no '
                'reading)')
        results['imgs'] = list(
            np.concatenate([rgb.astype(np.float32), d[..., None]], -1))
        return results
