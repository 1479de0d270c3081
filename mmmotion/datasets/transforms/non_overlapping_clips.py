import numpy as np
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS


@TRANSFORMS.register_module()
class NonOverlappingClips(BaseTransform):
    """Split a whole video into consecutive, non-overlapping clips.

    The test protocol of DynamoNet (Diba et al., ICCV 2019, sec. 4.3): a video
    is cut into non-overlapping clips, every clip is scored, and the scores
    are averaged. A video shorter than one clip yields one clip whose indices
    wrap around (as MMAction2's ``SampleFrames`` does with
    ``out_of_bound_opt='loop'``).

    Required keys: ``total_frames``, ``start_index``. Added keys:
    ``frame_inds``, ``clip_len``, ``frame_interval``, ``num_clips``.

    Args:
        clip_len (int): Frames per clip.
        frame_interval (int): Step between sampled frames. Defaults to 1.
        max_clips (int, optional): Keep at most this many clips, evenly
            spread over the video. Defaults to None (all clips).
    """

    def __init__(self,
                 clip_len: int,
                 frame_interval: int = 1,
                 max_clips: int = None) -> None:
        self.clip_len = clip_len
        self.frame_interval = frame_interval
        self.max_clips = max_clips

    def transform(self, results: dict) -> dict:
        n = results['total_frames']
        span = self.clip_len * self.frame_interval
        num = max(1, n // span)
        starts = np.arange(num) * span
        if self.max_clips is not None and num > self.max_clips:
            keep = np.linspace(0, num - 1, self.max_clips).round().astype(int)
            starts = starts[keep]
        offsets = np.arange(self.clip_len) * self.frame_interval
        inds = (starts[:, None] + offsets[None]).reshape(-1) % n
        results['frame_inds'] = inds.astype(int) + results.get(
            'start_index', 0)
        results['clip_len'] = self.clip_len
        results['frame_interval'] = self.frame_interval
        results['num_clips'] = len(starts)
        return results

    def __repr__(self) -> str:
        return (f'{type(self).__name__}(clip_len={self.clip_len}, '
                f'frame_interval={self.frame_interval}, '
                f'max_clips={self.max_clips})')
