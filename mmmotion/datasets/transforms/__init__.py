from .check_frames import CheckFrameCount
from .depth import DepthDecode, DepthInit, DepthNormalize, load_depth_file
from .non_overlapping_clips import NonOverlappingClips

__all__ = [
    'CheckFrameCount', 'DepthDecode', 'DepthInit', 'DepthNormalize',
    'load_depth_file', 'NonOverlappingClips'
]
