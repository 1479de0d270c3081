from .atomic_flow_vis_hook import AtomicFlowVisualizationHook
from .frame_prediction_vis_hook import FramePredictionVisualizationHook
from .rng_state_hook import RNGStateHook

__all__ = ['AtomicFlowVisualizationHook', 'FramePredictionVisualizationHook', 'RNGStateHook']
