"""Motion quality without flow labels: how well the predicted motion warps
frame t+1 onto frame t, beside OpenCV DIS, OpenCV Farneback and zero motion;
and end-point error where a ground-truth motion exists."""
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
import torch
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log

from mmmotion.models.layers.image_quality import ssim
from mmmotion.models.layers.warp import backward_warp
from mmmotion.registry import METRICS
from mmmotion.utils.data_sample import sample_field
from mmmotion.utils.optical_flow import compute_flow

BASELINES = ('dis', 'farneback', 'zero')


def _grey_uint8(frame: torch.Tensor) -> np.ndarray:
    """(C, H, W) on [0, 1] -> (H, W) uint8 (channel mean)."""
    g = frame.float().mean(0).clamp(0, 1).numpy()
    return np.rint(g * 255).astype(np.uint8)


@METRICS.register_module()
class MotionWarpMetric(BaseMetric):
    """Photometric error and SSIM of the warped frame (Tian et al., ECCV
    2020, evaluate their motion downstream; this metric is ours,
    ``docs/methods.md`` section 3.2).

    For every pair (t, t+1) of a sample's clip, frame t+1 is warped onto
    frame t (``backward_warp``) by: the model's ``pred_motion``; OpenCV DIS
    (medium) and Farneback flows computed on the same frames (grey, uint8);
    zero motion. Reported per method: ``{name}_l1`` (mean absolute error
    over the in-frame pixels, frames on [0, 1]) and ``{name}_ssim``
    (scikit-image-style SSIM); ``name`` is ``pred`` or a baseline. With a
    ``gt_motion`` field (e.g. from the synthetic-motion tool), ``pred_epe``
    and the baselines' EPE too.

    The model's ``predict`` attaches ``pred_motion`` ``(2, T - 1, H, W)``
    and ``frames`` ``(C, T, H, W)`` on [0, 1] (``CoarseToFineMotion`` does).
    """

    default_prefix: Optional[str] = 'motion'

    def __init__(self,
                 baselines: Sequence[str] = BASELINES,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        unknown = set(baselines) - set(BASELINES)
        if unknown:
            raise ValueError(f'unknown baselines {sorted(unknown)}; choose '
                             f'from {BASELINES}')
        self.baselines = tuple(baselines)

    def _flows(self, motion, frames) -> Dict[str, torch.Tensor]:
        c, t, h, w = frames.shape
        out = {'pred': motion.float()}
        for name in self.baselines:
            if name == 'zero':
                out[name] = torch.zeros(2, t - 1, h, w)
                continue
            fl = [
                compute_flow(
                    _grey_uint8(frames[:, k]), _grey_uint8(frames[:, k + 1]),
                    name) for k in range(t - 1)
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
                    g = torch.as_tensor(gt).float().transpose(0, 1)
                    result[f'{name}_epe'] = (flow - g).norm(dim=1).mean()\
                        .item()
            self.results.append(result)

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        keys = results[0].keys()
        m = {k: float(np.mean([r[k] for r in results])) for k in keys}
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
