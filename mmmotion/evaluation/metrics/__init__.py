from .frame_prediction_metric import FramePredictionMetric
from .motion_warp_metric import MotionWarpMetric
from .atomic_flow_metric import AtomicFlowMetric

__all__ = ['MotionWarpMetric', 'AtomicFlowMetric', 'FramePredictionMetric']
