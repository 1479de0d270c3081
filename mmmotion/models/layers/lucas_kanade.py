"""A differentiable Lucas-Kanade step on multi-channel features (shared
layer).

Lucas and Kanade (IJCAI 1981), in the pyramidal, iterative form of Bouguet
(OpenCV's ``calcOpticalFlowPyrLK``) and with learnable features and damping
as Lv et al. ("Taking a Deeper Look at the Inverse Compositional
Algorithm", CVPR 2019) train it: linearise the brightness constancy of
frame t and frame t+1 warped by the current flow, sum the normal equations
over a window and over the channels, and solve the 2 x 2 system of every
pixel in closed form, damped (Levenberg-Marquardt, Tikhonov) so that flat
windows give no update instead of a division by zero. Pure PyTorch, every
operation differentiable, so the features it reads and its damping can be
learned by the warping loss. Written here (ours).
"""
import torch
import torch.nn.functional as F
from torch import Tensor

from .warp import backward_warp


def image_gradients(x: Tensor) -> tuple:
    """Central differences ``(d/dx, d/dy)`` of ``(N, C, H, W)`` maps,
    borders replicated."""
    px = F.pad(x, (1, 1, 0, 0), mode='replicate')
    py = F.pad(x, (0, 0, 1, 1), mode='replicate')
    return ((px[..., 2:] - px[..., :-2]) / 2,
            (py[..., 2:, :] - py[..., :-2, :]) / 2)


def box_filter(x: Tensor, window: int) -> Tensor:
    """Mean over a ``window x window`` neighbourhood (replicated borders)."""
    if window < 1 or window % 2 == 0:
        raise ValueError(f'the window must be odd and >= 1, got {window}')
    if window == 1:
        return x
    r = window // 2
    return F.avg_pool2d(
        F.pad(x, (r, r, r, r), mode='replicate'), window, stride=1)


def lucas_kanade_step(feat_a: Tensor,
                      feat_b: Tensor,
                      flow: Tensor,
                      window: int,
                      damping,
                      max_step: float = 0.0) -> Tensor:
    """One Gauss-Newton update of ``flow`` from ``feat_a`` to ``feat_b``.

    ``feat_b`` is warped by ``flow`` (``backward_warp``); with ``g`` the
    spatial gradient of the mean of ``feat_a`` and the warped ``feat_b``
    (the symmetric form) and ``e`` their difference, every pixel solves
    ``(sum g g^T + damping I) du = -sum g e`` over the window and the
    channels.

    Args:
        feat_a (Tensor): ``(N, C, H, W)`` features of frame t.
        feat_b (Tensor): ``(N, C, H, W)`` features of frame t+1.
        flow (Tensor): ``(N, 2, H, W)`` current flow ``(dx, dy)`` in pixels
            of these maps.
        window (int): Odd side of the summation window.
        damping (float or Tensor): ``> 0``, added to the diagonal (in the
            units of the window-mean of ``g g^T``); a scalar or an
            ``(N, 1, H, W)`` map.
        max_step (float): If > 0, a trust region: each update component
            is bounded softly, ``max_step * tanh(du / max_step)`` (ours:
            a nearly singular window under a learned damping would
            otherwise send the flow to infinity). Defaults to 0 (none).

    Returns:
        Tensor: ``(N, 2, H, W)`` the updated flow.
    """
    if feat_a.shape != feat_b.shape or feat_a.dim() != 4:
        raise ValueError(f'two (N, C, H, W) maps of one shape expected, got '
                         f'{tuple(feat_a.shape)} and {tuple(feat_b.shape)}')
    warped = backward_warp(feat_b, flow)
    gx, gy = image_gradients((feat_a + warped) / 2)
    e = warped - feat_a
    a11 = box_filter((gx * gx).sum(1, keepdim=True), window) + damping
    a12 = box_filter((gx * gy).sum(1, keepdim=True), window)
    a22 = box_filter((gy * gy).sum(1, keepdim=True), window) + damping
    b1 = box_filter((gx * e).sum(1, keepdim=True), window)
    b2 = box_filter((gy * e).sum(1, keepdim=True), window)
    det = a11 * a22 - a12 * a12
    du = -(a22 * b1 - a12 * b2) / det
    dv = -(a11 * b2 - a12 * b1) / det
    step = torch.cat([du, dv], 1)
    if max_step > 0:
        step = max_step * torch.tanh(step / max_step)
    return flow + step
