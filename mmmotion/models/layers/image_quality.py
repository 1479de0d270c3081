"""Image-quality measures shared by the methods: SSIM and PSNR.

Pure PyTorch, vectorised over the batch and the channels, differentiable.
The loss built on :func:`ssim` is ``SSIMLoss``
(``mmmotion/models/losses/ssim_loss.py``), configured like the other losses.

:func:`ssim` reproduces scikit-image's default
``skimage.metrics.structural_similarity(im1, im2, data_range=R,
channel_axis=0, win_size=7)`` (Wang et al., "Image Quality Assessment: From
Error Visibility to Structural Similarity", TIP 2004,
https://doi.org/10.1109/TIP.2003.819861, with scikit-image's defaults):

- a uniform ``win_size x win_size`` window (not the paper's 11x11 Gaussian);
- ``K1 = 0.01``, ``K2 = 0.03``, ``C1 = (K1 * R) ** 2``, ``C2 = (K2 * R) ** 2``;
- sample (co)variances, i.e. the window statistics multiplied by
  ``N / (N - 1)`` with ``N = win_size ** 2`` (``use_sample_covariance=True``);
- the SSIM map is averaged after cropping ``(win_size - 1) // 2`` pixels at
  every border, which is the same as evaluating the window only where it lies
  fully inside the image ("valid" positions), then averaged over channels.

Inputs are computed in their own floating dtype (at least float32); float32
frames agree with scikit-image's float64 result to about 1e-6.

DynamoNet (Diba et al., ICCV 2019) reports next-frame prediction quality as
SSIM (0.95 on UCF101, compared with 0.92 for Mathieu et al.); the numbers
computed here are comparable with scikit-image's, the usual reference
implementation.
"""
import torch
import torch.nn.functional as F
from torch import Tensor

__all__ = ['ssim', 'ssim_map', 'psnr']

_REDUCTIONS = ('mean', 'none')


def _check_pair(x: Tensor, y: Tensor, name: str) -> None:
    if not isinstance(x, Tensor) or not isinstance(y, Tensor):
        raise TypeError(f'{name} expects two tensors, got {type(x).__name__} '
                        f'and {type(y).__name__}.')
    if x.shape != y.shape:
        raise ValueError(f'{name} expects two images of the same shape, got '
                         f'{tuple(x.shape)} and {tuple(y.shape)}.')
    if x.dim() != 4:
        raise ValueError(f'{name} expects 4-D tensors of shape (N, C, H, W), '
                         f'got a {x.dim()}-D tensor of shape '
                         f'{tuple(x.shape)}.')


def _check_range_and_reduction(data_range: float, reduction: str) -> None:
    if not data_range > 0:
        raise ValueError(f'data_range must be positive, got {data_range}.')
    if reduction not in _REDUCTIONS:
        raise ValueError(f'reduction must be one of {_REDUCTIONS}, got '
                         f'{reduction!r}.')


def _as_float(x: Tensor, y: Tensor) -> tuple:
    """Cast both images to one floating dtype of at least float32."""
    dtype = torch.promote_types(
        torch.promote_types(x.dtype, y.dtype), torch.float32)
    return x.to(dtype), y.to(dtype)


def ssim_map(x: Tensor,
             y: Tensor,
             data_range: float = 1.0,
             win_size: int = 7,
             k1: float = 0.01,
             k2: float = 0.03) -> Tensor:
    """Local SSIM at every position where the window fits in the image.

    The map is scikit-image's full SSIM image (``full=True``) with its
    ``(win_size - 1) // 2`` border cropped; its mean is :func:`ssim`. Losses
    that need a per-pixel term (e.g. a photometric warping loss with an
    occlusion mask) can weight or mask this map themselves.

    Args:
        x (Tensor): Images of shape (N, C, H, W), on a [0, data_range] scale.
        y (Tensor): Images of the same shape as ``x``.
        data_range (float): The value range of the images (1.0 for [0, 1],
            255.0 for [0, 255]). Sets the stabilisers ``C1 = (k1 * R) ** 2``
            and ``C2 = (k2 * R) ** 2``. Defaults to 1.0.
        win_size (int): Side of the uniform square window; odd and at least
            3. Defaults to 7 (scikit-image's default).
        k1 (float): Luminance stabiliser constant. Defaults to 0.01.
        k2 (float): Contrast stabiliser constant. Defaults to 0.03.

    Returns:
        Tensor: The SSIM map of shape
        (N, C, H - win_size + 1, W - win_size + 1), in the inputs' floating
        dtype (at least float32).

    Raises:
        ValueError: If the shapes differ, the inputs are not 4-D, the window
            is even or smaller than 3, or an image side is smaller than
            ``win_size``.
    """
    _check_pair(x, y, 'ssim_map')
    if not data_range > 0:
        raise ValueError(f'data_range must be positive, got {data_range}.')
    if win_size < 3 or win_size % 2 == 0:
        raise ValueError(
            f'win_size must be an odd integer >= 3, got {win_size}.')
    height, width = x.shape[-2:]
    if height < win_size or width < win_size:
        raise ValueError(
            f'win_size={win_size} exceeds the image size {height}x{width}; '
            f'images must be at least {win_size}x{win_size} (pass a smaller '
            f'odd win_size, or check that the channels are on dim 1).')
    x, y = _as_float(x, y)
    channels = x.shape[1]
    # (Co)variances are shift invariant: centre both images on a shared
    # per-image, per-channel constant so that E[x^2] - E[x]^2 cancels less
    # in float32, and add it back to the means. No effect on the value in
    # exact arithmetic, nor on the gradient (the constant is detached).
    shift = 0.5 * (x.mean(dim=(2, 3), keepdim=True) +
                   y.mean(dim=(2, 3), keepdim=True)).detach()
    x = x - shift
    y = y - shift

    # One pooling call for the five window statistics: E[x], E[y], E[x^2],
    # E[y^2], E[xy]. 'Valid' pooling = skimage's uniform filter + border crop.
    stats = F.avg_pool2d(
        torch.cat([x, y, x * x, y * y, x * y], dim=1),
        kernel_size=win_size,
        stride=1)
    ux, uy, uxx, uyy, uxy = torch.split(stats, channels, dim=1)

    num = win_size * win_size
    cov_norm = num / (num - 1)  # sample covariance, as skimage's default
    vx = cov_norm * (uxx - ux * ux)
    vy = cov_norm * (uyy - uy * uy)
    vxy = cov_norm * (uxy - ux * uy)

    ux = ux + shift
    uy = uy + shift
    c1 = (k1 * data_range)**2
    c2 = (k2 * data_range)**2
    numerator = (2 * ux * uy + c1) * (2 * vxy + c2)
    denominator = (ux * ux + uy * uy + c1) * (vx + vy + c2)
    return numerator / denominator


def ssim(x: Tensor,
         y: Tensor,
         data_range: float = 1.0,
         win_size: int = 7,
         reduction: str = 'mean') -> Tensor:
    """Structural similarity, equal to scikit-image's default SSIM.

    For every sample ``i``, ``ssim(x, y, reduction='none')[i]`` equals
    ``skimage.metrics.structural_similarity(x[i], y[i], data_range=R,
    channel_axis=0, win_size=win_size)`` (see the module docstring for the
    settings this implies).

    Args:
        x (Tensor): Images of shape (N, C, H, W), on a [0, data_range] scale.
        y (Tensor): Images of the same shape as ``x``.
        data_range (float): The value range of the images. Defaults to 1.0.
        win_size (int): Side of the uniform window; odd, >= 3, and at most
            min(H, W). Defaults to 7.
        reduction (str): ``'mean'`` for the mean over the batch (a scalar),
            ``'none'`` for one value per sample, shape (N,).
            Defaults to ``'mean'``.

    Returns:
        Tensor: A scalar, or shape (N,) with ``reduction='none'``. 1 for
        identical images.

    Raises:
        ValueError: On mismatched shapes, non-4-D inputs, images smaller than
            ``win_size``, a bad ``win_size`` or ``reduction``.
    """
    _check_range_and_reduction(data_range, reduction)
    per_sample = ssim_map(x, y, data_range, win_size).flatten(1).mean(dim=1)
    return per_sample.mean() if reduction == 'mean' else per_sample


def psnr(x: Tensor,
         y: Tensor,
         data_range: float = 1.0,
         reduction: str = 'mean',
         eps: float = 1e-10) -> Tensor:
    """Peak signal-to-noise ratio in dB, per sample.

    ``10 * log10(data_range ** 2 / mse)`` with the mean squared error taken
    over (C, H, W) of each sample, as
    ``skimage.metrics.peak_signal_noise_ratio(x[i], y[i], data_range=R)``.
    Symmetric in ``x`` and ``y``.

    To keep identical images finite, the MSE is clamped from below to
    ``eps * data_range ** 2`` (ours; scikit-image returns ``inf``): identical
    images give ``10 * log10(1 / eps)`` = 100 dB with the default ``eps``,
    whatever the data range. Only values above that cap differ from
    scikit-image.

    Args:
        x (Tensor): Images of shape (N, C, H, W), on a [0, data_range] scale.
        y (Tensor): Images of the same shape as ``x``.
        data_range (float): The value range of the images. Defaults to 1.0.
        reduction (str): ``'mean'`` for the mean of the per-sample PSNRs (a
            scalar; not the PSNR of the mean MSE), ``'none'`` for shape (N,).
            Defaults to ``'mean'``.
        eps (float): Lower bound of ``mse / data_range ** 2``.
            Defaults to 1e-10.

    Returns:
        Tensor: A scalar, or shape (N,) with ``reduction='none'``.

    Raises:
        ValueError: On mismatched shapes, non-4-D inputs or a bad
            ``reduction``.
    """
    _check_pair(x, y, 'psnr')
    _check_range_and_reduction(data_range, reduction)
    x, y = _as_float(x, y)
    mse = (x - y).pow(2).flatten(1).mean(dim=1)
    mse = mse.clamp_min(eps * data_range**2)
    per_sample = 10 * torch.log10(data_range**2 / mse)
    return per_sample.mean() if reduction == 'mean' else per_sample
