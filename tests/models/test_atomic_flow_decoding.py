"""Dense flow from atomic-flow predictions: values, units, sign, and the
predictor's dense-flow test mode (tiny shapes, CPU)."""
import numpy as np
import pytest
import torch
from mmaction.structures import ActionDataSample
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.models.layers.atomic_flow_decoding import (
    decode_dense_flow, patch_flow_from_logits, patch_flow_to_dense)
from mmmotion.models.layers.warp import backward_warp
from mmmotion.registry import METRICS, MODELS

# (dx, dy) in pixels; +x is rightward, +y downward
CODEWORDS = torch.tensor([[0., 0.], [2., 0.], [0., -4.]])


def _logits(probs, n=1, steps=2, hp=2, wp=3):
    """Logits whose softmax is ``probs`` (K,) at every patch and step."""
    lg = torch.log(torch.as_tensor(probs, dtype=torch.float32))
    return lg.view(1, -1, 1, 1, 1).expand(n, -1, steps, hp, wp).clone()


def test_expected_and_argmax_of_a_known_distribution():
    logits = _logits([0.5, 0.25, 0.25])
    flow = patch_flow_from_logits(logits, CODEWORDS)
    assert flow.shape == (1, 2, 2, 3)
    # 0.5 * (0, 0) + 0.25 * (2, 0) + 0.25 * (0, -4) = (0.5, -1)
    assert torch.allclose(flow[:, 0], torch.full((1, 2, 3), 0.5))
    assert torch.allclose(flow[:, 1], torch.full((1, 2, 3), -1.0))
    arg = patch_flow_from_logits(logits, CODEWORDS, decode='argmax')
    assert torch.equal(arg, torch.zeros(1, 2, 2, 3))
    # a 3D codebook: dz is dropped
    cw3 = torch.cat([CODEWORDS, torch.tensor([[9.], [9.], [9.]])], 1)
    assert torch.allclose(patch_flow_from_logits(logits, cw3), flow)


def test_the_step_is_chosen():
    logits = _logits([1e-6, 1 - 2e-6, 1e-6], steps=3)
    logits[:, :, 2] = _logits([1e-6, 1e-6, 1 - 2e-6], steps=1)[:, :, 0]
    first = patch_flow_from_logits(logits, CODEWORDS, step=0)
    last = patch_flow_from_logits(logits, CODEWORDS, step=-1)
    assert torch.allclose(first[0, :, 0, 0], torch.tensor([2., 0.]), atol=1e-4)
    assert torch.allclose(last[0, :, 0, 0], torch.tensor([0., -4.]), atol=1e-4)
    with pytest.raises(ValueError, match='not one of the 3'):
        patch_flow_from_logits(logits, CODEWORDS, step=3)


def test_patches_land_on_their_pixels():
    # patch (row 0, col 1) moves (2, 0), every other patch stays
    probs = torch.zeros(1, 3, 1, 2, 3)
    probs[:, 0] = 1
    probs[0, :, 0, 0, 1] = torch.tensor([0., 1., 0.])
    logits = torch.log(probs.clamp(min=1e-12))
    dense = decode_dense_flow(logits, CODEWORDS, patch=4, upsample='nearest')
    assert dense.shape == (1, 2, 8, 12)
    want = torch.zeros(1, 2, 8, 12)
    want[0, 0, 0:4, 4:8] = 2
    assert torch.allclose(dense, want, atol=1e-6)
    # bilinear (patch 3: a centre pixel): each patch centre keeps its
    # patch's value, in between the neighbours blend
    bil = decode_dense_flow(logits, CODEWORDS, patch=3)
    assert bil.shape == (1, 2, 6, 9)
    assert torch.isclose(bil[0, 0, 1, 4], torch.tensor(2.), atol=1e-5)
    assert torch.isclose(bil[0, 0, 1, 1], torch.tensor(0.), atol=1e-5)
    # pixel 2 sits a third of the way from the centre of patch 0 (pixel 1)
    # to that of patch 1 (pixel 4)
    assert torch.isclose(bil[0, 0, 1, 2], torch.tensor(2 / 3), atol=1e-5)
    assert torch.allclose(bil[0, 1], torch.zeros(6, 9), atol=1e-6)


def test_units_follow_the_output_grid():
    flow = torch.tensor([1.5, -0.5]).view(1, 2, 1, 1).expand(1, 2, 3, 4)
    same = patch_flow_to_dense(flow, patch=8)  # the frames the model read
    assert same.shape == (1, 2, 24, 32)
    assert torch.allclose(same[:, 0], torch.full((1, 24, 32), 1.5))
    # twice the width, same height: dx doubles, dy stays (pixels of the
    # output grid)
    wide = patch_flow_to_dense(
        flow, patch=8, size=(24, 64), upsample='nearest')
    assert wide.shape == (1, 2, 24, 64)
    assert torch.allclose(wide[:, 0], torch.full((1, 24, 64), 3.0))
    assert torch.allclose(wide[:, 1], torch.full((1, 24, 64), -0.5))
    half = patch_flow_to_dense(flow, patch=8, size=(12, 16))
    assert torch.allclose(half[:, 0], torch.full((1, 12, 16), 0.75))
    assert torch.allclose(half[:, 1], torch.full((1, 12, 16), -0.25))


def test_sign_is_the_flow_from_t_to_t1():
    """Content moving 2 px right: the decoded codeword (2, 0) warps frame
    t+1 back onto t (backward_warp, as MotionWarpMetric warps), and DIS,
    the targets' flow, measures +2 too."""
    from mmmotion.utils.optical_flow import compute_flow
    rng = np.random.default_rng(0)
    img = rng.random((24, 36)).astype(np.float32)
    img = np.kron(img, np.ones((2, 2), np.float32))  # 48 x 72, some texture
    prev = torch.from_numpy(img)[None, None]
    nxt = torch.roll(prev, shifts=2, dims=-1)  # next(x) = prev(x - 2)
    logits = _logits([1e-6, 1 - 2e-6, 1e-6], hp=6, wp=9)
    flow = decode_dense_flow(logits, CODEWORDS, patch=8)
    assert torch.allclose(flow[0, 0], torch.full((48, 72), 2.), atol=1e-4)
    warped = backward_warp(nxt, flow)
    inner = (slice(None), slice(None), slice(4, -4), slice(4, -4))
    assert torch.allclose(warped[inner], prev[inner], atol=1e-4)
    u8 = (np.clip(img, 0, 1) * 255).astype(np.uint8)
    dis = compute_flow(u8, np.roll(u8, 2, axis=1), 'dis')
    assert abs(float(np.median(dis[8:-8, 8:-8, 0])) - 2) < 0.3


def _predictor(**test_cfg):
    cfg = dict(
        type='AtomicFlowPredictor',
        backbone=dict(
            type='ConvLSTMEncoder',
            modality='rgb',
            channels=(4, 8),
            strides=(2, 2),
            lstm_channels=8),
        head=dict(
            type='AtomicFlowHead',
            num_steps=2,
            lstm_channels=8,
            num_deconvs=1,
            deconv_channels=8,
            codebook=dict(
                type='UniformCodebook',
                dim=2,
                bins_per_dim=3,
                ranges=[(-3, 3), (-3, 3)])),
        data_preprocessor=dict(
            type='ActionDataPreprocessor',
            format_shape='NCTHW',
            mean=[120., 110., 100.],
            std=[60., 50., 40.]),
        test_cfg=test_cfg or None)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return MODELS.build(cfg)


def test_predictor_dense_flow_any_size_and_the_metric():
    torch.manual_seed(0)
    model = _predictor(dense_flow=dict(step=0)).eval()
    raw = torch.randint(0, 256, (1, 3, 2, 13, 18)).float()  # not /4
    dp = model.data_preprocessor
    inputs = (raw - dp.mean) / dp.std
    gt = torch.zeros(2, 1, 13, 18)
    s = ActionDataSample()
    s.set_field(gt, 'gt_motion')
    out = model(inputs, [s], mode='predict')[0]
    assert out.pred_motion.shape == (2, 1, 13, 18)
    assert torch.isfinite(out.pred_motion).all()
    assert out.pred_motion.abs().max() <= 3 * 2**0.5 + 1e-4
    assert torch.allclose(out.frames, raw[0] / 255., atol=1e-5)
    # the same as decoding the padded pair's logits by hand
    padded = torch.nn.functional.pad(
        inputs, (0, 2, 0, 3, 0, 0), mode='replicate')
    want = decode_dense_flow(
        model(padded), model.head.codebook.codewords, patch=2)[..., :13, :18]
    assert torch.allclose(out.pred_motion[:, 0], want[0], atol=1e-5)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        metric = METRICS.build(
            dict(type='MotionWarpMetric', baselines=('zero', )))
    metric.process({}, [out])
    res = metric.compute_metrics(metric.results)
    assert res['zero_epe'] == 0
    assert np.isclose(
        res['pred_epe'], float(out.pred_motion.norm(dim=0).mean()), atol=1e-5)


def test_predictor_without_dense_flow_keeps_patch_flows():
    model = _predictor().eval()
    out = model(
        torch.rand(1, 3, 2, 16, 16), [ActionDataSample()], mode='predict')[0]
    assert out.pred_flow.shape == (2, 8, 8, 2)
    assert 'pred_motion' not in out


def test_dense_flow_settings_are_checked():
    with pytest.raises(ValueError, match='unknown keys'):
        _predictor(dense_flow=dict(steps=0))
    with pytest.raises(ValueError, match='decode must be one of'):
        _predictor(dense_flow=dict(decode='mode'))
    with pytest.raises(ValueError, match='upsample must be one of'):
        _predictor(dense_flow=dict(upsample='cubic'))
    with pytest.raises(ValueError, match='not one of the head'):
        _predictor(dense_flow=dict(step=2))
