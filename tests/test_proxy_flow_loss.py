"""ProxyFlowLoss: DIS flow of the pair as a decaying guidance target."""
import numpy as np
import pytest
import torch
from mmengine.logging import MessageHub

from mmmotion.models.layers.warp import backward_warp
from mmmotion.models.losses import ProxyFlowLoss
from mmmotion.models.losses.proxy_flow_loss import proxy_flow


def _shifted_pair(dx: int = 2):
    rng = np.random.default_rng(0)
    img = rng.random((1, 1, 40, 48)).astype(np.float32)
    img = torch.from_numpy(img)
    img = torch.nn.functional.avg_pool2d(img, 3, 1, 1)  # some smoothness
    prev = img
    nxt = torch.roll(img, shifts=dx, dims=-1)  # content moves right by dx
    return prev.expand(1, 3, -1, -1), nxt.expand(1, 3, -1, -1)


def test_proxy_flow_finds_the_shift():
    prev, nxt = _shifted_pair(2)
    flow = proxy_flow(prev, nxt)
    assert flow.shape == (1, 2, 40, 48)
    inner = flow[..., 8:-8, 8:-8]
    # next(p + flow) ~ prev(p): a rightward shift is dx = +2
    assert abs(inner[:, 0].median().item() - 2) < 0.3
    assert inner[:, 1].abs().median().item() < 0.3
    warped = backward_warp(nxt, flow)
    err_dis = (warped - prev)[..., 8:-8, 8:-8].abs().mean()
    err_zero = (nxt - prev)[..., 8:-8, 8:-8].abs().mean()
    assert err_dis < 0.5 * err_zero


def test_loss_prefers_the_proxy_and_decays():
    prev, nxt = _shifted_pair(2)
    loss = ProxyFlowLoss(loss_weight=1.0, until=0.5)
    zero = torch.zeros(1, 2, 40, 48, requires_grad=True)
    target = proxy_flow(prev, nxt)
    hub = MessageHub.get_instance('test_proxy_flow_loss')
    hub.update_info('max_iters', 100)
    hub.update_info('iter', 0)
    at_zero = loss(zero, prev, nxt)
    at_target = loss(target, prev, nxt)
    assert at_zero.item() > 1.0 and at_target.item() < 0.01
    at_zero.backward()
    assert zero.grad.abs().sum() > 0
    hub.update_info('iter', 25)
    assert loss.current_weight() == pytest.approx(0.5)
    hub.update_info('iter', 60)
    assert loss.current_weight() == 0
    assert loss(zero, prev, nxt).item() == 0


def test_bad_arguments():
    with pytest.raises(ValueError, match='until'):
        ProxyFlowLoss(until=1.5)
    with pytest.raises(ValueError, match='method'):
        ProxyFlowLoss(method='tvl1')
    with pytest.raises(ValueError, match='channels'):
        proxy_flow(torch.zeros(1, 2, 8, 8), torch.zeros(1, 2, 8, 8))


def test_decoder_head_adds_the_guidance_term():
    from mmmotion.models.heads import MotionDecoderHead
    prev, nxt = _shifted_pair(2)
    head = MotionDecoderHead(
        in_channels=8, loss_guide=dict(type='ProxyFlowLoss', until=None))
    losses = head.loss(torch.zeros(1, 2, 40, 48), prev, nxt)
    assert set(losses) == {
        'loss_photo', 'loss_ssim', 'loss_smooth', 'loss_guide'
    }
    assert losses['loss_guide'].item() > 0.1  # 0.1 x EPE of zero (2 px)
    assert 'loss_guide' not in MotionDecoderHead(
        in_channels=8).loss(torch.zeros(1, 2, 40, 48), prev, nxt)
