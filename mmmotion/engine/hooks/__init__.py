from .frame_prediction_vis_hook import FramePredictionVisualizationHook
from .rng_state_hook import RNGStateHook

__all__ = ['FramePredictionVisualizationHook', 'RNGStateHook']
