from .frame_prediction_metric import FramePredictionMetric

__all__ = ['FramePredictionMetric']
