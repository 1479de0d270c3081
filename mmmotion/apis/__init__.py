"""Inference with trained models: build one from its config and checkpoint
(:func:`init_model`), run it on a video (:func:`inference_motion`)."""
from .inference import (AtomicFlowResult, FramePredictionResult, MotionResult,
                        RecognitionResult, inference_motion)
from .model_init import init_model
from .video_clips import ClipReader, video_pipeline_cfg

__all__ = [
    'init_model', 'inference_motion', 'MotionResult', 'FramePredictionResult',
    'AtomicFlowResult', 'RecognitionResult', 'ClipReader', 'video_pipeline_cfg'
]
