from .conv_lstm_encoder import ConvLSTMEncoder
from .frozen_features import FrozenFeatures
from .motion_stream_backbone import MotionStreamBackbone
from .pairwise_motion_backbone import PairwiseMotionBackbone
from .resnext3d import ResNeXt3D

__all__ = [
    'MotionStreamBackbone', 'ConvLSTMEncoder', 'PairwiseMotionBackbone',
    'ResNeXt3D', 'FrozenFeatures'
]
