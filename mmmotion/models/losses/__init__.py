from .huber_loss import HuberLoss
from .rebalanced_ce_loss import RebalancedCrossEntropyLoss

__all__ = ['HuberLoss', 'RebalancedCrossEntropyLoss']
