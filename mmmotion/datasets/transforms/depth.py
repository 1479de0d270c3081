"""Loading and normalising depth sequences (e.g. MSR Action3D).

Our format (``tools/data/msr_action3d/convert.py``): one ``.npy`` file a
sequence, ``uint16`` of shape ``T x H x W`` in the camera's depth units, read
memory-mapped so that only the sampled frames are touched. The source ``.mat``
files (variable ``depth``, ``H x W x T``) are read too, slowly.
"""
import os.path as osp
from typing import Optional, Sequence, Tuple

import numpy as np
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS
from ..errors import BadSampleError


def load_depth_file(filename: str,
                    mat_key: str = 'depth',
                    dtypes: Sequence[str] = ('uint16', 'float32'),
                    frame_shape: Optional[Tuple[int, int]] = None,
                    mmap: bool = True) -> np.ndarray:
    """Open a depth sequence as a ``T x H x W`` array, checking it.

    Raises:
        BadSampleError: missing or unreadable file, wrong number of
            dimensions, dtype or frame size; the message names the file.
    """
    if not osp.isfile(filename):
        raise BadSampleError(f'{filename}: depth file does not exist')
    try:
        if filename.endswith('.mat'):
            import scipy.io
            mat = scipy.io.loadmat(filename)
            if mat_key not in mat:
                raise BadSampleError(
                    f'{filename}: no variable "{mat_key}" (has '
                    f'{[k for k in mat if not k.startswith("__")]})')
            arr = mat[mat_key]
            if arr.ndim == 3:
                arr = np.ascontiguousarray(arr.transpose(2, 0, 1))
        else:
            arr = np.load(filename, mmap_mode='r' if mmap else None)
    except BadSampleError:
        raise
    except Exception as e:
        raise BadSampleError(
            f'{filename}: cannot read depth file ({type(e).__name__}: {e})'
        ) from e
    if not isinstance(arr, np.ndarray) or arr.ndim != 3:
        raise BadSampleError(
            f'{filename}: expected a T x H x W depth array, got shape '
            f'{getattr(arr, "shape", None)}')
    if str(arr.dtype) not in tuple(dtypes):
        raise BadSampleError(
            f'{filename}: depth dtype {arr.dtype} is not one of '
            f'{tuple(dtypes)}')
    if frame_shape is not None and tuple(arr.shape[1:]) != tuple(frame_shape):
        raise BadSampleError(
            f'{filename}: frames are {arr.shape[1]}x{arr.shape[2]}, expected '
            f'{frame_shape[0]}x{frame_shape[1]}')
    if arr.shape[0] == 0:
        raise BadSampleError(f'{filename}: depth sequence has no frames')
    return arr


@TRANSFORMS.register_module()
class DepthInit(BaseTransform):
    """Open a depth sequence and record its length.

    Required keys: ``filename``. Added keys: ``depth_reader``,
    ``total_frames``, ``original_shape``.

    Args:
        mat_key (str): Variable name in ``.mat`` files.
            Defaults to ``'depth'``.
        dtypes (Sequence[str]): Accepted dtypes.
            Defaults to ``('uint16', 'float32')``.
        frame_shape (tuple[int, int], optional): Expected H x W of a frame.
            Defaults to None (not checked).
    """

    def __init__(self,
                 mat_key: str = 'depth',
                 dtypes: Sequence[str] = ('uint16', 'float32'),
                 frame_shape: Optional[Tuple[int, int]] = None) -> None:
        self.mat_key = mat_key
        self.dtypes = tuple(dtypes)
        self.frame_shape = frame_shape

    def transform(self, results: dict) -> dict:
        arr = load_depth_file(results['filename'], self.mat_key, self.dtypes,
                              self.frame_shape)
        results['depth_reader'] = arr
        results['total_frames'] = arr.shape[0]
        results['original_shape'] = tuple(arr.shape[1:])
        return results


@TRANSFORMS.register_module()
class DepthDecode(BaseTransform):
    """Read the sampled frames as float32 ``H x W`` images.

    Required keys: ``depth_reader``, ``frame_inds``. Added keys: ``imgs``,
    ``img_shape``. Removed: ``depth_reader``.
    """

    def transform(self, results: dict) -> dict:
        arr = results.pop('depth_reader')
        inds = np.asarray(results['frame_inds']).reshape(-1)
        if inds.size and (inds.min() < 0 or inds.max() >= arr.shape[0]):
            raise BadSampleError(
                f'{results.get("filename")}: frame index {inds.max()} outside '
                f'the {arr.shape[0]} frames of the sequence')
        frames = np.asarray(arr[inds], dtype=np.float32)
        if not np.isfinite(frames).all():
            raise BadSampleError(
                f'{results.get("filename")}: depth holds NaN or inf values')
        results['imgs'] = list(frames)
        results['img_shape'] = frames.shape[1:3]
        return results


@TRANSFORMS.register_module()
class DepthNormalize(BaseTransform):
    """Scale depth to about [0, 1] and add the channel axis (``H x W x 1``).

    Our choice (the datasets' depth units differ): ``mode='clip'`` maps the
    clip's non-zero depth range to [``low``, 1], keeping zero (no reading /
    removed background) at 0; ``mode='fixed'`` divides by ``max_depth``.

    Required keys: ``imgs`` (``H x W`` float arrays). Modified: ``imgs``.
    """

    def __init__(self,
                 mode: str = 'clip',
                 max_depth: float = 4000.,
                 low: float = 0.1) -> None:
        if mode not in ('clip', 'fixed'):
            raise ValueError(f'mode must be "clip" or "fixed", got {mode!r}')
        self.mode = mode
        self.max_depth = max_depth
        self.low = low

    def transform(self, results: dict) -> dict:
        clip = np.stack(results['imgs']).astype(np.float32)
        if clip.ndim == 4 and clip.shape[-1] == 1:
            clip = clip[..., 0]
        if self.mode == 'fixed':
            clip = clip / self.max_depth
        else:
            fg = clip > 0
            if fg.any():
                lo, hi = clip[fg].min(), clip[fg].max()
                scale = (1 - self.low) / max(hi - lo, 1e-6)
                clip = np.where(fg, self.low + (clip - lo) * scale, 0.)
        results['imgs'] = list(clip.astype(np.float32)[..., None])
        return results
