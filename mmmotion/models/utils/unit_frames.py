"""Model inputs back to frames on [0, 1], for metrics, pictures and the
inference API."""
import torch
import torch.nn as nn


def unit_frames(data_preprocessor: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Preprocessed inputs on [0, 1]: the data preprocessor's mean / std
    undone (when it normalises), then frames above 1 (RGB on [0, 255])
    divided by 255; depth after ``DepthNormalize`` is already on [0, 1].

    Args:
        data_preprocessor (nn.Module): The model's data preprocessor.
        x (torch.Tensor): ``(N, C, T, H, W)`` preprocessed inputs.

    Returns:
        torch.Tensor: ``(N, C, T, H, W)`` on [0, 1].
    """
    x = x.float()
    dp = data_preprocessor
    if getattr(dp, '_enable_normalize', False):
        x = x * dp.std.to(x) + dp.mean.to(x)
    if x.max() > 1 + 1e-3:
        x = x / 255.
    return x.clamp(0, 1)
