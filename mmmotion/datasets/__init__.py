from .errors import BadSampleError
from .flow_pair_dataset import FlowPairDataset
from .motion_video_dataset import MotionVideoDataset
from .transforms import *  # noqa: F401,F403
from .unlabeled_video_dataset import UnlabeledVideoDataset

__all__ = [
    'BadSampleError', 'FlowPairDataset', 'MotionVideoDataset',
    'UnlabeledVideoDataset'
]
