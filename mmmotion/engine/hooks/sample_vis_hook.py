"""Base of the hooks that draw one image per predicted data sample."""
from typing import Any, Optional, Sequence

import numpy as np
from mmengine.hooks import Hook

from mmmotion.utils.data_sample import sample_field


def vis_step(runner, batch_idx: int) -> int:
    """The step to draw at: the training iteration (``runner.iter``, or
    ``runner.epoch`` before any), or, in a test-only run, the batch index.

    ``runner.iter`` builds the training loop and its dataset when there is
    none, so a test-only run reads the iteration from the message hub
    (where ``RuntimeInfoHook`` puts it while training) instead.
    """
    hub = getattr(runner, 'message_hub', None)
    if hub is None:  # a runner without one (e.g. in tests)
        return runner.iter or runner.epoch
    it = hub.get_info('iter')
    if it is None:
        return batch_idx
    return it or hub.get_info('epoch') or 0


class SampleVisualizationHook(Hook):
    """After every ``interval``-th val / test batch, render the first
    ``max_samples`` data samples that carry all of ``fields`` and send each
    image to every vis backend as ``'{mode}_{image_name}_{batch_idx}_{i}'``
    at the training step (``vis_step``: ``runner.iter``, ``runner.epoch``
    before any iteration, the batch index in a test-only run).
    Subclasses set ``fields`` and ``image_name`` and implement ``render``.

    Args:
        interval (int): Draw every ``interval`` batches. Defaults to 10.
        max_samples (int): Samples drawn per batch. Defaults to 1.
    """

    fields: Sequence[str] = ()
    image_name: str = 'sample'

    def __init__(self, interval: int = 10, max_samples: int = 1) -> None:
        if interval < 1 or max_samples < 1:
            raise ValueError('interval and max_samples must be positive, got '
                             f'{interval}, {max_samples}')
        self.interval = interval
        self.max_samples = max_samples

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

    def _draw(self, runner, batch_idx, outputs, mode) -> None:
        if not outputs or batch_idx % self.interval:
            return
        step = vis_step(runner, batch_idx)
        drawn = 0
        for i, sample in enumerate(outputs):
            values = [sample_field(sample, f) for f in self.fields]
            if any(v is None for v in values):
                continue
            runner.visualizer.add_image(
                f'{mode}_{self.image_name}_{batch_idx}_{i}',
                self.render(*values),
                step=step)
            drawn += 1
            if drawn >= self.max_samples:
                break

    def render(self, *values) -> np.ndarray:
        raise NotImplementedError
