"""Frames side by side in one image row, for the visualisation hooks."""
import numpy as np
import torch


def frames_to_strip(frames: torch.Tensor) -> np.ndarray:
    """(C, F, H, W) on [0, 1] -> RGB uint8 (H, F * W, 3), frames in a row."""
    if frames.shape[0] == 1:
        frames = frames.expand(3, -1, -1, -1)
    channels, num_frames, height, width = frames.shape
    strip = frames.permute(2, 1, 3, 0).reshape(height, num_frames * width,
                                               channels)
    return (strip * 255).round().to(torch.uint8).numpy()
