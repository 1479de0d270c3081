from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS
from ..errors import BadSampleError


@TRANSFORMS.register_module()
class CheckFrameCount(BaseTransform):
    """Refuse a video shorter than the sampling needs.

    MMAction2's samplers silently loop or repeat frames of a short video; put
    this after the ``*Init`` transform to get an error (or, with the dataset's
    ``skip_invalid``, a logged skip) instead.

    Args:
        min_frames (int): The fewest frames a video must have, e.g.
            ``clip_len * frame_interval`` for ``SampleFrames``.
    """

    def __init__(self, min_frames: int) -> None:
        self.min_frames = min_frames

    def transform(self, results: dict) -> dict:
        n = results['total_frames']
        if n < self.min_frames:
            raise BadSampleError(
                f'{results.get("filename")}: {n} frames, fewer than the '
                f'{self.min_frames} the clip sampling needs')
        return results
