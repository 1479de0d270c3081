"""Next-frame prediction quality (SSIM, PSNR) against a copy-last baseline."""
import math
from typing import Any, Dict, List, Optional, Sequence

import torch
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log
from torch import Tensor

from mmmotion.models.layers.image_quality import psnr, ssim
from mmmotion.registry import METRICS
from mmmotion.utils.data_sample import sample_field

_KEYS = ('pred_frames', 'target_frames', 'copy_frames')
_METRIC_KEYS = ('ssim', 'psnr', 'ssim_copy_last', 'psnr_copy_last',
                'ssim_future', 'psnr_future', 'ssim_future_copy_last',
                'psnr_future_copy_last')


@METRICS.register_module()
class FramePredictionMetric(BaseMetric):
    """SSIM and PSNR of predicted next frames, and of the copy-last baseline.

    DynamoNet (Diba et al., ICCV 2019, https://arxiv.org/abs/1904.11407)
    reports next-frame prediction quality as SSIM (0.95 on 378 UCF101 test
    videos). The paper does not say how the SSIM is computed; we use
    scikit-image's defaults (uniform 7x7 window, sample covariance; see
    :mod:`mmmotion.models.layers.image_quality`) and add PSNR. Also ours: the
    "copy the last frame" baseline (predict ``x_{t+1} = x_t``), which any
    frame predictor must beat to have learned motion, since consecutive
    frames are already very similar.

    The model's ``predict`` must return, in every data sample, three float
    tensors of shape (C, T, H, W) on a [0, data_range] scale:

    - ``pred_frames``: the predicted next frames x_hat_2 .. x_hat_{T+1};
    - ``target_frames``: the true frames x_2 .. x_{T+1};
    - ``copy_frames``: the input frames x_1 .. x_T (the baseline).

    Predictions are clamped to [0, data_range] before scoring; targets and
    baselines are taken as they are. For every sample the metric keeps the
    mean over its T frames, and the value of its last frame alone, the one
    true future frame (the others are reconstructions of frames the model
    has seen, e.g. frames 2..16 of a 17-frame sample). The reported values
    are means over samples:

    - ``ssim``, ``psnr``: the prediction, all frames;
    - ``ssim_copy_last``, ``psnr_copy_last``: the baseline, all frames;
    - ``ssim_future``, ``psnr_future``: the prediction, last frame;
    - ``ssim_future_copy_last``, ``psnr_future_copy_last``: the baseline,
      last frame.

    PSNR is in dB, per frame, with the MSE clamped so that a perfect frame
    scores 100 dB (see :func:`~mmmotion.models.layers.image_quality.psnr`).

    Args:
        data_range (float): The value range of the frames. Defaults to 1.0.
        win_size (int): Side of the uniform SSIM window. Defaults to 7.
        collect_device (str): Device used to gather results across ranks,
            ``'cpu'`` or ``'gpu'``. Defaults to ``'cpu'``.
        prefix (str, optional): Prefix of the metric names in the evaluation
            results (``'frame_pred/ssim'``, ...). Defaults to
            ``'frame_pred'``.
        collect_dir (str, optional): Directory used to gather results on
            CPU in distributed runs. Defaults to None.

    Example:
        >>> val_evaluator = dict(type='FramePredictionMetric')
    """

    default_prefix: Optional[str] = 'frame_pred'

    def __init__(self,
                 data_range: float = 1.0,
                 win_size: int = 7,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = 'frame_pred',
                 collect_dir: Optional[str] = None) -> None:
        super().__init__(
            collect_device=collect_device,
            prefix=prefix,
            collect_dir=collect_dir)
        if not data_range > 0:
            raise ValueError(f'data_range must be positive, got {data_range}.')
        self.data_range = float(data_range)
        self.win_size = win_size

    def process(self, data_batch: Any, data_samples: Sequence[Any]) -> None:
        """Score every sample of a batch; keep per-sample means.

        Args:
            data_batch (Any): The batch from the data loader (unused).
            data_samples (Sequence[dict | ActionDataSample]): The model's
                outputs, each with ``pred_frames``, ``target_frames`` and
                ``copy_frames`` of shape (C, T, H, W).
        """
        for index, sample in enumerate(data_samples):
            frames = self._frames(sample, index)
            pred, target, copy = (f.detach().to(torch.float64) for f in frames)
            pred = pred.clamp(0, self.data_range)
            # (C, T, H, W) -> (T, C, H, W): one SSIM / PSNR per frame.
            pred, target, copy = (
                f.transpose(0, 1) for f in (pred, target, copy))
            result = {}
            for name, frames_ in (('', pred), ('_copy_last', copy)):
                ssim_t = ssim(
                    frames_,
                    target,
                    data_range=self.data_range,
                    win_size=self.win_size,
                    reduction='none')
                psnr_t = psnr(
                    frames_,
                    target,
                    data_range=self.data_range,
                    reduction='none')
                result[f'ssim{name}'] = ssim_t.mean().item()
                result[f'psnr{name}'] = psnr_t.mean().item()
                result[f'ssim_future{name}'] = ssim_t[-1].item()
                result[f'psnr_future{name}'] = psnr_t[-1].item()
            self.results.append(result)

    @staticmethod
    def _frames(sample: Any, index: int) -> List[Tensor]:
        frames = [sample_field(sample, key) for key in _KEYS]
        missing = [key for key, value in zip(_KEYS, frames) if value is None]
        if missing:
            raise KeyError(
                f'FramePredictionMetric: data sample {index} has no '
                f'{", ".join(missing)}. The model must be run with a predict '
                f'step that returns frames: every data sample needs '
                f'pred_frames, target_frames and copy_frames, float tensors '
                f'of shape (C, T, H, W).')
        shapes = [tuple(value.shape) for value in frames]
        if len(shapes[0]) != 4 or len(set(shapes)) != 1:
            raise ValueError(
                'FramePredictionMetric expects pred_frames, target_frames '
                'and copy_frames of one shape (C, T, H, W), got ' +
                ', '.join(f'{k}={s}' for k, s in zip(_KEYS, shapes)) + '.')
        return frames

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        """Average the per-sample values and log a table.

        Args:
            results (list[dict]): The per-sample values of all ranks.

        Returns:
            dict[str, float]: ``ssim``, ``psnr``, ``ssim_copy_last``,
            ``psnr_copy_last``, ``ssim_future``, ``psnr_future``,
            ``ssim_future_copy_last``, ``psnr_future_copy_last``.
        """
        count = len(results)
        metrics = {}
        for key in _METRIC_KEYS:
            total = sum(result[key] for result in results)
            metrics[key] = total / count if count else math.nan
        print_log(self._table(metrics, len(results)), logger='current')
        return metrics

    @staticmethod
    def _table(metrics: Dict[str, float], num_samples: int) -> str:
        header = ('', 'SSIM', 'PSNR', 'SSIM future', 'PSNR future')
        rows = [header]
        labels = (('prediction', ''), ('copy last frame', '_copy_last'))
        for label, suffix in labels:
            rows.append((label, f'{metrics["ssim" + suffix]:.4f}',
                         f'{metrics["psnr" + suffix]:.2f}',
                         f'{metrics["ssim_future" + suffix]:.4f}',
                         f'{metrics["psnr_future" + suffix]:.2f}'))
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        lines = [
            '  '.join([row[0].ljust(widths[0])] +
                      [cell.rjust(w) for cell, w in zip(row[1:], widths[1:])])
            for row in rows
        ]
        return '\n'.join(
            [f'Frame prediction on {num_samples} samples (PSNR in dB):'] +
            lines)
