"""Draw true, predicted and difference frames to every vis backend."""
from typing import Any, Optional, Sequence

import numpy as np
import torch
from mmengine.hooks import Hook

from mmmotion.registry import HOOKS
from mmmotion.utils.data_sample import sample_field
from mmmotion.visualization import frames_to_strip
from .sample_vis_hook import vis_step


@HOOKS.register_module()
class FramePredictionVisualizationHook(Hook):
    """Draw next-frame predictions during validation and testing.

    For the data samples that carry ``pred_frames`` and ``target_frames``
    (float tensors of shape (C, T, H, W) on a [0, data_range] scale, as the
    frame-prediction models' ``predict`` returns them), the hook builds one
    RGB uint8 image of shape (3 * H, F * W, 3) with F = min(T, max_frames)::

        +-----------+-----------+-----+-----------+
        | x_{T-F+2} | ...       |     | x_{T+1}   |   true frames
        +-----------+-----------+-----+-----------+
        | x^_{T-F+2}| ...       |     | x^_{T+1}  |   predicted frames
        +-----------+-----------+-----+-----------+
        | |x - x^|  | ...       |     | |x - x^|  |   difference x diff_gain
        +-----------+-----------+-----+-----------+

    The last F frames are shown, so the rightmost column is the one true
    future frame. The rows follow the DynamoNet paper's qualitative figure
    (ground truth, prediction, difference); the hook is ours. The
    difference is the mean absolute error over channels, scaled by
    ``diff_gain / data_range`` and clipped to white. Grey frames (C = 1) are
    repeated to three channels; C = 3 is taken as RGB. Predictions are
    clamped to the range.

    The image goes to ``runner.visualizer.add_image`` under the name
    ``'{mode}_frame_prediction_{batch_idx}_{i}'`` (mode ``val`` or ``test``,
    ``i`` the sample's index in the batch) at step ``runner.iter`` (the
    training iteration; ``runner.epoch`` if no iteration has run), so every
    configured backend receives it: ``LocalVisBackend`` writes
    ``{work_dir}/{timestamp}/vis_data/vis_image/{name}_{step}.png``,
    ``TensorboardVisBackend`` an image summary. Config::

        custom_hooks = [
            dict(type='FramePredictionVisualizationHook', interval=1)
        ]
        visualizer = dict(
            type='ActionVisualizer',
            vis_backends=[
                dict(type='LocalVisBackend'),
                dict(type='TensorboardVisBackend')
            ])

    Args:
        enable (bool): Draw anything at all. Defaults to True.
        interval (int): Draw every ``interval`` batches, starting with the
            first (batch indices 0, interval, 2 * interval, ...).
            Defaults to 10.
        max_samples (int): Draw at most this many samples of a batch (the
            first ones that carry frames). Defaults to 1.
        max_frames (int): Show at most this many frames, the last ones.
            Defaults to 8.
        diff_gain (float): Amplification of the absolute difference.
            Defaults to 4.
        data_range (float): The value range of the frames. Defaults to 1.0.
    """

    def __init__(self,
                 enable: bool = True,
                 interval: int = 10,
                 max_samples: int = 1,
                 max_frames: int = 8,
                 diff_gain: float = 4.0,
                 data_range: float = 1.0) -> None:
        if interval < 1 or max_samples < 1 or max_frames < 1:
            raise ValueError('interval, max_samples and max_frames must be '
                             f'positive, got {interval}, {max_samples}, '
                             f'{max_frames}.')
        if not data_range > 0:
            raise ValueError(f'data_range must be positive, got {data_range}.')
        self.enable = enable
        self.interval = interval
        self.max_samples = max_samples
        self.max_frames = max_frames
        self.diff_gain = diff_gain
        self.data_range = float(data_range)

    def after_val_iter(self,
                       runner,
                       batch_idx: int,
                       data_batch: Any = None,
                       outputs: Optional[Sequence[Any]] = None) -> None:
        self._draw(runner, batch_idx, outputs, 'val')

    def after_test_iter(self,
                        runner,
                        batch_idx: int,
                        data_batch: Any = None,
                        outputs: Optional[Sequence[Any]] = None) -> None:
        self._draw(runner, batch_idx, outputs, 'test')

    def _draw(self, runner, batch_idx: int, outputs: Optional[Sequence[Any]],
              mode: str) -> None:
        if not self.enable or not outputs or batch_idx % self.interval:
            return
        step = vis_step(runner, batch_idx)
        drawn = 0
        for i, sample in enumerate(outputs):
            if drawn >= self.max_samples:
                break
            pred = sample_field(sample, 'pred_frames')
            target = sample_field(sample, 'target_frames')
            if pred is None or target is None:
                continue
            image = self.render(pred, target)
            runner.visualizer.add_image(
                f'{mode}_frame_prediction_{batch_idx}_{i}', image, step=step)
            drawn += 1

    def render(self, pred: torch.Tensor, target: torch.Tensor) -> np.ndarray:
        """Build the three-row image of one sample.

        Args:
            pred (Tensor): Predicted frames, shape (C, T, H, W), C in {1, 3}.
            target (Tensor): True frames, same shape.

        Returns:
            np.ndarray: RGB uint8 image of shape (3 * H, F * W, 3), with
            F = min(T, max_frames).
        """
        if pred.shape != target.shape or pred.dim() != 4 or \
                pred.shape[0] not in (1, 3):
            raise ValueError(
                'FramePredictionVisualizationHook expects pred_frames and '
                'target_frames of one shape (C, T, H, W) with C = 1 or 3, '
                f'got {tuple(pred.shape)} and {tuple(target.shape)}.')
        num_frames = min(pred.shape[1], self.max_frames)
        pred = pred.detach()[:, -num_frames:].float().cpu()
        target = target.detach()[:, -num_frames:].float().cpu()
        pred = pred.clamp(0, self.data_range) / self.data_range
        target = target / self.data_range
        diff = (pred - target).abs().mean(dim=0, keepdim=True)
        diff = (diff * self.diff_gain).clamp(0, 1)
        rows = [frames_to_strip(f) for f in (target.clamp(0, 1), pred, diff)]
        return np.concatenate(rows, axis=0)
