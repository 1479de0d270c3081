from .check_frames import CheckFrameCount
from .depth import DepthDecode, DepthInit, DepthNormalize, load_depth_file

__all__ = [
    'CheckFrameCount', 'DepthDecode', 'DepthInit', 'DepthNormalize',
    'load_depth_file'
]
