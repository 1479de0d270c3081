from .huber_loss import HuberLoss

__all__ = ['HuberLoss']
