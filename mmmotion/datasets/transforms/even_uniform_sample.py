import numpy as np
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS


@TRANSFORMS.register_module()
class EvenUniformSample(BaseTransform):
    """``clip_len`` frames spread over the whole video at even gaps.

    MMAction2's ``UniformSample`` splits the video into ``clip_len`` equal
    segments. In training it draws each frame anywhere in its segment, on its
    own, so the gap between two consecutive sampled frames varies from 0 to
    two segments; in test mode every gap is one segment. A model that reads
    the motion between consecutive sampled frames (``PairwiseMotionBackbone``)
    then trains on frame pairs whose time gap, and so whose motion, differs
    from clip to clip and from the test clips.

    This sampler (ours, issue 17) keeps the segments but draws one offset in
    ``[0, segment)`` for the whole clip, so that every gap is one segment (up
    to rounding) in training as in testing; the clip still starts at a random
    place. In test mode the offset is the one ``UniformSample`` uses for a
    single test clip, so the test frames are the same as that transform's.

    Args:
        clip_len (int): Frames per clip.
        test_mode (bool): Use the fixed test offset. Defaults to False.
    """

    def __init__(self, clip_len: int, test_mode: bool = False) -> None:
        if clip_len < 1:
            raise ValueError(f'clip_len must be >= 1, got {clip_len}')
        self.clip_len = clip_len
        self.test_mode = test_mode

    def frame_indices(self, num_frames: int) -> np.ndarray:
        """The sampled indices (before ``start_index``) of a video."""
        seg = float(num_frames - 1) / self.clip_len
        starts = np.round(seg * np.arange(self.clip_len)).astype(np.int64)
        if self.test_mode:
            # UniformSample(test_mode=True, num_clips=1): int(seg / 2)
            inds = starts + int(seg / 2)
        else:
            inds = np.round(seg * np.arange(self.clip_len) +
                            np.random.uniform(0, seg)).astype(np.int64)
        return np.clip(inds, 0, max(num_frames - 1, 0))

    def transform(self, results: dict) -> dict:
        inds = self.frame_indices(results['total_frames'])
        results['frame_inds'] = (inds +
                                 results['start_index']).astype(np.int32)
        results['clip_len'] = self.clip_len
        results['frame_interval'] = None
        results['num_clips'] = 1
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(clip_len={self.clip_len}, '
                f'test_mode={self.test_mode})')
