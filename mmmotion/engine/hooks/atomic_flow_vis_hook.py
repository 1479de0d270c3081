"""Draw predicted and target atomic flows, colour-coded, step by step."""
import cv2
import numpy as np
import torch

from mmmotion.registry import HOOKS
from mmmotion.visualization import flow_to_color
from .sample_vis_hook import SampleVisualizationHook


@HOOKS.register_module()
class AtomicFlowVisualizationHook(SampleVisualizationHook):
    """Render the patch flows of every prediction step during val / test.

    For each data sample with ``pred_flow`` and ``target_flow``
    (``(S, Hp, Wp, D)``, as ``AtomicFlowPredictor.predict`` attaches them),
    one RGB image of two rows and S columns: the target flows on top, the
    predicted (expected) flows below, each patch drawn as a ``cell x cell``
    block in the HSV wheel colours of :func:`mmmotion.visualization.
    flow_to_color` (hue: direction of (dx, dy), brightness: magnitude, the
    same scale for all the sample's panels: its largest target magnitude).
    With D = 3 a third row shows dz of the prediction against the target's
    in grey (mid-grey 0; brighter: farther away). Ours (Luo et al. show
    flows as colour fields too).

    The image goes to ``runner.visualizer.add_image`` as
    ``'{mode}_atomic_flow_{batch_idx}_{i}'``, so every vis backend (local
    images, TensorBoard) receives it. Config::

        custom_hooks = [dict(type='AtomicFlowVisualizationHook')]

    Args:
        interval (int): Draw every ``interval`` batches. Defaults to 10.
        max_samples (int): Samples drawn per batch. Defaults to 1.
        cell (int): Pixels per patch. Defaults to 8.
    """

    fields = ('pred_flow', 'target_flow')
    image_name = 'atomic_flow'

    def __init__(self,
                 interval: int = 10,
                 max_samples: int = 1,
                 cell: int = 8) -> None:
        super().__init__(interval, max_samples)
        if cell < 1:
            raise ValueError(f'cell must be positive, got {cell}')
        self.cell = cell

    def render(self, pred, target) -> np.ndarray:
        """Build the image of one sample.

        Args:
            pred (Tensor or np.ndarray): ``(S, Hp, Wp, D)`` predicted flows.
            target (Tensor or np.ndarray): ``(S, Hp, Wp, D)`` target flows.

        Returns:
            np.ndarray: RGB uint8 ``(rows * Hp * cell, S * Wp * cell, 3)``,
            rows 2 (D = 2) or 3 (D = 3).
        """
        pred = torch.as_tensor(pred).detach().float().cpu().numpy()
        target = torch.as_tensor(target).detach().float().cpu().numpy()
        if pred.shape != target.shape or pred.ndim != 4 or \
                pred.shape[-1] not in (2, 3):
            raise ValueError('AtomicFlowVisualizationHook expects pred_flow '
                             'and target_flow of one shape (S, Hp, Wp, D), '
                             f'D = 2 or 3, got {pred.shape} and '
                             f'{target.shape}')
        mag = float(np.linalg.norm(target[..., :2], axis=-1).max())
        mag = mag if mag > 0 else 1.0
        rows = [
            np.concatenate([flow_to_color(f, mag) for f in x], 1)
            for x in (target, pred)
        ]
        if pred.shape[-1] == 3:
            zmax = max(float(np.abs(target[..., 2]).max()), 1e-6)
            for x in (target, pred):
                g = np.clip(127.5 + 127.5 * x[..., 2] / zmax, 0, 255)
                g = np.concatenate(list(g.astype(np.uint8)), 1)
                rows.append(np.repeat(g[..., None], 3, -1))
        img = np.concatenate(rows, 0)
        return cv2.resize(
            img, (img.shape[1] * self.cell, img.shape[0] * self.cell),
            interpolation=cv2.INTER_NEAREST)
