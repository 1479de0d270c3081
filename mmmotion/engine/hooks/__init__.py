from .atomic_flow_vis_hook import AtomicFlowVisualizationHook
from .frame_prediction_vis_hook import FramePredictionVisualizationHook
from .motion_vis_hook import MotionVisualizationHook
from .rng_state_hook import RNGStateHook

__all__ = [
    'MotionVisualizationHook', 'AtomicFlowVisualizationHook',
    'FramePredictionVisualizationHook', 'RNGStateHook'
]
