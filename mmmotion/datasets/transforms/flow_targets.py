"""Atomic-flow targets for Luo et al.'s sequence-to-sequence motion model.

Luo et al. (CVPR 2017, "Unsupervised Learning of Long-Term Motion Dynamics
for Videos", https://arxiv.org/abs/1701.01821): from a pair of frames the
model predicts the (quantised) 3D flow of every non-overlapping patch for the
next N steps. The quantisation to codewords happens in the model (the
codebook is a model module, so a learnable codebook can move); this module
gives the continuous patch flows.

Ours (``docs/methods.md`` section 2.2):

- a clip holds ``N + 2`` consecutive frames ``x_0 .. x_{N+1}``; the input is
  the pair ``(x_0, x_1)`` and target step ``k`` (``k = 1 .. N``) is the flow
  from ``x_k`` to ``x_{k+1}``: the motion that follows the pair;
- the flow of a pair is :func:`pair_patch_flow`: dense 2D flow (OpenCV DIS by
  default), for depth also ``dz`` along it times ``depth_scale``, then the mean
  over each ``patch x patch`` cell (``dz`` over valid pixels only);
- targets are computed on the frames as resized, before any random crop or
  normalisation, so that a pair's targets depend on nothing but the two frames
  (what makes the precompute tool's cache exact). Flips come after
  (:class:`MotionFlip` flips the targets too).
"""
import os.path as osp
from typing import Optional

import numpy as np
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS
from mmmotion.utils.optical_flow import compute_flow
from mmmotion.utils.scene_flow import depth_change_along_flow, patch_mean
from ..errors import BadSampleError

MODALITIES = ('depth', 'rgb', 'rgbd')


def _grey(frame: np.ndarray) -> np.ndarray:
    import cv2
    return cv2.cvtColor(
        np.ascontiguousarray(frame[..., :3]).astype(np.uint8),
        cv2.COLOR_RGB2GRAY)


def _depth(frame: np.ndarray, name: str) -> np.ndarray:
    d = np.asarray(frame, dtype=np.float32)
    d = d[..., -1] if d.ndim == 3 else d
    if np.isnan(d).any():
        raise ValueError(f'{name} holds NaN values')
    if not (d > 0).any():
        raise ValueError(f'{name} is all zero (no depth reading)')
    return d


def check_target_args(modality: str, dim: int) -> None:
    """Refuse an unknown modality, a dim other than 2 / 3, and 3D targets
    for RGB (no depth)."""
    if modality not in MODALITIES:
        raise ValueError(f'modality must be one of {MODALITIES}, got '
                         f'{modality!r}')
    if dim not in (2, 3):
        raise ValueError(f'dim must be 2 or 3, got {dim}')
    if modality == 'rgb' and dim == 3:
        raise ValueError('RGB frames have no depth: use dim=2 (2D motion)')


def pair_patch_flow(frame_t: np.ndarray,
                    frame_t1: np.ndarray,
                    modality: str = 'depth',
                    dim: int = 3,
                    patch: int = 8,
                    method: str = 'dis',
                    preset: str = 'medium',
                    depth_scale: float = 1.0,
                    flow_scale: Optional[float] = None,
                    static_no_depth: bool = False) -> np.ndarray:
    """Patch flow ``(H / patch, W / patch, dim)`` from frame t to t+1.

    Args:
        frame_t (np.ndarray): Frame t. ``depth``: ``(H, W)`` or
            ``(H, W, 1)`` depth; ``rgb``: ``(H, W, 3)`` RGB; ``rgbd``:
            ``(H, W, 4)``, RGB then depth.
        frame_t1 (np.ndarray): Frame t+1, same shape.
        modality (str): ``'depth'``, ``'rgb'`` or ``'rgbd'``.
            Defaults to ``'depth'``.
        dim (int): 3 for ``(dx, dy, dz)``, 2 for ``(dx, dy)`` (the paper's
            2D ablation; the only choice for RGB). Defaults to 3.
        patch (int): Cell size in pixels. Defaults to 8.
        method (str): The 2D flow method
            (:func:`mmmotion.utils.optical_flow.compute_flow`).
            Defaults to ``'dis'``.
        preset (str): The DIS preset. Defaults to ``'medium'``.
        depth_scale (float): ``dz`` is multiplied by it (ours: brings depth
            units to about the pixel scale of ``dx, dy``). Defaults to 1.0.
        flow_scale (float, optional): Grey-level scaling of depth frames for
            the 2D flow. Defaults to None (the pair's maximum maps to 255).
        static_no_depth (bool): ``depth`` / ``rgbd``: give zero flow to the
            pixels of frame t without a depth reading (ours, issue 17). In
            MSR Action3D the background is removed (depth 0) and the camera
            is static, so nothing there moves; DIS still interpolates
            0.4-1.6 px of flow into the empty background, which then
            dominates the patch targets (about 90 % of a frame) with motion
            that no input can predict. Defaults to False (the flow as DIS
            gives it).

    Returns:
        np.ndarray: ``float32 (H / patch, W / patch, dim)`` patch flow.
    """
    check_target_args(modality, dim)
    if static_no_depth and modality == 'rgb':
        raise ValueError('static_no_depth needs depth (modality depth or '
                         'rgbd), got rgb')
    a, b = np.asarray(frame_t), np.asarray(frame_t1)
    if a.shape != b.shape:
        raise ValueError(f'frames differ in shape: {a.shape} and {b.shape}')
    channels = {'depth': 1, 'rgb': 3, 'rgbd': 4}[modality]
    got = 1 if a.ndim == 2 else a.shape[-1]
    if a.ndim not in (2, 3) or got != channels:
        raise ValueError(f'{modality} frames must have {channels} channel(s) '
                         f'(H x W x {channels}), got shape {a.shape}')
    if modality == 'rgb':
        flow = compute_flow(_grey(a), _grey(b), method, preset)
        return patch_mean(flow, patch)
    d0, d1 = _depth(a, 'depth_t'), _depth(b, 'depth_t1')
    if modality == 'rgbd':
        flow = compute_flow(_grey(a), _grey(b), method, preset)
    else:
        flow = compute_flow(d0, d1, method, preset, flow_scale)
    if static_no_depth:
        flow = np.where((d0 > 0)[..., None], flow, np.float32(0))
    if dim == 2:
        return patch_mean(flow, patch)
    dz, valid = depth_change_along_flow(d0, d1, flow)
    xy = patch_mean(flow, patch)
    z = patch_mean(dz * np.float32(depth_scale), patch, valid)
    return np.concatenate([xy, z[..., None]], -1)


def cache_file(cache_dir: str, filename: str) -> str:
    """The cache file of a video: its base name plus ``.flow.npy``."""
    return osp.join(cache_dir,
                    osp.splitext(osp.basename(filename))[0] + '.flow.npy')


@TRANSFORMS.register_module()
class AtomicFlowTargets(BaseTransform):
    """Compute (or read from a cache) the N patch-flow targets of a clip, and
    keep only the input pair as ``imgs``.

    Put it after decoding and a deterministic ``Resize`` (fixed size), before
    flips, crops that are not patch-aligned, and normalisation. Sample at
    least ``num_steps + 2`` consecutive frames (``SampleFrames(clip_len=N + 2,
    frame_interval=1)``), with ``CheckFrameCount(N + 2)`` before it; a longer
    clip is cut to its first ``N + 2`` frames.

    Required keys: ``imgs``, ``frame_inds``, ``filename``. Added:
    ``flow_targets`` ``float32 (N, H / patch, W / patch, dim)``. Modified:
    ``imgs`` (the first two frames), ``clip_len`` (2).

    Args:
        num_steps (int): N, the number of target steps.
        modality (str): ``'depth'``, ``'rgb'`` or ``'rgbd'``.
            Defaults to ``'depth'``.
        dim (int): 3 for ``(dx, dy, dz)``, 2 for ``(dx, dy)``.
            Defaults to 3.
        patch (int): Cell size in pixels. Defaults to 8.
        method (str): The 2D flow method. Defaults to ``'dis'``.
        preset (str): The DIS preset. Defaults to ``'medium'``.
        depth_scale (float): ``dz`` is multiplied by it. Defaults to 1.0.
        flow_scale (float, optional): Grey-level scaling of depth frames for
            the 2D flow. Defaults to None (the pair's maximum).
        static_no_depth (bool): Zero flow where frame t has no depth
            reading (a removed background). Defaults to False.
        cache_dir (str, optional): Read the targets from files written by
            ``tools/data/precompute_flow_targets.py`` (one per video,
            ``(T - 1, Hp, Wp, dim)``: every consecutive pair) instead of
            computing them. Same arguments as the cache's, checked through
            the cache's shape. Defaults to None (compute them).

    See :func:`pair_patch_flow` for the flow arguments.
    """

    def __init__(self,
                 num_steps: int,
                 modality: str = 'depth',
                 dim: int = 3,
                 patch: int = 8,
                 method: str = 'dis',
                 preset: str = 'medium',
                 depth_scale: float = 1.0,
                 flow_scale: Optional[float] = None,
                 static_no_depth: bool = False,
                 cache_dir: Optional[str] = None) -> None:
        if num_steps < 1:
            raise ValueError(f'num_steps must be >= 1, got {num_steps}')
        self.num_steps = num_steps
        self.kwargs = dict(
            modality=modality,
            dim=dim,
            patch=patch,
            method=method,
            preset=preset,
            depth_scale=depth_scale,
            flow_scale=flow_scale,
            static_no_depth=static_no_depth)
        check_target_args(modality, dim)
        if static_no_depth and modality == 'rgb':
            raise ValueError('static_no_depth needs depth (modality depth '
                             'or rgbd), got rgb')
        self.cache_dir = cache_dir

    def _from_cache(self, results: dict, inds: np.ndarray,
                    shape: tuple) -> np.ndarray:
        path = cache_file(self.cache_dir, results['filename'])
        if not osp.isfile(path):
            raise BadSampleError(
                f'{results["filename"]}: no cached flow targets at {path} '
                '(run tools/data/precompute_flow_targets.py)')
        cache = np.load(path, mmap_mode='r')
        if cache.ndim != 4 or tuple(cache.shape[1:]) != shape:
            raise BadSampleError(
                f'{path}: cached targets of shape {cache.shape[1:]}, the '
                f'pipeline needs (Hp, Wp, dim) = {shape}: the cache was made '
                'with other sizes or settings')
        # pair (x_k, x_k+1) is cache row frame_inds[k] - start_index
        pairs = inds[1:-1] - results.get('start_index', 0)
        if pairs.max() >= cache.shape[0]:
            raise BadSampleError(
                f'{path}: {cache.shape[0]} cached pairs, frame '
                f'{pairs.max() + 1} needed')
        return np.asarray(cache[pairs], dtype=np.float32)

    def transform(self, results: dict) -> dict:
        imgs = results['imgs']
        n = self.num_steps
        name = results.get('filename')
        if len(imgs) < n + 2:
            raise BadSampleError(
                f'{name}: {len(imgs)} frames, but the pair plus {n} steps '
                f'needs {n + 2} (sample clip_len >= {n + 2})')
        # a longer clip is cut to the first n + 2 frames, so that runs with
        # fewer steps can sample the very same clips
        imgs = imgs[:n + 2]
        inds = np.asarray(results['frame_inds']).reshape(-1)[:n + 2]
        if self.cache_dir is not None:
            if not (np.diff(inds) == 1).all():
                raise BadSampleError(
                    f'{name}: cached targets need consecutive frames '
                    f'(frame_interval=1 and no looping), got {inds.tolist()}')
            h, w = np.asarray(imgs[0]).shape[:2]
            p = self.kwargs['patch']
            shape = (h // p, w // p, self.kwargs['dim'])
            targets = self._from_cache(results, inds, shape)
        else:
            try:
                targets = np.stack([
                    pair_patch_flow(imgs[k], imgs[k + 1], **self.kwargs)
                    for k in range(1, n + 1)
                ])
            except ValueError as e:
                raise BadSampleError(f'{name}: {e}') from e
        results['flow_targets'] = targets.astype(np.float32)
        results['imgs'] = list(imgs[:2])
        results['clip_len'] = 2  # what FormatShape reshapes by
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_steps={self.num_steps}, '
                f'cache_dir={self.cache_dir!r}, {self.kwargs})')
