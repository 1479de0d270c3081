"""Load a clip with known motion (``tools/data/make_synthetic_motion.py``)."""
import numpy as np
import torch
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS
from ..errors import BadSampleError


@TRANSFORMS.register_module()
class LoadSyntheticMotion(BaseTransform):
    """Read ``results['filename']``, an ``.npz`` with ``frames`` (``T x H x
    W x 3`` on [0, 1]) and ``flows`` (``T-1 x 2 x H x W``, pixels, from frame
    t to t+1), as the synthetic-motion tool writes it.

    Sets ``imgs`` (T frames, float32 on [0, 255], as decoded video frames
    are), ``gt_motion`` (a ``(2, T-1, H, W)`` tensor, the layout of
    ``pred_motion``), and the clip keys ``FormatShape`` needs (one clip of T
    frames). Do not resize or crop after it: the flows are in pixels of this
    size. Pack ``gt_motion`` with ``PackActionInputs(algorithm_keys=
    ('gt_motion',))`` for ``MotionWarpMetric``'s end-point error.
    """

    def transform(self, results: dict) -> dict:
        path = results['filename']
        try:
            with np.load(path) as z:
                arrays = {k: z[k] for k in ('frames', 'flows') if k in z}
        except Exception as e:  # noqa: BLE001
            raise BadSampleError(f'{path}: cannot read the file ({e})') from e
        for k in ('frames', 'flows'):
            if k not in arrays:
                raise BadSampleError(
                    f"{path}: no '{k}' array (make_synthetic_motion.py "
                    'writes frames and flows)')
        frames, flows = arrays['frames'], arrays['flows']
        if frames.ndim != 4 or frames.shape[-1] != 3 or frames.shape[0] < 2:
            raise BadSampleError(f'{path}: frames must be T x H x W x 3 with '
                                 f'T >= 2, got {frames.shape}')
        t, h, w = frames.shape[:3]
        if flows.shape != (t - 1, 2, h, w):
            raise BadSampleError(f'{path}: flows must be {(t - 1, 2, h, w)} '
                                 f'for {t} frames, got {flows.shape}')
        if not (np.isfinite(frames).all() and np.isfinite(flows).all()):
            raise BadSampleError(f'{path}: NaN or infinite values')
        results['imgs'] = list(frames.astype(np.float32) * 255)
        results['gt_motion'] = torch.from_numpy(
            np.ascontiguousarray(flows.transpose(1, 0, 2, 3))).float()
        results.update(
            clip_len=t,
            num_clips=1,
            frame_interval=1,
            frame_inds=np.arange(t),
            total_frames=t,
            original_shape=(h, w),
            img_shape=(h, w),
            modality='RGB')
        return results
