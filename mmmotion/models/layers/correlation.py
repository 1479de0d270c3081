"""Local correlation (a cost volume) between the features of two frames."""
import torch.nn.functional as F
from torch import Tensor


def local_correlation(feat1: Tensor, feat2: Tensor,
                      max_displacement: int) -> Tensor:
    """Correlation of every pixel of ``feat1`` with the pixels of ``feat2``
    within ``max_displacement`` of it.

    The cost volume of FlowNet-C and PWC-Net (on which UFlow and ARFlow
    build), in pure PyTorch (mmcv-lite has no correlation op): one
    ``unfold`` of the zero-padded ``feat2``, a product with ``feat1`` and a
    mean over channels. Channel ``i * (2d + 1) + j`` holds the displacement
    ``(dy, dx) = (i - d, j - d)``.

    Args:
        feat1 (Tensor): ``(N, C, H, W)`` features of frame t.
        feat2 (Tensor): ``(N, C, H, W)`` features of frame t+1.
        max_displacement (int): ``d >= 0``, in feature pixels.

    Returns:
        Tensor: ``(N, (2d + 1)^2, H, W)``.
    """
    if feat1.shape != feat2.shape or feat1.dim() != 4:
        raise ValueError(f'two (N, C, H, W) maps of one shape expected, got '
                         f'{tuple(feat1.shape)} and {tuple(feat2.shape)}')
    if max_displacement < 0:
        raise ValueError(f'max_displacement must be >= 0, got '
                         f'{max_displacement}')
    n, c, h, w = feat1.shape
    d = max_displacement
    k = 2 * d + 1
    cols = F.unfold(F.pad(feat2, (d, d, d, d)), k).view(n, c, k * k, h, w)
    return (cols * feat1.unsqueeze(2)).mean(1)


def clip_correlation(feats: Tensor, max_displacement: int) -> Tensor:
    """:func:`local_correlation` of every consecutive frame pair of a clip's
    features.

    Args:
        feats (Tensor): ``(N, C, T, H, W)``, ``T >= 2``.
        max_displacement (int): See :func:`local_correlation`.

    Returns:
        Tensor: ``(N, (2d + 1)^2, T - 1, H, W)``.
    """
    if feats.dim() != 5 or feats.shape[2] < 2:
        raise ValueError('clip features (N, C, T >= 2, H, W) expected, got '
                         f'{tuple(feats.shape)}')
    n, c, t, h, w = feats.shape
    a = feats[:, :, :-1].transpose(1, 2).reshape(n * (t - 1), c, h, w)
    b = feats[:, :, 1:].transpose(1, 2).reshape(n * (t - 1), c, h, w)
    cost = local_correlation(a, b, max_displacement)
    return cost.view(n, t - 1, -1, h, w).transpose(1, 2)
