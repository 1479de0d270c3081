from .resnext3d import ResNeXt3D
from .conv_lstm_encoder import ConvLSTMEncoder
from .motion_stream_backbone import MotionStreamBackbone
from .pairwise_motion_backbone import PairwiseMotionBackbone

__all__ = ['MotionStreamBackbone', 'ConvLSTMEncoder', 'PairwiseMotionBackbone', 'ResNeXt3D']
