from .flow_color import flow_to_color
from .frame_strip import frames_to_strip

__all__ = ['flow_to_color', 'frames_to_strip']
