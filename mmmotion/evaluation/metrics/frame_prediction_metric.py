"""Next-frame prediction quality (SSIM, PSNR) against a copy-last baseline."""
import math
from typing import Any, Dict, List, Optional, Sequence

import torch
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log
from torch import Tensor

from mmmotion.models.layers.image_quality import psnr, ssim
from mmmotion.models.layers.oracle_filters import oracle_frames
from mmmotion.models.layers.warp import backward_warp
from mmmotion.registry import METRICS
from mmmotion.utils.data_sample import sample_field
from mmmotion.utils.optical_flow import compute_flow, grey_uint8

_KEYS = ('pred_frames', 'target_frames', 'copy_frames')
_METRIC_KEYS = ('ssim', 'psnr', 'ssim_copy_last', 'psnr_copy_last',
                'ssim_future', 'psnr_future', 'ssim_future_copy_last',
                'psnr_future_copy_last', 'ssim_seen', 'psnr_seen',
                'ssim_seen_copy_last', 'psnr_seen_copy_last')


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
      last frame;
    - ``ssim_seen``, ``psnr_seen`` and their ``_copy_last``: frames 2..T
      alone, the reconstructions of frames the network has seen (issue 16;
      the mean of the first T - 1 frames; NaN for T = 1).

    With ``oracle`` (ours, issue 16), the bound of the model's own form is
    scored too: for every sample the filters of each mode in
    ``oracle['modes']`` (``'global'``, the paper's, and ``'local'``) are
    fitted to its true frames (:func:`fit_oracle_filters`: ``filter_size``,
    ``steps``, ``lr``), giving ``{ssim,psnr}{,_future,_seen}_oracle_<mode>``,
    and ``gain_share_seen_<mode>`` / ``gain_share_future_<mode>``: the
    share of the oracle's PSNR gain over copy-last that the prediction
    captures, ``(psnr - psnr_copy_last) / (psnr_oracle - psnr_copy_last)``
    on the means of the samples with an oracle (NaN where the oracle gains
    nothing), and ``oracle_samples``, their number.

    With ``flow_bound`` (ours, issue 16), a bound of *motion* beside the
    bound of the filters' form (the local oracle can match any value within
    a pixel's neighbourhood, moving or not): each input frame warped onto
    its true next frame by OpenCV DIS flow (medium) from that next frame
    back to it, each component clamped to ``flow_bound`` pixels (2: what a
    5 x 5 filter reaches), the bilinear warp being itself a local filter.
    It gives ``{ssim,psnr}{,_future,_seen}_dis`` and
    ``gain_share_{seen,future}_dis``.

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
        oracle (dict, optional): ``modes`` (a sequence of ``'global'`` and
            ``'local'``), ``filter_size`` (5), ``steps`` (300) and ``lr``
            (0.1) of the oracle filters; None for no oracle. Defaults to
            None.
        flow_bound (float, optional): The clamp (pixels) of the DIS bound;
            None for none. Defaults to None.

    Example:
        >>> val_evaluator = dict(type='FramePredictionMetric')
    """

    default_prefix: Optional[str] = 'frame_pred'

    def __init__(self,
                 data_range: float = 1.0,
                 win_size: int = 7,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = 'frame_pred',
                 collect_dir: Optional[str] = None,
                 oracle: Optional[dict] = None,
                 flow_bound: Optional[float] = None) -> None:
        super().__init__(
            collect_device=collect_device,
            prefix=prefix,
            collect_dir=collect_dir)
        if not data_range > 0:
            raise ValueError(f'data_range must be positive, got {data_range}.')
        self.data_range = float(data_range)
        self.win_size = win_size
        if flow_bound is not None and not flow_bound > 0:
            raise ValueError(f'flow_bound must be positive, got {flow_bound}')
        self.flow_bound = flow_bound
        self.oracle = None
        if oracle is not None:
            self.oracle = dict(
                modes=('global', ),
                filter_size=5,
                steps=300,
                lr=0.1,
                padding_mode='replicate',
                num_samples=None)
            self.oracle.update(oracle)
            bad = set(self.oracle['modes']) - {'global', 'local'}
            if bad or not self.oracle['modes']:
                raise ValueError(f"oracle modes must be 'global' and/or "
                                 f"'local', got {self.oracle['modes']}")
            self.oracle['modes'] = tuple(self.oracle['modes'])

    def _scores(self, frames: Tensor, target: Tensor, name: str) -> dict:
        """SSIM and PSNR of ``(T, C, H, W)`` frames: all, last, seen."""
        ssim_t = ssim(
            frames,
            target,
            data_range=self.data_range,
            win_size=self.win_size,
            reduction='none')
        psnr_t = psnr(
            frames, target, data_range=self.data_range, reduction='none')
        out = {}
        for key, vals in (('ssim', ssim_t), ('psnr', psnr_t)):
            out[f'{key}{name}'] = vals.mean().item()
            out[f'{key}_future{name}'] = vals[-1].item()
            # no frame 2..T in a 1-frame prediction (a held pair)
            out[f'{key}_seen{name}'] = (
                vals[:-1].mean().item() if len(vals) > 1 else math.nan)
        return out

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
                result.update(self._scores(frames_, target, name))
            modes = (self.oracle or {}).get('modes', ())
            limit = (self.oracle or {}).get('num_samples')
            if limit is not None and sum('oracle' in r
                                         for r in self.results) >= limit:
                modes = ()
            if modes:
                result['oracle'] = 1
            for mode in modes:
                # (T, C, H, W) -> (1, C, T, H, W) for the filters
                best = oracle_frames(
                    copy.transpose(0, 1)[None],
                    target.transpose(0, 1)[None],
                    filter_size=self.oracle['filter_size'],
                    mode=mode,
                    steps=self.oracle['steps'],
                    lr=self.oracle['lr'],
                    padding_mode=self.oracle['padding_mode'])[0].transpose(
                        0, 1).to(target)
                result.update(
                    self._scores(
                        best.clamp(0, self.data_range), target,
                        f'_oracle_{mode}'))
            if self.flow_bound is not None:
                result.update(
                    self._scores(
                        self._dis_frames(copy, target), target, '_dis'))
            self.results.append(result)

    def _dis_frames(self, copy: Tensor, target: Tensor) -> Tensor:
        """``(T, C, H, W)`` inputs warped onto their true next frames by
        DIS flow clamped to ``flow_bound`` pixels."""
        r = self.data_range
        flows = [
            torch.from_numpy(
                compute_flow(grey_uint8(t / r), grey_uint8(c / r),
                             'dis')).permute(2, 0, 1)
            for c, t in zip(copy.float(), target.float())
        ]
        b = self.flow_bound
        flow = torch.stack(flows).clamp(-b, b).to(copy)
        return backward_warp(copy, flow).clamp(0, r)

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
        metrics = {}
        keys = list(_METRIC_KEYS)
        modes = (self.oracle or {}).get('modes', ())
        for mode in modes:
            keys += [
                f'{k}{part}_oracle_{mode}' for k in ('ssim', 'psnr')
                for part in ('', '_future', '_seen')
            ]
        if self.flow_bound is not None:
            keys += [
                f'{k}{part}_dis' for k in ('ssim', 'psnr')
                for part in ('', '_future', '_seen')
            ]
        with_oracle = [r for r in results if 'oracle' in r]

        def mean(key, rows):
            return sum(r[key] for r in rows) / len(rows) if rows else math.nan

        for key in keys:
            metrics[key] = mean(key,
                                with_oracle if 'oracle' in key else results)
        for mode in modes:
            for part in ('_seen', '_future'):
                # on the samples that have an oracle
                copy = mean(f'psnr{part}_copy_last', with_oracle)
                gain = metrics[f'psnr{part}_oracle_{mode}'] - copy
                metrics[f'gain_share{part}_{mode}'] = (
                    (mean(f'psnr{part}', with_oracle) - copy) /
                    gain if gain > 0 else math.nan)  # NaN stays NaN
        if self.flow_bound is not None:
            for part in ('_seen', '_future'):
                copy = metrics[f'psnr{part}_copy_last']
                gain = metrics[f'psnr{part}_dis'] - copy
                metrics[f'gain_share{part}_dis'] = (
                    (metrics[f'psnr{part}'] - copy) /
                    gain if gain > 0 else math.nan)
        if modes:
            metrics['oracle_samples'] = len(with_oracle)
        print_log(self._table(metrics, len(results)), logger='current')
        return metrics

    @staticmethod
    def _table(metrics: Dict[str, float], num_samples: int) -> str:
        header = ('', 'SSIM', 'PSNR', 'SSIM seen', 'PSNR seen', 'SSIM future',
                  'PSNR future')
        rows = [header]
        labels = [('prediction', ''), ('copy last frame', '_copy_last')]
        labels += [(f'oracle {m} filters', f'_oracle_{m}')
                   for m in ('global', 'local')
                   if f'psnr_oracle_{m}' in metrics]
        if 'psnr_dis' in metrics:
            labels.append(('DIS flow (clamped)', '_dis'))
        for label, suffix in labels:
            rows.append((label, f'{metrics["ssim" + suffix]:.4f}',
                         f'{metrics["psnr" + suffix]:.2f}',
                         f'{metrics["ssim_seen" + suffix]:.4f}',
                         f'{metrics["psnr_seen" + suffix]:.2f}',
                         f'{metrics["ssim_future" + suffix]:.4f}',
                         f'{metrics["psnr_future" + suffix]:.2f}'))
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        lines = [
            '  '.join([row[0].ljust(widths[0])] +
                      [cell.rjust(w) for cell, w in zip(row[1:], widths[1:])])
            for row in rows
        ]
        shares = [
            f'{k}: {v:.3f}' for k, v in metrics.items()
            if k.startswith('gain_share')
        ]
        if shares:
            lines.append('share of the bound\'s PSNR gain over copy-last: ' +
                         ', '.join(shares))
        return '\n'.join([
            f'Frame prediction on {num_samples} samples (PSNR in dB; seen: '
            'frames 2..T, future: frame T+1):'
        ] + lines)
