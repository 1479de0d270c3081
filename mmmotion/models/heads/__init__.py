from .dynamo_head import DynamoHead
from .frame_prediction_head import FramePredictionHead
from .atomic_flow_head import AtomicFlowHead

__all__ = ['AtomicFlowHead', 'DynamoHead', 'FramePredictionHead']
