from .census_loss import CensusLoss
from .charbonnier_loss import CharbonnierLoss
from .huber_loss import HuberLoss
from .proxy_flow_loss import ProxyFlowLoss
from .rebalanced_ce_loss import RebalancedCrossEntropyLoss
from .smoothness_loss import EdgeAwareSmoothnessLoss
from .ssim_loss import SSIMLoss

__all__ = [
    'CensusLoss', 'CharbonnierLoss', 'EdgeAwareSmoothnessLoss', 'HuberLoss',
    'ProxyFlowLoss', 'RebalancedCrossEntropyLoss', 'SSIMLoss'
]
