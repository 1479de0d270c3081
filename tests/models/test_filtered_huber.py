"""The fused filter + Huber loss equals the two-step computation."""
import pytest
import torch

from mmmotion.models.layers import filtered_huber
from mmmotion.models.layers.dynamic_filter import apply_dynamic_filters
from mmmotion.models.layers.filtered_huber import filtered_huber_loss
from mmmotion.models.losses.huber_loss import HuberLoss


def _data(n=3, c=2, t=4, h=9, w=11, s=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    frames = torch.rand(n, c, t, h, w, generator=g, dtype=torch.float64)
    filters = torch.rand(
        n, t, s, s, generator=g, dtype=torch.float64).softmax(-1)
    target = torch.rand(n, c, t, h, w, generator=g, dtype=torch.float64)
    # frames whose prediction error is tiny fall in the quadratic part
    with torch.no_grad():
        pred = apply_dynamic_filters(frames, filters)
    target[0, :, 1] = pred[0, :, 1] + 1e-5
    target[2, :, 3] = pred[2, :, 3] - 2e-5
    return frames, filters, target


@pytest.mark.parametrize('reduction', ['frame', 'pixel'])
@pytest.mark.parametrize('padding_mode', ['replicate', 'reflect', 'zeros'])
@pytest.mark.parametrize('chunk', [1, 400, 1600, 10**9])
def test_equals_two_step(monkeypatch, reduction, padding_mode, chunk):
    # a sample is 2 x 4 x 9 x 11 = 792 elements; chunks of: 1 frame (1),
    # 2 frames of a sample (400), 2 samples (1600), the whole batch
    monkeypatch.setattr(filtered_huber, 'CHUNK_ELEMENTS', chunk)
    frames, filters, target = _data()
    loss_fn = HuberLoss(delta=0.01, reduction=reduction, loss_weight=0.3)
    f1 = filters.clone().requires_grad_()
    ref = loss_fn(apply_dynamic_filters(frames, f1, padding_mode), target)
    ref.backward()
    f2 = filters.clone().requires_grad_()
    out = loss_fn.forward_filtered(frames, f2, target, padding_mode)
    out.backward()
    torch.testing.assert_close(out, ref)
    torch.testing.assert_close(f2.grad, f1.grad)
    assert f1.grad.abs().sum() > 0


def test_quadratic_frames_are_exercised():
    # the fixture has frames on both sides of the Huber threshold, so the
    # equality above covers both branches of the gradient
    frames, filters, target = _data()
    d = apply_dynamic_filters(frames, filters) - target
    l1 = d.abs().sum((1, 3, 4))
    assert (l1 < 0.01).any() and (l1 >= 0.01).any()


def test_no_clip_sized_tensor_is_kept():
    frames, filters, target = _data(n=4, c=3, t=8, h=32, w=32)
    f = filters.clone().requires_grad_()
    loss = filtered_huber_loss(frames, f, target)
    saved = loss.grad_fn.next_functions[0][0].saved_tensors
    assert max(x.numel() for x in saved) == f.numel()


def test_no_grad_and_errors():
    frames, filters, target = _data()
    with torch.no_grad():
        v = filtered_huber_loss(frames, filters, target)
    torch.testing.assert_close(
        v,
        HuberLoss()(apply_dynamic_filters(frames, filters), target))
    with pytest.raises(ValueError, match='global'):
        filtered_huber_loss(frames, torch.rand(3, 4, 25, 9, 11), target)
    with pytest.raises(ValueError, match='differ in shape'):
        filtered_huber_loss(frames, filters, target[:, :, :3])
    with pytest.raises(ValueError, match='no gradient for the frames'):
        filtered_huber_loss(frames.clone().requires_grad_(), filters, target)
    with pytest.raises(ValueError, match='do not match a clip'):
        filtered_huber_loss(frames, filters[:, :3], target)
