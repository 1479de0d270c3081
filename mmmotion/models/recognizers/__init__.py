from .dynamonet import DynamoNet
from .late_fusion import LateFusionRecognizer

__all__ = ['DynamoNet', 'LateFusionRecognizer']
