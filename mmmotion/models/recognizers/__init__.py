from .dynamonet import DynamoNet

__all__ = ['DynamoNet']
