from .atomic_flow_head import AtomicFlowHead
from .dynamo_head import DynamoHead
from .frame_prediction_head import FramePredictionHead
from .linear_probe_head import LinearProbeHead
from .motion_decoder_head import MotionDecoderHead
from .pairwise_flow_head import PairwiseFlowHead
from .warp_loss_head import WarpLossHead

__all__ = [
    'MotionDecoderHead', 'AtomicFlowHead', 'DynamoHead', 'FramePredictionHead',
    'LinearProbeHead', 'PairwiseFlowHead', 'WarpLossHead'
]
