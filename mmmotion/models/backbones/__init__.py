from .resnext3d import ResNeXt3D
from .conv_lstm_encoder import ConvLSTMEncoder
from .pairwise_motion_backbone import PairwiseMotionBackbone

__all__ = ['ConvLSTMEncoder', 'PairwiseMotionBackbone', 'ResNeXt3D']
