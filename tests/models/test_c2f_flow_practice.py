"""Issue 15's options from unsupervised optical flow: census loss, second-
order smoothness, photometric losses at several scales, skip features in the
motion decoder, and kernels predicted at the coarse grid."""
import os.path as osp

import cv2
import decord
import pytest
import torch
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.models.layers import ContextGuidedUpsample, backward_warp
from mmmotion.models.losses import (CensusLoss, CharbonnierLoss,
                                    EdgeAwareSmoothnessLoss)
from mmmotion.registry import MODELS

VIDEO = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'unlabeled_rgb',
    'milk.mkv')


@pytest.fixture(scope='module')
def frames():
    v = decord.VideoReader(VIDEO)
    fs = [
        cv2.resize(v[i].asnumpy(), (64, 48), interpolation=cv2.INTER_AREA)
        for i in range(10, 14)
    ]
    return torch.stack(
        [torch.from_numpy(f).permute(2, 0, 1).float() / 255 for f in fs])


def test_census_ignores_a_brightness_change_that_l1_reads(frames):
    f = frames[:1]
    brighter = (f * 1.2 + 0.05).clamp(0, 1)
    census, l1 = CensusLoss(), CharbonnierLoss()
    shifted = torch.roll(f, 2, dims=3)
    # a brightness change costs l1 about as much as a 2 px misalignment
    assert l1(brighter, f) > 0.5 * l1(shifted, f)
    # census: the brightness change (some pixels saturate) costs a fraction
    base = census(f, f).item()
    assert base == pytest.approx(0.01**0.4, rel=1e-4)
    assert census(brighter, f) - base < 0.3 * (census(shifted, f) - base)
    mask = torch.zeros_like(f[:, :1])
    assert census(shifted, f, mask) == 0
    with pytest.raises(ValueError, match='odd'):
        CensusLoss(patch_size=4)


def test_second_order_smoothness_leaves_a_zoom_free():
    flat = torch.zeros(1, 3, 24, 32)
    x = torch.linspace(-1, 1, 32).expand(1, 1, 24, 32)
    y = torch.linspace(-1, 1, 24)[:, None].expand(1, 1, 24, 32)
    zoom = torch.cat([3 * x, 3 * y], 1)  # motion growing linearly
    first = EdgeAwareSmoothnessLoss(order=1)
    second = EdgeAwareSmoothnessLoss(order=2)
    assert first(zoom, flat) > 0.05
    assert second(zoom, flat).item() == pytest.approx(0, abs=1e-6)
    step = torch.zeros(1, 2, 24, 32)
    step[..., 16:] = 1
    assert second(step, flat) > 0
    with pytest.raises(ValueError, match='order'):
        EdgeAwareSmoothnessLoss(order=3)


def _head(**kw):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        head = MODELS.build(
            dict(
                type='MotionDecoderHead', in_channels=16, mid_channels=8,
                **kw))
    head.init_weights()
    return head


def test_multi_scale_terms_and_their_gradient_toward_a_large_motion(frames):
    a = frames[:1]
    b = torch.roll(a, -6, dims=3)  # frame t+1: the content 6 px left
    head = _head(loss_scales=(1, 2, 4), scale_weights=(1, 0.5, 0.5))
    flow = torch.zeros(1, 2, 48, 64, requires_grad=True)
    losses = head.loss(flow, a, b)
    assert set(losses) == {
        'loss_photo', 'loss_ssim', 'loss_photo_s2', 'loss_ssim_s2',
        'loss_photo_s4', 'loss_ssim_s4', 'loss_smooth'
    }
    # at the true motion (dx = -6) every scale's photometric term is lower
    true = torch.zeros(1, 2, 48, 64)
    true[:, 0] = -6
    at_true = head.loss(true, a, b)
    for k in ('loss_photo', 'loss_photo_s2', 'loss_photo_s4'):
        assert at_true[k] < losses[k]
    # pooled by 4 the motion is 1.5 px: that level's gradient at zero
    # motion points toward it (dx < 0: the loss falls as dx decreases)
    losses['loss_photo_s4'].backward()
    assert flow.grad[:, 0, 8:-8, 8:-8].sum() > 0
    with pytest.raises(ValueError, match='one weight a scale'):
        _head(loss_scales=(1, 2), scale_weights=(1, ))


def test_decoder_fuses_earlier_stages_per_frame_pair():
    torch.manual_seed(0)
    head = _head(skip_channels=(4, 6), out_stride=4)
    t, h, w = 4, 32, 32
    feats = (torch.randn(2, 4, t, 8,
                         8), torch.randn(2, 6, t, 4,
                                         4), torch.randn(2, 16, 1, 1, 1))
    with torch.no_grad():
        head.out.weight.normal_(std=0.1)
    out = head(feats, (t, h, w))
    assert out.shape == (2, 2, t - 1, 8, 8)
    # pair 0 depends on frames 0 and 1 of the finest stage, not on frame 3
    f0 = feats[0].clone().requires_grad_()
    head.eval()
    head((f0, ) + feats[1:], (t, h, w))[:, :, 0].sum().backward()
    g = f0.grad.abs().sum((0, 1, 3, 4))
    assert g[0] > 0 and g[1] > 0
    assert g[3] < g[0]
    with pytest.raises(ValueError, match='out_indices'):
        head(feats[-1], (t, h, w))


def test_coarse_kernels_upsample_like_the_fine_ones():
    torch.manual_seed(0)
    up = ContextGuidedUpsample(
        4, scale=4, kernel_size=3, mid_channels=8, kernel_grid='coarse')
    up = up.double()
    low = torch.randn(1, 2, 3, 3, dtype=torch.double, requires_grad=True)
    ctx = torch.randn(1, 4, 12, 12, dtype=torch.double, requires_grad=True)
    # zero start: the k x k box mix, as the fine kernels
    fine = ContextGuidedUpsample(4, scale=4, kernel_size=3).double()
    torch.testing.assert_close(up(low, ctx), fine(low, ctx))
    torch.nn.init.normal_(up.kernel_net[-2].weight, std=0.5)
    assert torch.autograd.gradcheck(up, (low, ctx))
    # every output pixel gets its own kernel: the children of one coarse
    # cell differ once the kernels depend on the context
    out = up(low, ctx)
    assert out[0, 0, :4, :4].std() > 0
    const = torch.ones(1, 2, 3, 3, dtype=torch.double) * 0.25
    torch.testing.assert_close(
        up(const, ctx), torch.ones(1, 2, 12, 12, dtype=torch.double))
    with pytest.raises(ValueError, match='kernel_grid'):
        ContextGuidedUpsample(4, kernel_grid='mid')


def test_cell_reassembly_equals_the_shuffled_softmax():
    from mmmotion.models.layers.context_guided_upsample import (
        reassemble, reassemble_cells)
    torch.manual_seed(0)
    low = torch.randn(2, 2, 3, 5, dtype=torch.double)
    logits = torch.randn(2, 9 * 16, 3, 5, dtype=torch.double)
    weights = torch.nn.functional.pixel_shuffle(logits, 4)
    weights = weights.view(2, 9, 12, 20).softmax(1)
    torch.testing.assert_close(
        reassemble_cells(low, logits, 4, 3), reassemble(low, weights, 4, 3))
    with pytest.raises(ValueError, match='logits'):
        reassemble_cells(low, logits[:, 1:], 4, 3)


def test_context_at_the_coarse_grid():
    torch.manual_seed(0)
    up = ContextGuidedUpsample(
        4, scale=4, mid_channels=8, kernel_grid='coarse',
        context_stride=4).double()
    low = torch.randn(1, 2, 3, 3, dtype=torch.double, requires_grad=True)
    ctx = torch.randn(1, 4, 3, 3, dtype=torch.double, requires_grad=True)
    fine = ContextGuidedUpsample(4, scale=4, kernel_size=3).double()
    # zero start: the k x k box mix, as the fine kernels
    torch.testing.assert_close(
        up(low, ctx), fine(low, torch.zeros(1, 4, 12, 12, dtype=torch.double)))
    torch.nn.init.normal_(up.kernel_net[-1].weight, std=0.5)
    assert torch.autograd.gradcheck(up, (low, ctx))
    # one coarse cell's 16 children get 16 kernels
    assert up(low, ctx)[0, 0, :4, :4].std() > 0
    with pytest.raises(ValueError, match=r'context must be \(N, C, 3, 3\)'):
        up(low, torch.zeros(1, 4, 12, 12, dtype=torch.double))
    with pytest.raises(ValueError, match='context_stride'):
        ContextGuidedUpsample(4, scale=4, context_stride=4)
    with pytest.raises(ValueError, match='context_stride'):
        ContextGuidedUpsample(
            4, scale=4, kernel_grid='coarse', context_stride=2)
    # the model builds a strided context encoder for it
    model = MODELS.build(
        dict(
            type='CoarseToFineMotion',
            backbone=dict(
                type='ResNeXt3D',
                depth=18,
                in_channels=3,
                stem_channels=8,
                base_width=8,
                cardinality=4,
                conv1_kernel=(1, 3, 3),
                pool1_stride=(1, 2, 2),
                stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2))),
            decoder=dict(
                type='MotionDecoderHead', in_channels=128, mid_channels=8),
            context_channels=8,
            upsampler=dict(
                type='ContextGuidedUpsample',
                kernel_grid='coarse',
                context_stride=4)))
    clips = torch.rand(1, 3, 3, 32, 32)
    assert model.context(clips[:, :, 0]).shape == (1, 8, 8, 8)
    assert model(clips).shape == (1, 2, 2, 32, 32)


def test_backward_warp_reference(frames):
    # the shared warp the losses use: dx = -6 undoes a 6 px left shift
    a = frames[:1]
    b = torch.roll(a, -6, dims=3)
    flow = torch.zeros(1, 2, 48, 64)
    flow[:, 0] = -6
    warped = backward_warp(b, flow)
    assert (warped - a)[..., 8:-8].abs().max() < 1e-5


def test_local_correlation_peaks_at_the_true_displacement(frames):
    from mmmotion.models.layers import clip_correlation, local_correlation
    a = frames[:1] - frames[:1].mean()
    # frame t+1: the content 2 px right and 1 px down
    b = torch.roll(a, (1, 2), dims=(2, 3))
    cost = local_correlation(a, b, 3)
    assert cost.shape == (1, 49, 48, 64)
    best = cost[..., 8:-8, 8:-8].mean((0, 2, 3)).argmax().item()
    assert divmod(best, 7) == (1 + 3, 2 + 3)  # (dy, dx) = (1, 2)
    clip = torch.stack([a[0], b[0], a[0]], 1)[None]  # (1, C, 3, H, W)
    cc = clip_correlation(clip, 3)
    assert cc.shape == (1, 49, 2, 48, 64)
    torch.testing.assert_close(cc[:, :, 0], cost)
    with pytest.raises(ValueError, match='one shape'):
        local_correlation(a, b[..., :10], 3)


def test_decoder_reads_a_cost_volume():
    torch.manual_seed(0)
    head = _head(
        skip_channels=(4, ), cost_volume=dict(index=0, max_displacement=2))
    feats = (torch.randn(2, 4, 4, 8, 8), torch.randn(2, 16, 1, 1, 1))
    with torch.no_grad():
        head.out.weight.normal_(std=0.1)
    assert head(feats, (4, 32, 32)).shape == (2, 2, 3, 8, 8)
    assert head.cost_lateral.conv.in_channels == 25
    with pytest.raises(ValueError, match='all 4 frames'):
        head((feats[0][:, :, :2], feats[1]), (4, 32, 32))
    with pytest.raises(ValueError, match='index must pick'):
        _head(skip_channels=(4, ), cost_volume=dict(index=1))


def test_soft_argmax_prior_reads_the_displacement(frames):
    torch.manual_seed(0)
    head = _head(
        skip_channels=(25, ),
        cost_volume=dict(
            index=0, max_displacement=3, soft_argmax=True, temperature=0.01))
    # stage features at twice the decoder grid's resolution: 5 x 5 patches
    # (less their mean) of a real 48 x 64 frame whose content moves 2 px
    # right and 1 px down between t and t+1
    grey = frames[:1].mean(1, keepdim=True)
    patches = torch.nn.functional.unfold(grey, 5, padding=2).view(25, 48, 64)
    a = patches - patches.mean(0)
    b = torch.roll(a, (1, 2), dims=(1, 2))
    f = torch.stack([a, b], 1)[None]  # (1, 25, 2, 48, 64)
    prior = head.soft_argmax_motion(f, (1, 24, 32))
    assert prior.shape == (1, 2, 1, 24, 32)
    inner = prior[0, :, 0, 4:-4, 4:-4].flatten(1).median(1).values
    # 2 px and 1 px at the stage's grid are 1 and 0.5 at the decoder's
    torch.testing.assert_close(
        inner, torch.tensor([1.0, 0.5]), atol=0.1, rtol=0)
    # the head's output starts at the prior (its last conv is zero)
    feats = (f, torch.randn(1, 16, 1, 1, 1))
    head.init_weights()
    head.eval()
    with torch.no_grad():
        torch.testing.assert_close(head(feats, (2, 96, 128)), prior)
    assert head.log_temperature.requires_grad
    with pytest.raises(ValueError, match='temperature'):
        _head(
            skip_channels=(3, ),
            cost_volume=dict(index=0, soft_argmax=True, temperature=0))
