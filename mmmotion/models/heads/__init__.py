from .dynamo_head import DynamoHead
from .frame_prediction_head import FramePredictionHead
from .motion_decoder_head import MotionDecoderHead
from .atomic_flow_head import AtomicFlowHead

__all__ = ['MotionDecoderHead', 'AtomicFlowHead', 'DynamoHead', 'FramePredictionHead']
