from .frame_prediction_metric import FramePredictionMetric
from .atomic_flow_metric import AtomicFlowMetric

__all__ = ['AtomicFlowMetric', 'FramePredictionMetric']
