from .camera_motion import RandomCameraMotion
from .check_frames import CheckFrameCount
from .depth import DepthDecode, DepthInit, DepthNormalize, load_depth_file
from .even_uniform_sample import EvenUniformSample
from .flow_pair import LoadFlowPair, ResizeFlowPair
from .flow_targets import AtomicFlowTargets, pair_patch_flow
from .merge_depth import MergeDepth
from .motion_flip import MotionFlip
from .non_overlapping_clips import NonOverlappingClips
from .retrieval_split import RetrievalSplit
from .safe_decord_init import SafeDecordInit
from .synthetic_motion import LoadSyntheticMotion

__all__ = [
    'CheckFrameCount', 'DepthDecode', 'DepthInit', 'DepthNormalize',
    'load_depth_file', 'NonOverlappingClips', 'AtomicFlowTargets',
    'pair_patch_flow', 'MotionFlip', 'MergeDepth', 'LoadSyntheticMotion',
    'RetrievalSplit', 'SafeDecordInit', 'LoadFlowPair', 'ResizeFlowPair',
    'RandomCameraMotion', 'EvenUniformSample'
]
