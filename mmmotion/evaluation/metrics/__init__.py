from .atomic_flow_metric import AtomicFlowMetric
from .frame_prediction_metric import FramePredictionMetric
from .motion_warp_metric import MotionWarpMetric
from .retrieval_metric import RetrievalMetric

__all__ = [
    'MotionWarpMetric', 'AtomicFlowMetric', 'FramePredictionMetric',
    'RetrievalMetric'
]
