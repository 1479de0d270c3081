"""Issue 15's pairwise decoder: the damped Lucas-Kanade step, the flow
pyramid's layers, PairwiseFlowHead and CoarseToFineMotion with it."""
import os.path as osp

import cv2
import decord
import pytest
import torch
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.models.heads import PairwiseFlowHead
from mmmotion.models.layers import backward_warp
from mmmotion.models.layers.flow_pyramid import (FeaturePyramid2d,
                                                 FlowEstimator, normalize_pair)
from mmmotion.models.layers.lucas_kanade import (box_filter, image_gradients,
                                                 lucas_kanade_step)
from mmmotion.registry import MODELS

VIDEO = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'unlabeled_rgb',
    'milk.mkv')


@pytest.fixture(scope='module')
def frame():
    """One real RGB frame, 64 x 48, on [0, 1], blurred a little (a
    Lucas-Kanade step linearises the image over about a pixel)."""
    f = decord.VideoReader(VIDEO)[12].asnumpy()
    f = cv2.GaussianBlur(
        cv2.resize(f, (64, 48), interpolation=cv2.INTER_AREA), (5, 5), 1.0)
    return torch.from_numpy(f).permute(2, 0, 1).float()[None] / 255


def _moved(frame, dx, dy):
    """Frame t+1 of a scene moving by (dx, dy): next(p + d) = frame(p)."""
    flow = torch.tensor([-dx, -dy]).view(1, 2, 1,
                                         1).expand(1, 2, *frame.shape[-2:])
    return backward_warp(frame, flow.contiguous())


def test_image_gradients_and_box_filter():
    x = torch.arange(12.).view(1, 1, 3, 4)
    gx, gy = image_gradients(x)
    assert torch.allclose(gx[..., 1:-1], torch.ones(1, 1, 3, 2))
    assert torch.allclose(gy[..., 1, :], torch.full((1, 4), 4.))
    assert torch.equal(box_filter(x, 1), x)
    assert box_filter(torch.ones(1, 1, 5, 5), 3).allclose(torch.ones(1))
    with pytest.raises(ValueError, match='odd'):
        box_filter(x, 4)


@pytest.mark.parametrize('dx,dy', [(0.6, 0.0), (-0.4, 0.7)])
def test_lucas_kanade_recovers_a_subpixel_motion_of_a_real_frame(
        frame, dx, dy):
    nxt = _moved(frame, dx, dy)
    flow = torch.zeros(1, 2, *frame.shape[-2:])
    for _ in range(3):
        flow = lucas_kanade_step(frame, nxt, flow, 7, 1e-4)
    inner = flow[..., 8:-8, 8:-8].flatten(2).median(-1).values[0]
    assert inner[0].item() == pytest.approx(dx, abs=0.1)
    assert inner[1].item() == pytest.approx(dy, abs=0.1)
    # the warp error falls below zero motion's
    zero = (nxt - frame).abs()[..., 8:-8, 8:-8].mean()
    ours = (backward_warp(nxt, flow) - frame).abs()[..., 8:-8, 8:-8].mean()
    assert ours < 0.5 * zero


def test_lucas_kanade_damping_and_trust_region(frame):
    flat = torch.full_like(frame, 0.5)
    zero = torch.zeros(1, 2, *frame.shape[-2:])
    # a flat window: no update, no division by zero
    out = lucas_kanade_step(flat, flat + 0.1, zero, 5, 1e-3)
    assert torch.isfinite(out).all() and out.abs().max() == 0
    nxt = _moved(frame, 3.0, 0.0)
    free = lucas_kanade_step(frame, nxt, zero, 5, 1e-6)
    bound = lucas_kanade_step(frame, nxt, zero, 5, 1e-6, max_step=0.5)
    assert bound.abs().max() <= 0.5 + 1e-6 < free.abs().max()
    # a damping map of one value a pixel works as a scalar does
    d = torch.full((1, 1, *frame.shape[-2:]), 1e-2)
    assert torch.allclose(
        lucas_kanade_step(frame, nxt, zero, 5, d),
        lucas_kanade_step(frame, nxt, zero, 5, 1e-2))
    with pytest.raises(ValueError, match='one shape'):
        lucas_kanade_step(frame, nxt[..., :-1], zero, 5, 1e-2)


def test_pyramid_estimator_and_normalisation():
    pyr = FeaturePyramid2d(3, (4, 8, 16))
    levels = pyr(torch.rand(2, 3, 32, 48))
    assert [tuple(f.shape) for f in levels] == [(2, 4, 16, 24), (2, 8, 8, 12),
                                                (2, 16, 4, 6)]
    est = FlowEstimator(10, (8, 8))
    assert est(torch.rand(1, 10, 5, 5)).abs().max() == 0  # starts at zero
    a, b = normalize_pair(3 * torch.rand(2, 4, 5, 5) + 7,
                          3 * torch.rand(2, 4, 5, 5) + 7)
    both = torch.stack([a, b], 1)
    assert both.mean().abs() < 1e-5
    assert both[0].std(unbiased=False).item() == pytest.approx(1, abs=1e-3)
    with pytest.raises(ValueError):
        FeaturePyramid2d(3, ())


def _clip(frame, dx, t=4):
    """(1, 3, T, H, W): the frame moving by dx px a frame."""
    fs = [frame]
    for _ in range(t - 1):
        fs.append(_moved(fs[-1], dx, 0.0))
    return torch.stack([f[0] for f in fs], 1)[None]


def test_head_shapes_zero_start_and_lucas_kanade_start(frame):
    clip = _clip(frame, 0.8)  # (1, 3, 4, 48, 64)
    feats = torch.rand(1, 8, 1, 3, 4)
    head = PairwiseFlowHead(
        in_channels=8,
        pyramid_channels=(4, 8, 8, 8),
        reduce_channels=8,
        estimator_channels=(8, ))
    head.init_weights()
    out = head(feats, (4, 48, 64), frames=clip)
    assert out.shape == (1, 2, 3, 12, 16)
    assert out.abs().max() == 0  # the estimator alone starts at zero
    lk = PairwiseFlowHead(
        in_channels=8,
        pyramid_channels=(4, 8, 8, 8),
        reduce_channels=8,
        estimator_channels=None,
        lucas_kanade=dict(window=5, damping=1e-3))
    lk.init_weights()
    out = lk(feats, (4, 48, 64), frames=clip)
    # about classical pyramidal Lucas-Kanade at the start: the motion, in
    # stride-4 pixels, points the right way and has about the right size
    dx = out[0, 0, :, 3:-3, 3:-3].median().item() * 4
    assert 0.4 < dx < 1.2
    assert out[0, 1, :, 3:-3, 3:-3].median().abs().item() * 4 < 0.4
    losses = lk.loss(
        torch.zeros(3, 2, 48, 64), clip[0, :, :-1].transpose(0, 1),
        clip[0, :, 1:].transpose(0, 1))
    assert set(losses) == {'loss_photo', 'loss_ssim', 'loss_smooth'}
    with pytest.raises(ValueError, match='divisible by 16'):
        lk(feats, (4, 40, 64), frames=clip[..., :40, :])
    with pytest.raises(ValueError, match='estimator'):
        PairwiseFlowHead(in_channels=0, estimator_channels=None)
    with pytest.raises(ValueError, match='window must be odd'):
        PairwiseFlowHead(
            in_channels=0,
            lucas_kanade=dict(window=4),
            estimator_channels=None)
    # stride 2: one more Lucas-Kanade level (MotionDecoderHead keeps 4, 8)
    fine = PairwiseFlowHead(
        in_channels=8,
        out_stride=2,
        pyramid_channels=(4, 8, 8, 8),
        reduce_channels=8,
        estimator_channels=None,
        lucas_kanade=dict(window=5, damping=1e-3))
    assert fine(feats, (4, 48, 64), frames=clip).shape == (1, 2, 3, 24, 32)
    from mmmotion.models.heads import MotionDecoderHead
    with pytest.raises(ValueError, match=r'one of \(4, 8\)'):
        MotionDecoderHead(in_channels=8, out_stride=2)
    with pytest.raises(ValueError, match='cannot give motion'):
        PairwiseFlowHead(in_channels=0, out_stride=8, pyramid_channels=(4, 8))


def _model():
    cfg = dict(
        type='CoarseToFineMotion',
        backbone=dict(
            type='ResNeXt3D',
            depth=18,
            in_channels=3,
            stem_channels=8,
            base_width=8,
            cardinality=4,
            conv1_kernel=(3, 7, 7),
            stage_strides=((1, 1, 1), (1, 2, 2), (2, 2, 2), (2, 2, 2))),
        decoder=dict(
            type='PairwiseFlowHead',
            in_channels=128,
            pyramid_channels=(4, 8, 8, 8),
            reduce_channels=8,
            estimator_channels=None,
            lucas_kanade=dict(damping=1e-3)),
        upsampler=dict(type='ContextGuidedUpsample', kernel_size=3),
        context_channels=8,
        data_preprocessor=dict(
            type='ActionDataPreprocessor', format_shape='NCTHW'))
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg)
    model.init_weights()
    return model


def test_model_with_the_pairwise_head_learns_and_predicts_any_size(frame):
    torch.manual_seed(0)
    model = _model()
    clip = _clip(frame, 0.8)
    losses = model(clip, mode='loss')
    total = sum(losses.values())
    total.backward()
    assert torch.isfinite(total)
    # the encoder is trained through the damping map, the pyramid through
    # the gated features (a gate of 0 would have no gradient)
    assert model.decoder.lk_gate.grad.abs().sum() > 0
    assert model.decoder.lk_log_damping.grad.abs().sum() > 0
    # predict pads frames to the pyramid's stride 16 and crops back
    from mmaction.structures import ActionDataSample
    model.eval()
    out = model(clip[..., :40, :56], [ActionDataSample()], mode='predict')
    motion = out[0].pred_motion
    assert motion.shape == (2, 3, 40, 56)
    assert motion[0].median() > 0.3  # moving right, in pixels


def test_encoder_skips_start_neutral_and_train_the_early_stages(frame):
    clip = _clip(frame, 0.8)  # (1, 3, 4, 48, 64)
    last = torch.rand(1, 8, 1, 3, 4)
    stage = torch.rand(1, 6, 4, 12, 16, requires_grad=True)  # stride 4
    kw = dict(
        in_channels=8,
        pyramid_channels=(4, 8, 8, 8),
        reduce_channels=8,
        estimator_channels=None,
        lucas_kanade=dict(window=5, damping=1e-3))
    torch.manual_seed(0)
    plain = PairwiseFlowHead(**kw)
    torch.manual_seed(0)
    skip = PairwiseFlowHead(skip_channels=(6, ), **kw)
    skip.init_weights()
    plain.load_state_dict({
        k: v
        for k, v in skip.state_dict().items() if not k.startswith('skips')
    })
    # the skip convs start at zero: the head starts as the one without
    out = skip((stage, last), (4, 48, 64), frames=clip)
    assert torch.allclose(out, plain(last, (4, 48, 64), frames=clip))
    out.abs().sum().backward()
    assert skip.skips[0].weight.grad.abs().sum() > 0
    # once the conv is not zero, the loss reaches the encoder's stage
    with torch.no_grad():
        skip.skips[0].weight.fill_(0.1)
    skip((stage, last), (4, 48, 64), frames=clip).abs().sum().backward()
    assert stage.grad.abs().sum() > 0
    with pytest.raises(ValueError, match='keep every frame'):
        skip((stage[:, :, :2], last), (4, 48, 64), frames=clip)
    with pytest.raises(ValueError, match='skip stage'):
        skip((last, ), (4, 48, 64), frames=clip)
