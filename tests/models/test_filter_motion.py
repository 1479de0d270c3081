"""DynamoNet's dynamic filters read as motion: the sign against the
project's flow convention (backward_warp, MotionWarpMetric), local filters,
and DynamoNet's test mode on frame pairs (tiny shapes, CPU)."""
import pytest
import torch
from mmaction.structures import ActionDataSample
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.evaluation.metrics import MotionWarpMetric
from mmmotion.models.layers import apply_dynamic_filters, backward_warp
from mmmotion.models.layers.filter_motion import (filter_offsets,
                                                  filters_to_motion)
from mmmotion.registry import MODELS


def _smooth_image(h=24, w=28, c=1, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(1, c, h // 4 + 1, w // 4 + 1, generator=g)
    return torch.nn.functional.interpolate(
        x, size=(h, w), mode='bicubic', align_corners=True).clamp(0, 1)


def _shift(x, dx, dy):
    """The picture moved by (dx, dy) >= 0 pixels: y(q) = x(q - (dx, dy))
    (the uncovered border replicated)."""
    y = torch.nn.functional.pad(x, (dx, 0, dy, 0), mode='replicate')
    return y[..., :x.shape[-2], :x.shape[-1]]


def test_offsets_of_the_taps():
    off = filter_offsets(5)
    assert off.shape == (2, 5, 5)
    # tap [i, j]: dx = j - 2, dy = i - 2
    assert off[0, 1, 4] == 2 and off[1, 1, 4] == -1
    assert off[:, 2, 2].abs().sum() == 0


def test_sign_matches_the_warp_convention_on_a_shifted_image():
    """Frame t+1 is frame t moved 1 px right and 2 px down: the filter that
    predicts it reads x_t one column left and two rows up; read as motion it
    is (+1, +2), and backward_warp(x_t+1, motion) rebuilds x_t."""
    x = _smooth_image()
    y = _shift(x, 1, 2)
    f = torch.zeros(1, 1, 5, 5)
    f[0, 0, 2 - 2, 2 - 1] = 1  # offset (dx, dy) = (-1, -2)
    pred = apply_dynamic_filters(x[:, :, None], f)[:, :, 0]
    torch.testing.assert_close(pred[..., 2:, 1:], y[..., 2:, 1:])
    motion = filters_to_motion(f, x.shape[-2:])
    assert motion.shape == (1, 2, 1, 24, 28)
    assert torch.all(motion[:, 0] == 1) and torch.all(motion[:, 1] == 2)
    warped = backward_warp(y, motion[:, :, 0])
    torch.testing.assert_close(warped[..., :-2, :-1], x[..., :-2, :-1])
    # the opposite sign would move it further away
    wrong = backward_warp(y, -motion[:, :, 0])
    assert (wrong - x)[..., 2:-2, 1:-1].abs().mean() > \
        10 * (warped - x)[..., 2:-2, 1:-1].abs().mean()


def test_metric_scores_the_read_motion_against_the_truth():
    x = _smooth_image(c=3)
    y = _shift(x, 1, 2)
    f = torch.zeros(1, 1, 5, 5)
    f[0, 0, 0, 1] = 1
    sample = ActionDataSample()
    sample.set_field(
        filters_to_motion(f, x.shape[-2:])[0].contiguous(), 'pred_motion')
    sample.set_field(torch.stack([x[0], y[0]], 1), 'frames')
    gt = torch.stack([torch.ones(1, 24, 28), torch.full((1, 24, 28), 2.)])
    sample.set_field(gt, 'gt_motion')
    metric = MotionWarpMetric(baselines=('zero', ))
    metric.process({}, [sample])
    m = metric.compute_metrics(metric.results)
    assert m['pred_epe'] < 1e-6
    assert abs(m['zero_epe'] - 5**0.5) < 1e-5
    assert m['pred_l1'] < 0.2 * m['zero_l1']


def test_expected_offset_of_spread_filters():
    f = torch.zeros(2, 3, 5, 5)
    f[:, :, 2, 2] = 1  # identity: no motion
    f[1, 0] = 0
    f[1, 0, 2, 2] = f[1, 0, 2, 1] = 0.5  # half a pixel to the right
    f[1, 1] = 1 / 25  # uniform: a blur, no motion
    f[1, 2] = 0
    f[1, 2, 4, 2] = 1  # reads two rows down: moves up by 2
    m = filters_to_motion(f)
    assert m.shape == (2, 2, 3, 1, 1)
    torch.testing.assert_close(m[0].flatten(), torch.zeros(6))
    torch.testing.assert_close(m[1, :, :, 0, 0],
                               torch.tensor([[0.5, 0., 0.], [0., 0., -2.]]))


def test_local_filters_give_motion_per_pixel():
    x = _smooth_image(h=16, w=20)
    s, h, w = 3, 16, 20
    f = torch.zeros(1, 1, s * s, h, w)
    f[0, 0, 1 * s + 0, :, :10] = 1  # left half: reads left -> moves right
    f[0, 0, 0 * s + 1, :, 10:] = 1  # right half: reads up -> moves down
    m = filters_to_motion(f)
    assert m.shape == (1, 2, 1, h, w)
    assert torch.all(m[0, 0, 0, :, :10] == 1) and torch.all(m[0, 1,
                                                              0, :, :10] == 0)
    assert torch.all(m[0, 0, 0, :, 10:] == 0) and torch.all(m[0, 1, 0, :,
                                                              10:] == 1)
    # the same reading as the filters' own prediction: y = x moved right
    pred = apply_dynamic_filters(x[:, :, None], f)[:, :, 0]
    torch.testing.assert_close(pred[..., :, 1:10], x[..., :, 0:9])


def test_bad_filters_are_refused():
    with pytest.raises(ValueError, match='square'):
        filters_to_motion(torch.rand(1, 2, 3, 5))
    with pytest.raises(ValueError, match='s\\*s'):
        filters_to_motion(torch.rand(1, 2, 8, 4, 4))
    with pytest.raises(ValueError, match='filters must be'):
        filters_to_motion(torch.rand(2, 3))


def _model(t, **test_cfg):
    cfg = dict(
        type='DynamoNet',
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
        fp_head=dict(
            type='FramePredictionHead',
            in_channels=128,
            num_frames=t,
            filter_size=5,
            mid_channels=8),
        self_supervised=True,
        test_cfg=dict(return_motion=True, **test_cfg),
        data_preprocessor=dict(
            type='ActionDataPreprocessor', format_shape='NCTHW'))
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg)
    model.init_weights()
    return model.eval()


def _one_hot_filters(model, taps):
    """Make filter k of every clip a one-hot at ``taps[k]`` (i, j)."""
    fc = model.fp_head.fc
    with torch.no_grad():
        fc.weight.zero_()
        fc.bias.fill_(-30.)
        for k, (i, j) in enumerate(taps):
            fc.bias[k * 25 + i * 5 + j] = 30.


def _predict(model, inputs):
    samples = [ActionDataSample() for _ in range(inputs.shape[0])]
    with torch.no_grad():
        return model(inputs, samples, mode='predict')


@pytest.mark.parametrize('t,step,expect', [(4, None, 1), (4, 1, 0), (4, 4, 3),
                                           (1, None, 0)])
def test_dynamonet_reads_a_pair_with_the_filter_of_its_step(t, step, expect):
    """A 2-frame clip: held into T + 1 frames; the motion and frames
    attached are those of the filter that maps the first frame to the
    second (the middle one by default); T = 1 takes the pair as it is."""
    model = _model(t, pair_step=step)
    taps = [(2, 1), (0, 2), (4, 3), (2, 4)][:t]  # a different motion each
    _one_hot_filters(model, taps)
    pair = torch.rand(2, 1, 3, 2, 16, 20)
    out = _predict(model, pair)
    i, j = taps[expect]
    for k, s in enumerate(out):
        assert s.pred_motion.shape == (2, 1, 16, 20)
        expected = torch.tensor([2. - j, 2. - i]).view(2, 1, 1, 1)
        torch.testing.assert_close(s.pred_motion,
                                   expected.expand(2, 1, 16, 20))
        torch.testing.assert_close(s.frames, pair[k, 0])
        # the predicted frame is the filter applied to the first frame
        assert s.pred_frames.shape == (3, 1, 16, 20)
        torch.testing.assert_close(s.target_frames, pair[k, 0, :, 1:])


def test_dynamonet_holds_the_pair_so_the_backbone_sees_both_frames():
    model = _model(4)
    pair = torch.rand(1, 1, 3, 2, 16, 20)
    held, k = model._hold_pair(pair)
    assert held.shape == (1, 1, 3, 5, 16, 20) and k == 1
    for f in range(5):
        torch.testing.assert_close(held[0, 0, :, f], pair[0, 0, :,
                                                          int(f >= 2)])
    with pytest.raises(ValueError, match='pair_step'):
        _model(4, pair_step=5)._hold_pair(pair)


def test_dynamonet_reads_every_filter_of_a_whole_clip():
    model = _model(4)
    _one_hot_filters(model, [(2, 1), (0, 2), (4, 3), (2, 4)])
    clip = torch.rand(1, 1, 3, 5, 16, 20)
    s = _predict(model, clip)[0]
    assert s.pred_motion.shape == (2, 4, 16, 20)
    torch.testing.assert_close(
        s.pred_motion[:, :, 0, 0],
        torch.tensor([[1., 0., -1., -2.], [0., 2., -2., 0.]]))
    torch.testing.assert_close(s.frames, clip[0, 0])
