"""Shared warping, the context-guided upsampler, photometric losses."""
import os.path as osp

import cv2
import decord
import pytest
import torch

import mmmotion  # noqa: F401
from mmmotion.models.layers import (ContextGuidedUpsample, backward_warp,
                                    reassemble, reassemble_naive, warp_pair)
from mmmotion.models.losses import CharbonnierLoss, EdgeAwareSmoothnessLoss

VIDEO = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'unlabeled_rgb',
    'milk.mkv')


@pytest.fixture(scope='module')
def frame():
    f = decord.VideoReader(VIDEO)[10].asnumpy()
    f = cv2.resize(f, (64, 48), interpolation=cv2.INTER_AREA)
    return torch.from_numpy(f).permute(2, 0, 1)[None].double() / 255


def test_warp_by_a_known_shift_rebuilds_the_frame(frame):
    nxt = torch.roll(frame, shifts=3, dims=3)  # content moves 3 px right
    flow = torch.zeros(1, 2, 48, 64, dtype=torch.double)
    flow[:, 0] = 3
    out, mask = backward_warp(nxt, flow, return_mask=True)
    torch.testing.assert_close(out[..., :-3], frame[..., :-3])
    assert mask[..., :-3].all() and not mask[..., -3:].any()
    # half a pixel: the mean of the two neighbours
    half = backward_warp(nxt, flow * (0.5 / 3))  # dx = 0.5, dy = 0
    torch.testing.assert_close(half[..., :-1],
                               0.5 * (nxt[..., :-1] + nxt[..., 1:]))


def test_warp_pair_and_bad_input(frame):
    clip = torch.stack([frame[0], torch.roll(frame[0], 2, 2)], 1)[None]
    flows = torch.zeros(1, 2, 1, 48, 64, dtype=torch.double)
    flows[:, 0] = 2
    out, mask = warp_pair(clip, flows)
    torch.testing.assert_close(out[0, :, 0, :, :-2], frame[0, :, :, :-2])
    with pytest.raises(ValueError, match='T >= 2'):
        warp_pair(clip[:, :, :1], flows)
    with pytest.raises(ValueError, match='NaN'):
        backward_warp(frame, torch.full((1, 2, 48, 64), float('nan')))
    with pytest.raises(ValueError, match='flow must be'):
        backward_warp(frame, torch.zeros(1, 2, 24, 32))


@pytest.mark.parametrize('scale', [2, 4, 8])
def test_reassembly_matches_the_naive_loop(scale):
    torch.manual_seed(0)
    low = torch.randn(2, 2, 3, 4, dtype=torch.double)
    w = torch.randn(2, 9, 3 * scale, 4 * scale, dtype=torch.double).softmax(1)
    torch.testing.assert_close(
        reassemble(low, w, scale, 3), reassemble_naive(low, w, scale, 3))


def test_upsampler_gradcheck_and_constant_motion():
    torch.manual_seed(0)
    up = ContextGuidedUpsample(4, scale=2, kernel_size=3, mid_channels=4)
    up = up.double()
    torch.nn.init.normal_(up.kernel_net[-1].weight, std=0.5)
    low = torch.randn(1, 2, 3, 3, dtype=torch.double, requires_grad=True)
    ctx = torch.randn(1, 4, 6, 6, dtype=torch.double, requires_grad=True)
    assert torch.autograd.gradcheck(up, (low, ctx))
    # a constant motion stays constant (times the scale): convex weights
    const = torch.ones(1, 2, 3, 3, dtype=torch.double) * 0.5
    torch.testing.assert_close(
        up(const, ctx), torch.ones(1, 2, 6, 6, dtype=torch.double))
    with pytest.raises(ValueError, match='context must be'):
        up(low, ctx[..., :5])
    with pytest.raises(ValueError, match='scale must be 2, 4 or 8'):
        ContextGuidedUpsample(4, scale=3)


def test_losses(frame):
    ch = CharbonnierLoss(eps=1e-3)
    assert ch(frame, frame).item() == pytest.approx(1e-3)
    mask = torch.zeros_like(frame[:, :1])
    mask[..., :10] = 1
    noisy = frame.clone()
    noisy[..., 10:] += 1  # errors only outside the mask
    assert ch(noisy, frame, mask).item() == pytest.approx(1e-3)
    sm = EdgeAwareSmoothnessLoss(alpha=10)
    flat = torch.zeros(1, 2, 48, 64, dtype=torch.double)
    assert sm(flat, frame).item() == 0
    ramp = torch.linspace(0, 1, 64, dtype=torch.double).expand(1, 2, 48, 64)
    # the same motion gradient costs less where the image has edges
    edges = torch.zeros_like(frame)
    edges[..., ::2] = 1
    assert sm(ramp, edges) < sm(ramp, torch.zeros_like(frame))
