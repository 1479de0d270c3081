from .atomic_flow_predictor import AtomicFlowPredictor

__all__ = ['AtomicFlowPredictor']
