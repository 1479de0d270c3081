"""The registered motion upsamplers share one interface; the coarse-to-fine
model takes any of them as a config."""
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.models.layers import (BilinearUpsample, ContextGuidedUpsample,
                                    DeconvUpsample)
from mmmotion.registry import MODELS

BACKBONE = dict(
    type='ResNeXt3D',
    depth=18,
    in_channels=1,
    stem_channels=8,
    base_width=8,
    cardinality=4,
    conv1_kernel=(1, 3, 3),
    pool1_stride=(1, 2, 2),
    stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2)))


def _build(cfg):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return MODELS.build(cfg)


@pytest.mark.parametrize('scale', [2, 4, 8])
def test_one_interface(scale):
    low = torch.randn(2, 2, 3, 5)
    ctx = torch.randn(2, 4, 3 * scale, 5 * scale)
    for cfg in (dict(type='ContextGuidedUpsample', context_channels=4),
                dict(type='BilinearUpsample'), dict(type='DeconvUpsample')):
        up = _build(dict(cfg, scale=scale))
        assert up.scale == scale
        out = up(low, ctx)
        assert out.shape == (2, 2, 3 * scale, 5 * scale)
        if not up.requires_context:
            torch.testing.assert_close(up(low), out)  # context ignored


def test_bilinear_and_deconv_values():
    low = torch.randn(1, 2, 4, 4)
    bil = BilinearUpsample(scale=4)
    torch.testing.assert_close(
        bil(low), 4 * F.interpolate(
            low, scale_factor=4, mode='bilinear', align_corners=False))
    assert not list(bil.parameters())
    assert torch.equal(
        BilinearUpsample(4, scale_values=False)(low),
        bil(low) / 4)
    torch.manual_seed(0)
    dec = DeconvUpsample(scale=4)
    torch.manual_seed(0)
    ref = nn.ConvTranspose2d(2, 2, 8, stride=4, padding=2)
    torch.testing.assert_close(dec(low), 4 * ref(low))
    # its parameters are the module's own: checkpoints hold upsample.weight
    assert sorted(dec.state_dict()) == ['bias', 'weight']


def test_bad_scale_and_missing_context():
    for cls in (BilinearUpsample, DeconvUpsample):
        with pytest.raises(ValueError, match='scale must be 2, 4 or 8'):
            cls(scale=3)
    with pytest.raises(ValueError, match='needs the context'):
        ContextGuidedUpsample(4)(torch.randn(1, 2, 3, 3))


def _model(**kwargs):
    cfg = dict(
        type='CoarseToFineMotion',
        backbone=BACKBONE,
        in_channels=1,
        decoder=dict(
            type='MotionDecoderHead', in_channels=128, mid_channels=8),
        context_channels=4)
    cfg.update(kwargs)
    return _build(cfg)


def test_model_takes_the_upsampler_as_a_config():
    ctx = _model(upsampler=dict(type='ContextGuidedUpsample', kernel_size=5))
    assert isinstance(ctx.upsample, ContextGuidedUpsample)
    assert ctx.upsample.scale == 4 and ctx.upsample.kernel_size == 5
    assert hasattr(ctx, 'context')
    bil = _model(upsampler=dict(type='BilinearUpsample'))
    assert isinstance(bil.upsample, BilinearUpsample)
    assert not hasattr(bil, 'context')
    dec = _model(upsampler=dict(type='DeconvUpsample'))
    assert {k
            for k in dec.state_dict() if k.startswith('upsample')
            } == {'upsample.weight', 'upsample.bias'}
    clip = torch.rand(1, 1, 4, 32, 32)
    for m in (ctx, bil, dec):
        assert m(clip).shape == (1, 2, 3, 32, 32)


def test_model_refuses_old_switch_and_mismatches():
    with pytest.raises(TypeError, match='registered type given as a dict'):
        _model(upsampler='bilinear')
    with pytest.raises(ValueError, match='out_stride'):
        _model(upsampler=dict(type='BilinearUpsample', scale=8))
    with pytest.raises(ValueError, match='context_channels'):
        _model(
            upsampler=dict(type='ContextGuidedUpsample', context_channels=8))
