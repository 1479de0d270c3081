from .atomic_flow_predictor import AtomicFlowPredictor
from .coarse_to_fine_motion import CoarseToFineMotion

__all__ = ['AtomicFlowPredictor', 'CoarseToFineMotion']
