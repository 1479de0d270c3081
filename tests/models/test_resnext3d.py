"""ResNeXt3D (Hara et al.) and the STC block (Diba et al.), on tiny inputs."""
import pytest
import torch

import mmmotion  # noqa: F401  (registers MMAction2's and mmmotion's modules)
from mmmotion.models.backbones.resnext3d import ResNeXt3D, ResNeXtBottleneck3D
from mmmotion.models.layers.stc_block import STCBlock

# tiny widths: inner widths 8/16/32/64, outputs 16/32/64/128
TINY = dict(
    stem_channels=8, base_width=8, cardinality=4, conv1_kernel=(3, 7, 7))
# no temporal stride after the stem's pool, so that T stays > 1 everywhere
T_KEEP = ((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2))


def _blocks(model):
    return [m for m in model.modules() if isinstance(m, ResNeXtBottleneck3D)]


@pytest.mark.parametrize('depth', [18, 50])
def test_output_shapes_default_strides(depth):
    model = ResNeXt3D(depth=depth, out_indices=(0, 1, 2, 3), **TINY)
    model.init_weights()
    assert model.out_channels == [16, 32, 64, 128]
    assert model.feat_dim == 128
    assert [len(getattr(model, f'layer{i}')) for i in range(1, 5)] == \
        list(ResNeXt3D.arch_settings[depth])
    with torch.no_grad():
        outs = model.eval()(torch.randn(1, 3, 16, 32, 32))
    # stem (1,2,2) + pool 2: 8x8x8; stages 2-4 halve T, H and W
    assert [tuple(o.shape)
            for o in outs] == [(1, 16, 8, 8, 8), (1, 32, 4, 4, 4),
                               (1, 64, 2, 2, 2), (1, 128, 1, 1, 1)]


def test_single_out_index_returns_tensor_and_feat_dim():
    model = ResNeXt3D(
        depth=18,
        out_indices=(2, ),
        num_stages=3,
        stage_strides=T_KEEP,
        **TINY)
    with torch.no_grad():
        out = model.eval()(torch.randn(1, 3, 8, 16, 16))
    assert isinstance(out, torch.Tensor)
    assert tuple(out.shape) == (1, 64, 4, 1, 1)
    assert model.feat_dim == 64 and len(model.res_layers) == 3


def test_depth_101_block_counts_and_paper_widths():
    # the paper's full-size network, built on the meta device (no memory)
    with torch.device('meta'):
        full = ResNeXt3D(depth=101)
    assert [len(getattr(full, f'layer{i}')) for i in range(1, 5)] == \
        [3, 4, 23, 3]
    assert full.out_channels == [256, 512, 1024, 2048]
    assert full.feat_dim == 2048
    assert tuple(full.conv1.weight.shape) == (64, 3, 7, 7, 7)
    assert full.conv1.stride == (1, 2, 2) and full.conv1.padding == (3, 3, 3)
    assert full.maxpool.kernel_size == 3 and full.maxpool.stride == (2, 2, 2)
    first = full.layer2[0]
    # grouped 3x3x3 conv: 256 inner channels in 32 groups, carries stride
    assert tuple(first.conv2.weight.shape) == (256, 8, 3, 3, 3)
    assert first.conv2.groups == 32 and first.conv2.stride == (2, 2, 2)
    assert tuple(first.conv3.weight.shape) == (512, 256, 1, 1, 1)
    assert first.downsample[0].stride == (2, 2, 2)
    assert full.layer1[0].downsample is not None  # 64 -> 256 channels
    assert all(b.downsample is None for b in list(full.layer3)[1:])
    assert all(b.stc is None for b in _blocks(full))
    # the tiny 101 runs as well
    tiny = ResNeXt3D(depth=101, stage_strides=T_KEEP, **TINY)
    assert len(_blocks(tiny)) == 33
    with torch.no_grad():
        out = tiny.eval()(torch.randn(1, 3, 4, 16, 16))
    assert tuple(out.shape) == (1, 128, 2, 1, 1)


def test_bad_arguments():
    with pytest.raises(KeyError, match='invalid depth'):
        ResNeXt3D(depth=34, **TINY)
    with pytest.raises(ValueError, match='divisible by cardinality'):
        ResNeXt3D(depth=18, stem_channels=8, base_width=8, cardinality=32)
    with pytest.raises(ValueError, match='needs num_frames'):
        ResNeXt3D(depth=18, use_stc=True, **TINY)
    with pytest.raises(ValueError, match='out_indices'):
        ResNeXt3D(depth=18, num_stages=2, out_indices=(3, ), **TINY)
    with pytest.raises(TypeError):  # keyword-only arguments
        ResNeXt3D(18)


def test_stc_block_shape_and_definition():
    torch.manual_seed(0)
    stc = STCBlock(channels=32, num_frames=4, ratio=16)
    assert stc.temporal_channel[0].out_features == 2
    assert stc.spatial_channel[0].in_features == 4 * 32
    assert stc.spatial_channel[0].out_features == 8
    assert stc.spatial_channel[2].out_features == 32
    x = torch.randn(2, 32, 4, 5, 6)
    out = stc(x)
    assert out.shape == x.shape
    # the mean of the two channel-gated maps
    g_tc = stc.temporal_channel(x.mean(dim=(2, 3, 4)))
    s = x.mean(dim=(3, 4)).permute(0, 2, 1).reshape(2, -1)  # (N, T*C)
    g_sc = stc.spatial_channel(s)
    ref = (x * g_tc[..., None, None, None] +
           x * g_sc[..., None, None, None]) / 2
    torch.testing.assert_close(out, ref)
    # only the spatial-channel branch sees the order of the frames
    x_rev = x.flip(2)
    torch.testing.assert_close(
        stc.temporal_channel(x_rev.mean(dim=(2, 3, 4))), g_tc)
    assert not torch.allclose(stc(x_rev).flip(2), out)


def test_stc_block_rejects_other_clip_length():
    stc = STCBlock(channels=16, num_frames=4)
    with pytest.raises(ValueError, match=r'T=4 .*T=3'):
        stc(torch.randn(1, 16, 3, 2, 2))
    with pytest.raises(ValueError, match='16 channels'):
        stc(torch.randn(1, 8, 4, 2, 2))


def test_stc_in_every_bottleneck_with_stage_lengths():
    model = ResNeXt3D(
        depth=18,
        use_stc=True,
        num_frames=16,
        stc_ratio=4,
        out_indices=(0, 1, 2, 3),
        **TINY)
    blocks = _blocks(model)
    assert len(blocks) == 8 and all(b.stc is not None for b in blocks)
    # T: 16 -> stem 16 -> pool 8 -> stages 8, 4, 2, 1
    assert [
        getattr(model, f'layer{i}')[0].stc.num_frames for i in range(1, 5)
    ] == [8, 4, 2, 1]
    assert model.layer3[1].stc.channels == 64
    with torch.no_grad():
        outs = model.eval()(torch.randn(1, 3, 16, 16, 16))
        assert [o.shape[2] for o in outs] == [8, 4, 2, 1]
        assert tuple(outs[-1].shape) == (1, 128, 1, 1, 1)
        with pytest.raises(ValueError, match='T=8'):
            model(torch.randn(1, 3, 8, 16, 16))
    # STC on / off: same convs, STC only adds FCs
    plain = ResNeXt3D(depth=18, **TINY)
    extra = {k for k in model.state_dict()} - set(plain.state_dict())
    assert extra and all('.stc.' in k for k in extra)


def test_gradients_reach_every_parameter():
    torch.manual_seed(0)
    # a small ratio, so that no STC hidden layer of these tiny widths is a
    # single (possibly dead) ReLU unit
    model = ResNeXt3D(
        depth=18,
        use_stc=True,
        num_frames=4,
        stc_ratio=2,
        stage_strides=T_KEEP,
        **TINY)
    model.init_weights()
    model.train()
    x = torch.randn(2, 3, 4, 16, 16, requires_grad=True)
    model(x).pow(2).mean().backward()
    missing = [
        n for n, p in model.named_parameters()
        if p.grad is None or not p.grad.abs().sum() > 0
    ]
    assert not missing
    assert x.grad is not None and x.grad.abs().sum() > 0


def test_default_init_kaiming_fan_out_and_bn_constants():
    torch.manual_seed(0)
    model = ResNeXt3D(depth=18, **dict(TINY, stem_channels=64))
    model.init_weights()
    w = model.conv1.weight  # fan_out = 64 * 3 * 7 * 7
    expected = (2.0 / (64 * 3 * 7 * 7))**0.5
    assert abs(w.std().item() / expected - 1) < 0.05
    bn = model.layer2[0].bn3
    assert torch.all(bn.weight == 1) and torch.all(bn.bias == 0)


def test_frozen_stages_and_norm_eval():
    model = ResNeXt3D(
        depth=18,
        frozen_stages=2,
        norm_eval=True,
        stage_strides=T_KEEP,
        **TINY)
    model.train()
    frozen = ('conv1.', 'bn1.', 'layer1.', 'layer2.')
    for name, p in model.named_parameters():
        assert p.requires_grad == (not name.startswith(frozen)), name
    bns = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm3d)]
    assert bns and not any(m.training for m in bns)
    assert model.layer3.training  # only the norms are in eval mode
    # frozen BN statistics do not move; unfrozen ones do without norm_eval
    model2 = ResNeXt3D(
        depth=18, frozen_stages=1, stage_strides=T_KEEP, **TINY).train()
    before1 = model2.layer1[0].bn1.running_mean.clone()
    before3 = model2.layer3[0].bn1.running_mean.clone()
    model2(torch.randn(2, 3, 4, 16, 16))
    assert torch.equal(model2.layer1[0].bn1.running_mean, before1)
    assert not torch.equal(model2.layer3[0].bn1.running_mean, before3)
    with pytest.raises(ValueError, match='frozen_stages'):
        ResNeXt3D(
            depth=18, num_stages=2, out_indices=(1, ), frozen_stages=3, **TINY)


def _save_backbone(model, path):
    sd = {f'backbone.{k}': v.clone() for k, v in model.state_dict().items()}
    sd['cls_head.fc_cls.weight'] = torch.zeros(3, 128)  # ignored by prefix
    torch.save({'state_dict': sd}, path)


def test_init_cfg_pretrained_with_backbone_prefix(tmp_path):
    cfg = dict(
        depth=18, use_stc=True, num_frames=4, stage_strides=T_KEEP, **TINY)
    torch.manual_seed(1)
    src = ResNeXt3D(**cfg)
    src.init_weights()
    src.train()(torch.randn(2, 3, 4, 16, 16))  # non-trivial BN statistics
    ckpt = tmp_path / 'pretrain.pth'
    _save_backbone(src, ckpt)

    torch.manual_seed(2)
    dst = ResNeXt3D(
        **cfg,
        init_cfg=dict(
            type='Pretrained', checkpoint=str(ckpt), prefix='backbone.'))
    dst.init_weights()
    ref = src.state_dict()
    for k, v in dst.state_dict().items():
        assert torch.equal(v, ref[k]), k


def _recognizer_cfg(backbone_extra=None):
    backbone = dict(
        type='ResNeXt3D',
        depth=18,
        stage_strides=T_KEEP,
        use_stc=True,
        num_frames=4,
        **TINY)
    backbone.update(backbone_extra or {})
    return dict(
        type='Recognizer3D',
        backbone=backbone,
        cls_head=dict(
            type='I3DHead',
            num_classes=3,
            in_channels=128,
            average_clips='prob'),
        data_preprocessor=dict(
            type='ActionDataPreprocessor', format_shape='NCTHW'))


def _build(cfg):
    from mmengine.registry import DefaultScope

    from mmmotion.registry import MODELS
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return MODELS.build(cfg)


def _batch(n=2):
    from mmaction.structures import ActionDataSample
    inputs = [
        torch.randint(0, 255, (1, 3, 4, 16, 16)).float() for _ in range(n)
    ]
    samples = [
        ActionDataSample().set_gt_label(torch.tensor([i % 3]))
        for i in range(n)
    ]
    return dict(inputs=inputs, data_samples=samples)


def test_in_recognizer3d_with_i3d_head_train_and_predict(tmp_path):
    from mmengine.optim import OptimWrapper
    torch.manual_seed(0)
    model = _build(_recognizer_cfg())
    assert type(model.backbone) is ResNeXt3D
    model.init_weights()
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.01))
    before = model.backbone.layer4[0].stc.spatial_channel[0].weight.clone()
    losses = model.train_step(_batch(), optim)
    assert set(losses) >= {'loss_cls'} and torch.isfinite(losses['loss_cls'])
    assert not torch.equal(
        model.backbone.layer4[0].stc.spatial_channel[0].weight, before)
    preds = model.test_step(_batch())
    assert len(preds) == 2 and preds[0].pred_score.shape == (3, )

    # the trained backbone initialises a fresh recognizer via init_cfg
    ckpt = tmp_path / 'recognizer.pth'
    torch.save({'state_dict': model.state_dict()}, ckpt)
    fresh = _build(
        _recognizer_cfg(
            dict(
                init_cfg=dict(
                    type='Pretrained',
                    checkpoint=str(ckpt),
                    prefix='backbone.'))))
    fresh.init_weights()
    ref = model.backbone.state_dict()
    for k, v in fresh.backbone.state_dict().items():
        assert torch.equal(v, ref[k]), k


def test_pretrained_checkpoint_of_another_architecture_is_refused(tmp_path):
    from mmengine.registry import DefaultScope

    from mmmotion.registry import MODELS
    tiny = dict(
        type='ResNeXt3D',
        depth=18,
        in_channels=1,
        stem_channels=8,
        base_width=8,
        cardinality=4,
        conv1_kernel=(1, 3, 3),
        pool1_stride=(1, 2, 2),
        stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2)))

    def build(ckpt, **kw):
        with DefaultScope.overwrite_default_scope('mmmotion'):
            return MODELS.build(
                dict(
                    tiny,
                    **kw,
                    init_cfg=dict(
                        type='Pretrained',
                        checkpoint=str(ckpt),
                        prefix='backbone.')))

    src = build(tmp_path / 'unused.pth')
    good = {f'backbone.{k}': v for k, v in src.state_dict().items()}
    good['cls_head.fc.weight'] = torch.zeros(2, 2)
    torch.save({'state_dict': good}, tmp_path / 'good.pth')
    model = build(tmp_path / 'good.pth')
    model.init_weights()  # the same backbone loads
    for k, v in model.state_dict().items():
        assert torch.equal(v, good['backbone.' + k]), k
    # a wider backbone: same keys, other shapes
    wide = build(tmp_path / 'unused.pth', base_width=16)
    torch.save(
        {
            'state_dict': {
                f'backbone.{k}': v
                for k, v in wide.state_dict().items()
            }
        }, tmp_path / 'wide.pth')
    with pytest.raises(
            ValueError,
            match=r'wide\.pth does not hold this '
            r'ResNeXt3D.*keys of another shape: \w'):
        build(tmp_path / 'wide.pth').init_weights()
    # no backbone keys at all
    torch.save({'state_dict': {
        'head.w': torch.zeros(1)
    }}, tmp_path / 'none.pth')
    with pytest.raises(ValueError, match=r'missing keys: bn1\.bias'):
        build(tmp_path / 'none.pth').init_weights()
