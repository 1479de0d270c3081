"""Load and resize a frame pair with its ground-truth optical flow
(``FlowPairDataset``)."""
import cv2
import mmcv
import numpy as np
import torch
from mmaction.datasets.transforms import Resize
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS
from mmmotion.utils.flow_io import read_flo, valid_flow_mask
from ..errors import BadSampleError

_CV2_INTERP = {
    'nearest': cv2.INTER_NEAREST,
    'bilinear': cv2.INTER_LINEAR,
    'bicubic': cv2.INTER_CUBIC,
    'area': cv2.INTER_AREA,
    'lanczos': cv2.INTER_LANCZOS4,
}


@TRANSFORMS.register_module()
class LoadFlowPair(BaseTransform):
    """Read ``results['frame_paths']`` (frames t and t+1) and
    ``results['flow_path']`` (a ``.flo`` file, the flow from t to t+1), as
    ``FlowPairDataset`` lists them.

    Sets ``imgs`` (the two frames, RGB ``uint8`` ``H x W x 3``), the clip
    keys ``FormatShape`` needs (one clip of 2 frames), ``gt_motion`` (a
    ``float32 (2, 1, H, W)`` tensor in pixels, the layout of
    ``pred_motion``, as :class:`LoadSyntheticMotion` sets it) and
    ``gt_motion_valid`` (a ``bool (1, H, W)`` tensor).

    Ours: unknown flow (a component above 1e9, or not finite) is kept out
    through the mask, ``gt_motion_valid`` False, and set to 0 in
    ``gt_motion``, so that the field stays finite for any reader that
    ignores the mask (a NaN would spread through its sums);
    ``MotionWarpMetric`` scores the valid pixels only. Pack both with
    ``PackActionInputs(algorithm_keys=('gt_motion', 'gt_motion_valid'))``;
    resize with :class:`ResizeFlowPair`, which scales the flow too.
    """

    def transform(self, results: dict) -> dict:
        paths = list(results['frame_paths'])
        if len(paths) != 2:
            raise BadSampleError(f'{paths}: a flow pair has 2 frames, got '
                                 f'{len(paths)}')
        imgs = []
        for p in paths:
            try:
                img = mmcv.imread(p, channel_order='rgb')
            except Exception as e:  # noqa: BLE001
                raise BadSampleError(f'{p}: cannot read the frame ({e})')
            if img is None:
                raise BadSampleError(f'{p}: cannot read the frame (missing '
                                     'or not an image)')
            imgs.append(img)
        h, w = imgs[0].shape[:2]
        if imgs[1].shape[:2] != (h, w):
            raise BadSampleError(
                f'{paths[1]}: {imgs[1].shape[1]} x {imgs[1].shape[0]}, but '
                f'frame t {paths[0]} is {w} x {h}')
        flow_path = results['flow_path']
        flow = read_flo(flow_path)
        if flow.shape[:2] != (h, w):
            raise BadSampleError(
                f'{flow_path}: flow of {flow.shape[1]} x {flow.shape[0]}, '
                f'but its frames {paths[0]} are {w} x {h}')
        valid = valid_flow_mask(flow)
        flow = np.where(valid[..., None], flow, 0).astype(np.float32)
        results['imgs'] = imgs
        results['gt_motion'] = torch.from_numpy(
            np.ascontiguousarray(flow.transpose(2, 0, 1)[:, None]))
        results['gt_motion_valid'] = torch.from_numpy(valid[None])
        results.update(
            clip_len=2,
            num_clips=1,
            frame_interval=1,
            frame_inds=np.arange(2),
            total_frames=2,
            original_shape=(h, w),
            img_shape=(h, w),
            modality='RGB')
        return results


@TRANSFORMS.register_module()
class ResizeFlowPair(Resize):
    """MMAction2's ``Resize`` of the frames, and of the ground-truth flow
    with them: ``gt_motion``'s u scaled by the x scale (new width / old
    width), v by the y scale, so that it stays in pixels of the resized
    frames; ``gt_motion_valid`` resized so that a pixel is valid only where
    every source pixel it draws from is.

    Ours: ``interpolation='area'`` by default, for the frames and the flow
    (downscaling averages, as a camera at the lower resolution would; the
    unknown flow, zeros, carries no weight into a valid pixel). It gives
    the team's measured baselines on FlyingChairs and Middlebury at a 112 px
    short side (``configs/_base_/datasets/flow_gt_112px.py``); bilinear
    frames give DIS about 0.15 px (FlyingChairs) and 0.03 px (RubberWhale)
    more EPE. Not lazy.

    Args:
        scale (float or tuple[int]): As MMAction2's ``Resize``: a factor,
            or the largest ``(w, h)``; ``(-1, 112)`` resizes the short side
            to 112.
        keep_ratio (bool): Keep the aspect ratio. Defaults to True.
        interpolation (str): ``'nearest'``, ``'bilinear'``, ``'bicubic'``,
            ``'area'`` or ``'lanczos'``, for frames and flow.
            Defaults to ``'area'``.
    """

    def __init__(self,
                 scale,
                 keep_ratio: bool = True,
                 interpolation: str = 'area') -> None:
        if interpolation not in _CV2_INTERP:
            raise ValueError(f'unknown interpolation {interpolation!r}; '
                             f'expected one of {tuple(_CV2_INTERP)}')
        super().__init__(
            scale, keep_ratio=keep_ratio, interpolation=interpolation)

    def transform(self, results: dict) -> dict:
        h, w = results['img_shape']
        results = super().transform(results)
        new_h, new_w = results['img_shape']
        if 'gt_motion' not in results or (new_h, new_w) == (h, w):
            return results
        interp = _CV2_INTERP[self.interpolation]
        flow = torch.as_tensor(results['gt_motion']).float().numpy()
        valid = results.get('gt_motion_valid')
        valid = (
            np.ones((flow.shape[1], h, w), bool)
            if valid is None else torch.as_tensor(valid).numpy())
        flows, masks = [], []
        for k in range(flow.shape[1]):  # the T - 1 pairs
            fk = np.where(valid[k], flow[:, k], 0).transpose(1, 2, 0)
            fk = cv2.resize(fk, (new_w, new_h), interpolation=interp)
            fk[..., 0] *= new_w / w
            fk[..., 1] *= new_h / h
            mk = cv2.resize(
                valid[k].astype(np.float32), (new_w, new_h),
                interpolation=interp) >= 1 - 1e-6
            fk[~mk] = 0
            flows.append(fk.transpose(2, 0, 1))
            masks.append(mk)
        results['gt_motion'] = torch.from_numpy(
            np.ascontiguousarray(np.stack(flows, 1), np.float32))
        results['gt_motion_valid'] = torch.from_numpy(np.stack(masks))
        return results
