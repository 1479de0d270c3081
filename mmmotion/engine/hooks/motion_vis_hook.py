"""Draw predicted motion, the warped frame and its error map."""
import numpy as np
import torch

from mmmotion.models.layers.warp import backward_warp
from mmmotion.registry import HOOKS
from mmmotion.visualization import flow_to_color, frames_to_strip
from .sample_vis_hook import SampleVisualizationHook


@HOOKS.register_module()
class MotionVisualizationHook(SampleVisualizationHook):
    """During val / test, for samples with ``pred_motion`` ``(2, T - 1, H,
    W)`` and ``frames`` ``(C, T, H, W)`` on [0, 1] (as
    ``CoarseToFineMotion.predict`` attaches them), one RGB image per sample
    with a column per pair (t, t+1) and four rows: frame t, the motion
    colour-coded (:func:`mmmotion.visualization.flow_to_color`, one scale for
    the sample: its largest magnitude), frame t+1 warped onto t, and the
    absolute error of that warp (times ``error_gain``, clipped). Ours; sent
    to every vis backend as ``'{mode}_motion_{batch_idx}_{i}'``.

    Args:
        interval (int): Draw every ``interval`` batches. Defaults to 10.
        max_samples (int): Samples drawn per batch. Defaults to 1.
        max_pairs (int): Pairs (columns) shown, the first ones.
            Defaults to 4.
        error_gain (float): Amplification of the error map. Defaults to 4.0.
    """

    fields = ('pred_motion', 'frames')
    image_name = 'motion'

    def __init__(self,
                 interval: int = 10,
                 max_samples: int = 1,
                 max_pairs: int = 4,
                 error_gain: float = 4.0) -> None:
        super().__init__(interval, max_samples)
        if max_pairs < 1:
            raise ValueError(f'max_pairs must be positive, got {max_pairs}')
        self.max_pairs = max_pairs
        self.error_gain = error_gain

    def render(self, motion, frames) -> np.ndarray:
        """Build the image of one sample.

        Args:
            motion (Tensor or np.ndarray): ``(2, T - 1, H, W)`` motion.
            frames (Tensor or np.ndarray): ``(C, T, H, W)`` frames on
                [0, 1], C in {1, 3}.

        Returns:
            np.ndarray: RGB uint8 ``(4 * H, P * W, 3)``,
            P = min(T - 1, max_pairs).
        """
        motion = torch.as_tensor(motion).detach().float().cpu()
        frames = torch.as_tensor(frames).detach().float().cpu()
        c, t, h, w = frames.shape
        if tuple(motion.shape) != (2, t - 1, h, w) or c not in (1, 3):
            raise ValueError('MotionVisualizationHook expects pred_motion '
                             '(2, T - 1, H, W) and frames (C, T, H, W), C = 1 '
                             f'or 3; got {tuple(motion.shape)} and '
                             f'{tuple(frames.shape)}')
        p = min(t - 1, self.max_pairs)
        prev = frames[:, :p].transpose(0, 1).clamp(0, 1)
        nxt = frames[:, 1:p + 1].transpose(0, 1)
        flow = motion[:, :p].transpose(0, 1)
        warped = backward_warp(nxt, flow).clamp(0, 1)
        err = ((warped - prev).abs().mean(1, keepdim=True) *
               self.error_gain).clamp(0, 1)

        def strip(x):  # (P, C, H, W) on [0, 1] -> (H, P * W, 3) uint8
            return frames_to_strip(x.transpose(0, 1))

        mag = float(flow.norm(dim=1).max()) or 1.0
        colour = np.concatenate(
            [flow_to_color(f.permute(1, 2, 0).numpy(), mag) for f in flow], 1)
        return np.concatenate([strip(prev), colour,
                               strip(warped),
                               strip(err)], 0)
