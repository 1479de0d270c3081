from .dynamonet import DynamoNet
from .feature_extractor import FeatureExtractor
from .late_fusion import LateFusionRecognizer

__all__ = ['DynamoNet', 'FeatureExtractor', 'LateFusionRecognizer']
