from .base_model import MotionBaseModel

__all__ = ['MotionBaseModel']
