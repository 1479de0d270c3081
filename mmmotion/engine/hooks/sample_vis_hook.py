"""Base of the hooks that draw one image per predicted data sample."""
from typing import Any, Optional, Sequence

import numpy as np
from mmengine.hooks import Hook

from mmmotion.utils.data_sample import sample_field


class SampleVisualizationHook(Hook):
    """After every ``interval``-th val / test batch, render the first
    ``max_samples`` data samples that carry all of ``fields`` and send each
    image to every vis backend as ``'{mode}_{image_name}_{batch_idx}_{i}'``
    at step ``runner.iter`` (``runner.epoch`` before any iteration).
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
        drawn = 0
        for i, sample in enumerate(outputs):
            values = [sample_field(sample, f) for f in self.fields]
            if any(v is None for v in values):
                continue
            runner.visualizer.add_image(
                f'{mode}_{self.image_name}_{batch_idx}_{i}',
                self.render(*values),
                step=runner.iter or runner.epoch)
            drawn += 1
            if drawn >= self.max_samples:
                break

    def render(self, *values) -> np.ndarray:
        raise NotImplementedError
