"""Motion quality without flow labels: how well the predicted motion warps
frame t+1 onto frame t, beside OpenCV DIS, OpenCV Farneback (optionally
TV-L1) and zero motion; and end-point error where a ground-truth motion
exists."""
from typing import Any, Dict, List, Optional, Sequence

import cv2
import numpy as np
import torch
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log

from mmmotion.models.layers.image_quality import ssim
from mmmotion.models.layers.warp import backward_warp
from mmmotion.registry import METRICS
from mmmotion.utils.data_sample import sample_field
from mmmotion.utils.optical_flow import compute_flow

# every baseline; the default leaves out TV-L1, by far the slowest
ALL_BASELINES = ('dis', 'farneback', 'tvl1', 'zero')
BASELINES = ('dis', 'farneback', 'zero')
GREY_MODES = ('mean', 'luma')


def _grey_uint8(frame: torch.Tensor, grey: str = 'mean') -> np.ndarray:
    """(C, H, W) on [0, 1] -> (H, W) uint8: the channel mean, or with
    ``grey='luma'`` and 3 channels OpenCV's RGB to grey."""
    if grey == 'luma' and frame.shape[0] == 3:
        rgb = frame.float().clamp(0, 1).permute(1, 2, 0).numpy()
        rgb = np.ascontiguousarray(np.rint(rgb * 255).astype(np.uint8))
        return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    g = frame.float().mean(0).clamp(0, 1).numpy()
    return np.rint(g * 255).astype(np.uint8)


@METRICS.register_module()
class MotionWarpMetric(BaseMetric):
    """Photometric error and SSIM of the warped frame (Tian et al., ECCV
    2020, evaluate their motion downstream; this metric is ours,
    ``docs/methods.md`` section 3.2).

    For every pair (t, t+1) of a sample's clip, frame t+1 is warped onto
    frame t (``backward_warp``) by: the model's ``pred_motion``; OpenCV DIS
    (medium), Farneback and, if asked, TV-L1 flows computed on the same
    frames (grey, uint8; ``compute_flow``); zero motion. Reported per
    method: ``{name}_l1`` (mean absolute error over the in-frame pixels,
    frames on [0, 1]) and ``{name}_ssim`` (scikit-image-style SSIM);
    ``name`` is ``pred`` or a baseline. With a ``gt_motion`` field
    ``(2, T - 1, H, W)`` in pixels (``LoadSyntheticMotion``,
    ``LoadFlowPair``), ``{name}_epe`` too: the end-point error (the length
    of the flow's difference to the truth) averaged over a sample's pixels,
    then over samples. Ours: only the pixels where a ``gt_motion_valid``
    field ``(T - 1, H, W)`` is True and the truth is finite count (unknown
    flow of ``.flo`` files); a sample without valid pixels has no EPE.

    The model's ``predict`` attaches ``pred_motion`` ``(2, T - 1, H, W)``
    and ``frames`` ``(C, T, H, W)`` on [0, 1] (``CoarseToFineMotion`` does).

    Args:
        baselines (Sequence[str]): Of ``'dis'``, ``'farneback'``,
            ``'tvl1'`` (about 0.3 s a pair at 112 px) and ``'zero'``.
            Defaults to ``('dis', 'farneback', 'zero')``.
        grey (str): How the OpenCV baselines see colour frames: ``'mean'``
            (the channel mean) or ``'luma'`` (OpenCV's RGB to grey, 0.299 R
            + 0.587 G + 0.114 B); other frames use their channel mean.
            Ours: ``'luma'`` for the ground-truth flow sets (their measured
            baselines use it; Farneback's EPE is about 5% lower with the
            mean), ``'mean'`` elsewhere, as the recorded runs.
            Defaults to ``'mean'``.
        collect_device (str): MMEngine's. Defaults to ``'cpu'``.
        prefix (str, optional): The metrics' prefix.
            Defaults to None (``'motion'``).
    """

    default_prefix: Optional[str] = 'motion'

    def __init__(self,
                 baselines: Sequence[str] = BASELINES,
                 grey: str = 'mean',
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        unknown = set(baselines) - set(ALL_BASELINES)
        if unknown:
            raise ValueError(f'unknown baselines {sorted(unknown)}; choose '
                             f'from {ALL_BASELINES}')
        if grey not in GREY_MODES:
            raise ValueError(f'unknown grey {grey!r}; choose from '
                             f'{GREY_MODES}')
        self.baselines = tuple(baselines)
        self.grey = grey

    def _flows(self, motion, frames) -> Dict[str, torch.Tensor]:
        c, t, h, w = frames.shape
        out = {'pred': motion.float()}
        for name in self.baselines:
            if name == 'zero':
                out[name] = torch.zeros(2, t - 1, h, w)
                continue
            fl = [
                compute_flow(
                    _grey_uint8(frames[:, k], self.grey),
                    _grey_uint8(frames[:, k + 1], self.grey), name)
                for k in range(t - 1)
            ]
            out[name] = torch.from_numpy(np.stack(fl)).permute(3, 0, 1, 2)
        return out

    def process(self, data_batch: Any, data_samples: Sequence[Any]) -> None:
        for i, sample in enumerate(data_samples):
            motion = sample_field(sample, 'pred_motion')
            frames = sample_field(sample, 'frames')
            if motion is None or frames is None:
                raise KeyError(
                    f'MotionWarpMetric: data sample {i} has no pred_motion / '
                    'frames: evaluate a model whose predict attaches them '
                    '(CoarseToFineMotion)')
            motion = torch.as_tensor(motion).detach().cpu()
            frames = torch.as_tensor(frames).detach().cpu().float()
            c, t, h, w = frames.shape
            if tuple(motion.shape) != (2, t - 1, h, w):
                raise ValueError(f'pred_motion {tuple(motion.shape)} does not '
                                 f'fit frames {tuple(frames.shape)}')
            prev = frames[:, :-1].transpose(0, 1)  # (T-1, C, H, W)
            nxt = frames[:, 1:].transpose(0, 1)
            gt = sample_field(sample, 'gt_motion')
            if gt is not None:
                gt, valid = self._truth(
                    gt, sample_field(sample, 'gt_motion_valid'), motion.shape)
            result = {}
            for name, flow in self._flows(motion, frames).items():
                flow = flow.transpose(0, 1)  # (T-1, 2, H, W)
                warped, mask = backward_warp(nxt, flow, return_mask=True)
                err = ((warped - prev).abs() * mask).sum() / (mask.sum() *
                                                              c).clamp(min=1)
                result[f'{name}_l1'] = err.item()
                result[f'{name}_ssim'] = ssim(
                    warped.clamp(0, 1), prev, data_range=1.0).item()
                if gt is not None:
                    epe = (flow - gt).norm(dim=1)[valid]
                    result[f'{name}_epe'] = (
                        epe.mean().item() if epe.numel() else float('nan'))
            self.results.append(result)

    @staticmethod
    def _truth(gt, valid, shape):
        """The truth as ``(T - 1, 2, H, W)`` (unknown flow zeroed) and its
        valid pixels ``(T - 1, H, W)``."""
        gt = torch.as_tensor(gt).detach().cpu().float()
        if tuple(gt.shape) != tuple(shape):
            raise ValueError(f'gt_motion {tuple(gt.shape)} does not fit '
                             f'pred_motion {tuple(shape)}')
        ok = torch.isfinite(gt).all(0)
        if valid is not None:
            valid = torch.as_tensor(valid).detach().cpu().bool()
            if tuple(valid.shape) != tuple(ok.shape):
                raise ValueError(f'gt_motion_valid {tuple(valid.shape)} does '
                                 f'not fit gt_motion {tuple(gt.shape)}')
            ok &= valid
        gt = torch.where(ok[None], gt, torch.zeros(()))
        return gt.transpose(0, 1), ok

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        keys = results[0].keys()
        # nanmean: a sample without valid ground-truth pixels has no EPE
        m = {
            k:
            float(np.nanmean([r[k] for r in results]))
            if k.endswith('_epe') else float(np.mean([r[k] for r in results]))
            for k in keys
        }
        names = ['pred'] + list(self.baselines)
        cols = [c for c in ('l1', 'ssim', 'epe') if f'pred_{c}' in m]
        lines = [
            f'Motion quality on {len(results)} clips (warping frame t+1 '
            'onto t):', f'{"":>10} ' + ' '.join(f'{c:>8}' for c in cols)
        ]
        for n in names:
            lines.append(f'{n:>10} ' + ' '.join(f'{m[f"{n}_{c}"]:8.4f}'
                                                for c in cols))
        print_log('\n'.join(lines), logger='current')
        return m
