"""Dense 2D flow from atomic-flow predictions (per-patch codeword
distributions), to compare a model of Luo et al. with ground-truth flow.

Luo et al. (CVPR 2017) predict, for each of the next N steps, a distribution
over K codewords for every non-overlapping patch; the poster defines no
dense decoding and no flow benchmark. All of this module is ours:

- a patch's flow is the expected codeword under the predicted distribution
  (``'expected'``, what ``AtomicFlowMetric``'s EPE uses) or the most likely
  codeword (``'argmax'``); of a 3D codeword ``(dx, dy, dz)`` only
  ``(dx, dy)`` is kept;
- units: a codeword is a patch mean of the 2D flow in pixels of the frames
  the targets were computed on (``AtomicFlowTargets`` after the pipeline's
  resize / crop), so a prediction is in pixels of the frames the model
  reads. Patch ``(i, j)`` covers pixels ``[i p, (i + 1) p) x [j p, (j + 1)
  p)`` of those frames (``p`` = the patch size, frame = ``Hp p x Wp p``);
- the patch grid is brought to pixels by ``'nearest'`` (each pixel takes
  its patch's flow: the representation as it is) or ``'bilinear'``
  (interpolated between the patch centres, ``align_corners=False``);
  decoded to another pixel grid than ``Hp p x Wp p``, the flow is resized
  and its ``x`` / ``y`` components scaled by the width / height ratio, so it
  stays in pixels of the grid it is decoded to;
- the sign is the targets': the flow from frame t to t+1 (OpenCV's
  convention, ``frame_t(x) ~ frame_t1(x + flow(x))``), as ground-truth
  ``.flo`` files and ``backward_warp`` take it.
"""
from typing import Optional, Tuple

import torch
import torch.nn.functional as F

DECODES = ('expected', 'argmax')
UPSAMPLES = ('nearest', 'bilinear')


def patch_flow_from_logits(logits: torch.Tensor,
                           codewords: torch.Tensor,
                           step: int = 0,
                           decode: str = 'expected') -> torch.Tensor:
    """The 2D patch flow of one predicted step.

    Args:
        logits (Tensor): ``(N, K, S, Hp, Wp)`` codeword logits
            (``AtomicFlowHead``'s output).
        codewords (Tensor): ``(K, D)`` codewords, ``D`` 2 or 3 (the first
            two components are ``dx, dy`` in pixels).
        step (int): Which of the S steps (0: the first). Defaults to 0.
        decode (str): ``'expected'`` (sum_k p_k c_k) or ``'argmax'``.
            Defaults to ``'expected'``.

    Returns:
        Tensor: ``(N, 2, Hp, Wp)`` patch flow (pixels).
    """
    if decode not in DECODES:
        raise ValueError(f'decode must be one of {DECODES}, got {decode!r}')
    if logits.dim() != 5:
        raise ValueError('logits must be (N, K, S, Hp, Wp), got shape '
                         f'{tuple(logits.shape)}')
    k, s = logits.shape[1:3]
    if codewords.dim() != 2 or codewords.shape[0] != k or \
            codewords.shape[1] < 2:
        raise ValueError(f'codewords must be ({k}, D >= 2) for logits over '
                         f'{k} codewords, got shape {tuple(codewords.shape)}')
    if not -s <= step < s:
        raise ValueError(f'step {step} is not one of the {s} predicted steps')
    lg = logits[:, :, step].float()  # (N, K, Hp, Wp)
    cw = codewords[:, :2].to(lg)
    if decode == 'expected':
        return torch.einsum('nkhw,kd->ndhw', lg.softmax(1), cw)
    return cw[lg.argmax(1)].permute(0, 3, 1, 2)


def patch_flow_to_dense(flow: torch.Tensor,
                        patch: int,
                        size: Optional[Tuple[int, int]] = None,
                        upsample: str = 'bilinear') -> torch.Tensor:
    """A patch-grid flow as a per-pixel flow.

    Args:
        flow (Tensor): ``(N, 2, Hp, Wp)`` patch flow in pixels of frames of
            ``Hp * patch x Wp * patch``.
        patch (int): The patch size of the grid.
        size (tuple[int, int], optional): ``(H, W)`` of the pixel grid to
            decode to. Defaults to None (``(Hp * patch, Wp * patch)``, the
            frames the model read).
        upsample (str): ``'nearest'`` or ``'bilinear'``.
            Defaults to ``'bilinear'``.

    Returns:
        Tensor: ``(N, 2, H, W)`` flow in pixels of the ``H x W`` grid.
    """
    if upsample not in UPSAMPLES:
        raise ValueError(
            f'upsample must be one of {UPSAMPLES}, got {upsample!r}')
    if flow.dim() != 4 or flow.shape[1] != 2:
        raise ValueError('flow must be (N, 2, Hp, Wp), got shape '
                         f'{tuple(flow.shape)}')
    if int(patch) != patch or patch < 1:
        raise ValueError(f'patch must be a positive integer, got {patch}')
    hp, wp = flow.shape[-2:]
    h_in, w_in = hp * patch, wp * patch
    h, w = (h_in, w_in) if size is None else (int(size[0]), int(size[1]))
    if upsample == 'nearest':
        dense = flow.repeat_interleave(patch, 2).repeat_interleave(patch, 3)
        if (h, w) != (h_in, w_in):
            dense = F.interpolate(dense, size=(h, w), mode='nearest')
    else:
        # bilinear from the patch centres; one resize to the output grid
        # puts a patch's centre where its pixels' centre lands
        dense = F.interpolate(
            flow, size=(h, w), mode='bilinear', align_corners=False)
    # pixels of the frames the model read -> pixels of the output grid
    scale = flow.new_tensor([w / w_in, h / h_in]).view(1, 2, 1, 1)
    return dense * scale


def decode_dense_flow(logits: torch.Tensor,
                      codewords: torch.Tensor,
                      patch: int,
                      size: Optional[Tuple[int, int]] = None,
                      step: int = 0,
                      decode: str = 'expected',
                      upsample: str = 'bilinear') -> torch.Tensor:
    """:func:`patch_flow_from_logits`, then :func:`patch_flow_to_dense`.

    Args:
        logits (Tensor): ``(N, K, S, Hp, Wp)`` codeword logits.
        codewords (Tensor): ``(K, D)`` codewords (pixels).
        patch (int): The patch size.
        size (tuple[int, int], optional): ``(H, W)`` to decode to.
            Defaults to None (the frames the model read).
        step (int): Which predicted step. Defaults to 0.
        decode (str): ``'expected'`` or ``'argmax'``.
            Defaults to ``'expected'``.
        upsample (str): ``'nearest'`` or ``'bilinear'``.
            Defaults to ``'bilinear'``.

    Returns:
        Tensor: ``(N, 2, H, W)`` flow in pixels, from frame t to t+1.
    """
    return patch_flow_to_dense(
        patch_flow_from_logits(logits, codewords, step, decode), patch, size,
        upsample)
