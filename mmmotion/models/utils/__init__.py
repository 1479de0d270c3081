from .base_model import MotionBaseModel
from .unit_frames import unit_frames

__all__ = ['MotionBaseModel', 'unit_frames']
