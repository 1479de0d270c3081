from .dynamo_head import DynamoHead
from .frame_prediction_head import FramePredictionHead

__all__ = ['DynamoHead', 'FramePredictionHead']
