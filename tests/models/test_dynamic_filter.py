import pytest
import torch

import mmmotion  # noqa: F401
from mmmotion.models.layers.dynamic_filter import (apply_dynamic_filters,
                                                   apply_dynamic_filters_loop)


@pytest.mark.parametrize('padding_mode', ['replicate', 'zeros'])
@pytest.mark.parametrize('c', [1, 3])
def test_global_filters_match_loop(c, padding_mode):
    torch.manual_seed(0)
    frames = torch.rand(2, c, 4, 12, 10)
    filters = torch.rand(2, 4, 5, 5).softmax(-1)
    fast = apply_dynamic_filters(frames, filters, padding_mode)
    slow = apply_dynamic_filters_loop(frames, filters, padding_mode)
    assert fast.shape == frames.shape
    torch.testing.assert_close(fast, slow, rtol=1e-5, atol=1e-6)


def test_local_filters_match_loop():
    torch.manual_seed(0)
    frames = torch.rand(2, 3, 3, 9, 8)
    filters = torch.rand(2, 3, 9, 9, 8).softmax(2)
    torch.testing.assert_close(
        apply_dynamic_filters(frames, filters),
        apply_dynamic_filters_loop(frames, filters),
        rtol=1e-5,
        atol=1e-6)


@pytest.mark.parametrize('padding_mode', ['replicate', 'zeros'])
def test_local_filter_gradients_match_loop(padding_mode):
    # the tap-by-tap backward against autograd through the loop
    torch.manual_seed(1)
    grads = []
    for fn in (apply_dynamic_filters, apply_dynamic_filters_loop):
        frames = torch.rand(2, 3, 2, 7, 6, dtype=torch.float64)
        frames.requires_grad_()
        logits = torch.randn(2, 2, 9, 7, 6, dtype=torch.float64)
        logits.requires_grad_()
        torch.manual_seed(2)
        weight = torch.randn(2, 3, 2, 7, 6, dtype=torch.float64)
        (fn(frames, logits.softmax(2), padding_mode) * weight).sum().backward()
        grads.append((frames.grad, logits.grad))
        torch.manual_seed(1)
    torch.testing.assert_close(grads[0][0], grads[1][0])
    torch.testing.assert_close(grads[0][1], grads[1][1])


def test_identity_and_shift_filters_on_real_frames():
    import decord
    vr = decord.VideoReader('tests/data/unlabeled_rgb/milk.mkv')
    x = torch.from_numpy(vr.get_batch([0, 1]).asnumpy()).float() / 255
    frames = x.permute(3, 0, 1, 2)[None, :, :, ::8, ::8].contiguous()
    n, c, t, h, w = frames.shape
    ident = torch.zeros(1, t, 5, 5)
    ident[:, :, 2, 2] = 1
    torch.testing.assert_close(apply_dynamic_filters(frames, ident), frames)
    # a tap one column to the left moves the picture one pixel right
    shift = torch.zeros(1, t, 5, 5)
    shift[:, :, 2, 1] = 1
    out = apply_dynamic_filters(frames, shift)
    torch.testing.assert_close(out[..., 1:], frames[..., :-1])


def test_gradients_reach_filters_and_frames():
    frames = torch.rand(1, 1, 2, 8, 8, requires_grad=True)
    filters = torch.rand(1, 2, 3, 3, requires_grad=True)
    apply_dynamic_filters(frames, filters).sum().backward()
    assert frames.grad.abs().sum() > 0 and filters.grad.abs().sum() > 0


@pytest.mark.parametrize('filters,msg', [
    (torch.rand(1, 2, 4, 4), 'must be odd'),
    (torch.rand(1, 2, 9, 9), 'larger than the frame'),
    (torch.rand(1, 3, 5, 5), 'do not match a clip of 2 frames'),
    (torch.rand(1, 2, 5, 3), 'square'),
])
def test_bad_filters(filters, msg):
    with pytest.raises(ValueError, match=msg):
        apply_dynamic_filters(torch.rand(1, 1, 2, 7, 7), filters)


@pytest.mark.parametrize('mode', ['replicate', 'reflect', 'zeros'])
def test_gradients_match_autograd_of_the_loop(mode):
    # the custom backward re-pads the planes it kept unpadded
    torch.manual_seed(0)
    frames = torch.rand(2, 3, 3, 9, 8, dtype=torch.float64, requires_grad=True)
    filters = torch.rand(2, 3, 5, 5, dtype=torch.float64, requires_grad=True)
    g = torch.rand(2, 3, 3, 9, 8, dtype=torch.float64)
    (apply_dynamic_filters(frames, filters, mode) * g).sum().backward()
    fast = frames.grad.clone(), filters.grad.clone()
    frames.grad = filters.grad = None
    (apply_dynamic_filters_loop(frames, filters, mode) * g).sum().backward()
    torch.testing.assert_close(fast[0], frames.grad)
    torch.testing.assert_close(fast[1], filters.grad)
    torch.autograd.gradcheck(
        lambda x, f: apply_dynamic_filters(x, f, mode),
        (frames[:1, :, :2, :6, :6].detach().requires_grad_(),
         filters[:1, :2, :3, :3].detach().requires_grad_()))
