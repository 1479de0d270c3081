"""DynamoNet end to end on tiny clips, on several 3D backbones."""
import pytest
import torch
from mmaction.structures import ActionDataSample
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.registry import MODELS

T = 4


def _samples(labels):
    out = []
    for lab in labels:
        s = ActionDataSample()
        s.set_gt_label(torch.tensor(lab))
        out.append(s)
    return out


BACKBONES = {
    'ResNeXt3D': (dict(
        type='ResNeXt3D',
        depth=18,
        in_channels=1,
        stem_channels=8,
        base_width=8,
        cardinality=4,
        conv1_kernel=(1, 3, 3),
        pool1_stride=(1, 2, 2),
        stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2))), 128),
    'STC-ResNeXt3D': (dict(
        type='ResNeXt3D',
        depth=18,
        in_channels=1,
        stem_channels=8,
        base_width=8,
        cardinality=4,
        conv1_kernel=(1, 3, 3),
        pool1_stride=(1, 2, 2),
        stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2)),
        use_stc=True,
        stc_ratio=4,
        num_frames=4), 128),
    'ResNet3d': (dict(
        type='ResNet3d',
        depth=18,
        pretrained=None,
        pretrained2d=False,
        in_channels=1,
        base_channels=4,
        conv1_kernel=(1, 3, 3),
        inflate=(1, 1, 1, 1),
        conv1_stride_t=1,
        pool1_stride_t=1), 32),
    'X3D':
    (dict(type='X3D', gamma_w=0.25, gamma_b=1, gamma_d=1, in_channels=1), 64),
    'ResNet3dCSN': (dict(
        type='ResNet3dCSN',
        depth=50,
        pretrained=None,
        in_channels=1,
        base_channels=4,
        temporal_strides=(1, 1, 1, 1)), 128),
}


def build(backbone='ResNeXt3D', **kwargs):
    # a backbone's name, or its config (with the feature width of its name)
    bb, feat = BACKBONES[backbone] if isinstance(backbone, str) else (backbone,
                                                                      None)
    cfg = dict(
        type='DynamoNet',
        backbone=bb,
        fp_head=dict(
            type='FramePredictionHead',
            in_channels=feat,
            num_frames=T,
            filter_size=5,
            mid_channels=8),
        cls_head=dict(
            type='DynamoHead',
            num_classes=3,
            in_channels=feat,
            num_frames=T,
            mid_channels=8,
            ar_channels=16,
            dmr_channels=16),
        data_preprocessor=dict(
            type='ActionDataPreprocessor', format_shape='NCTHW'))
    cfg.update(kwargs)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg)
    model.init_weights()
    return model


@pytest.mark.parametrize('backbone', list(BACKBONES))
def test_joint_loss_on_backbone(backbone):
    model = build(backbone)
    inputs = torch.rand(2, 1, 1, T + 1, 32, 32)
    losses = model(inputs, _samples([0, 2]), mode='loss')
    assert set(losses) >= {'loss_fp', 'loss_cls', 'fp_huber'}
    assert torch.isclose(losses['loss_fp'], 0.1 * losses['fp_huber'])
    total = losses['loss_fp'] + losses['loss_cls']
    total.backward()
    grads = [p.grad for p in model.fp_head.parameters()]
    assert all(g is not None for g in grads)


def test_fused_fp_loss_equals_two_step(monkeypatch):
    """The training loss takes the fused filter + Huber path; it gives the
    same loss and gradients as predicting the frames, then the loss."""
    from mmmotion.models.losses.huber_loss import HuberLoss
    inputs = torch.rand(2, 1, 1, T + 1, 32, 32)

    def run():
        torch.manual_seed(0)
        model = build()
        calls = []
        if hasattr(HuberLoss, 'forward_filtered'):
            orig = HuberLoss.forward_filtered
            monkeypatch.setattr(
                HuberLoss, 'forward_filtered',
                lambda *a, **k: calls.append(1) or orig(*a, **k))
        losses = model(inputs, _samples([0, 2]), mode='loss')
        (losses['loss_fp'] + losses['loss_cls']).backward()
        return losses, {
            k: p.grad.clone()
            for k, p in model.named_parameters() if p.grad is not None
        }, calls

    fused, g_fused, calls = run()
    assert calls  # the fused path ran
    monkeypatch.delattr(HuberLoss, 'forward_filtered')
    plain, g_plain, _ = run()
    torch.testing.assert_close(fused['loss_fp'], plain['loss_fp'])
    assert g_fused.keys() == g_plain.keys()
    for k in g_plain:
        torch.testing.assert_close(
            g_fused[k], g_plain[k], rtol=1e-4, atol=1e-6)


def test_train_step_lowers_fp_loss_on_real_depth(msr_mini):
    from mmmotion.datasets import MotionVideoDataset
    ds = MotionVideoDataset(
        f'{msr_mini}/msr_action3d_train_list.txt', [
            dict(type='DepthInit'),
            dict(
                type='UniformSample',
                clip_len=T + 1,
                num_clips=1,
                test_mode=True),
            dict(type='DepthDecode'),
            dict(type='Resize', scale=(32, 32), keep_ratio=False),
            dict(type='DepthNormalize'),
            dict(type='FormatShape', input_format='NCTHW'),
            dict(type='PackActionInputs')
        ],
        data_prefix=dict(video=msr_mini),
        num_classes=20)
    batch = dict(
        inputs=[ds[i]['inputs'] for i in range(4)],
        data_samples=[ds[i]['data_samples'] for i in range(4)])
    model = build(self_supervised=True, cls_head=None)
    from mmengine.optim import OptimWrapper
    optim = OptimWrapper(torch.optim.Adam(model.parameters(), lr=1e-2))
    first = model.train_step(batch, optim)['fp_huber'].item()
    for _ in range(15):
        last = model.train_step(batch, optim)['fp_huber'].item()
    assert last < first


def test_self_supervised_needs_no_labels_and_returns_frames():
    model = build(self_supervised=True, cls_head=None)
    inputs = torch.rand(2, 1, 1, T + 1, 16, 16)
    samples = [ActionDataSample(), ActionDataSample()]
    losses = model(inputs, samples, mode='loss')
    assert set(losses) == {'loss_fp', 'fp_huber'}
    model.eval()
    out = model(inputs, samples, mode='predict')
    assert out[0].pred_frames.shape == (1, T, 16, 16)
    torch.testing.assert_close(out[1].target_frames, inputs[1, 0, :, 1:])
    torch.testing.assert_close(out[1].copy_frames, inputs[1, 0, :, :-1])


def test_alpha_zero_and_beta():
    model = build(alpha=0.0, beta=2.0)
    inputs = torch.rand(2, 1, 1, T + 1, 16, 16)
    losses = model(inputs, _samples([0, 1]), mode='loss')
    assert losses['loss_fp'].item() == 0 and losses['fp_huber'].item() > 0


def test_predict_averages_clips_and_returns_frames_on_request():
    model = build(test_cfg=dict(return_frames=True)).eval()
    inputs = torch.rand(2, 3, 1, T + 1, 16, 16)  # 3 clips a video
    with torch.no_grad():
        out = model(inputs, _samples([0, 1]), mode='predict')
        flat = model.cls_head(model.extract_feat(
            inputs, stage='filters')[0]).softmax(-1)
    torch.testing.assert_close(out[0].pred_score, flat[:3].mean(0))
    assert out[1].pred_frames.shape == (1, T, 16, 16)
    torch.testing.assert_close(out[1].target_frames, inputs[1, 0, :, 1:])


def test_local_filter_mode():
    model = build(
        fp_head=dict(
            type='FramePredictionHead',
            in_channels=128,
            num_frames=T,
            filter_size=3,
            mid_channels=8,
            mode='local'),
        cls_head=dict(
            type='DynamoHead',
            num_classes=3,
            in_channels=128,
            num_frames=T,
            filter_size=3,
            mid_channels=8))
    losses = model(
        torch.rand(1, 1, 1, T + 1, 16, 16), _samples([1]), mode='loss')
    assert torch.isfinite(losses['loss_fp'])


def _local_skips(**fp):
    bb = dict(BACKBONES['ResNeXt3D'][0], out_indices=(0, 3))
    head = dict(
        type='FramePredictionHead',
        in_channels=128,
        num_frames=T,
        filter_size=3,
        mid_channels=8,
        mode='local',
        skip_channels=(16, ))
    head.update(fp)
    return build(
        backbone=bb,
        fp_head=head,
        cls_head=dict(
            type='DynamoHead',
            num_classes=3,
            in_channels=128,
            num_frames=T,
            filter_size=3,
            mid_channels=8))


def test_local_filters_with_skips_train_jointly():
    model = _local_skips()
    torch.manual_seed(0)
    inputs = torch.rand(2, 1, 1, T + 1, 32, 32)
    losses = model(inputs, _samples([1, 2]), mode='loss')
    assert torch.isfinite(losses['loss_fp']) and torch.isfinite(
        losses['loss_cls'])
    sum(losses.values()).backward()
    # the first stage reaches the filters through the skip projection
    assert model.fp_head.skips[0].weight.grad.abs().sum() > 0
    feats = model.backbone(inputs[:, 0, :, :T])
    assert len(feats) == 2 and feats[0].shape[2] == T
    nn_init = torch.nn.init
    nn_init.normal_(model.fp_head.fc.weight, std=1.0)
    model.eval()
    with torch.no_grad():
        filters = model.fp_head(feats, (32, 32))
    assert filters.shape == (2, T, 9, 32, 32)
    torch.testing.assert_close(filters.sum(2), torch.ones(2, T, 32, 32))
    # one kernel map a frame (the plain local mode shares one over time),
    # varying within a cell of the deep 1 x 1 map
    assert (filters[:, 0] - filters[:, 1]).abs().max() > 1e-3
    assert filters[0, 0, 4].std() > 1e-3


def test_local_skips_are_explained():
    with pytest.raises(ValueError, match='need the local mode'):
        build(
            fp_head=dict(
                type='FramePredictionHead',
                in_channels=128,
                num_frames=T,
                skip_channels=(16, )))
    model = _local_skips()
    model.backbone.out_indices = (3, )
    with pytest.raises(ValueError, match='out_indices'):
        model(torch.rand(1, 1, 1, T + 1, 32, 32), _samples([0]), mode='loss')
    model.backbone.out_indices = (2, 3)  # a stage past a temporal stride
    model.fp_head.skips[0] = torch.nn.Conv3d(64, 8, 1)
    model.backbone.stage_strides = None
    with pytest.raises(ValueError, match='keep every'):
        feats = [
            torch.rand(1, 64, 2, 4, 4),
            torch.rand(1, 128, 1, 2, 2),
        ]
        model.fp_head(feats, (32, 32))


def test_clip_length_mismatch_is_explained():
    model = build()
    with pytest.raises(ValueError, match='needs clips of 5 frames'):
        model(torch.rand(1, 1, 1, T, 16, 16), _samples([0]), mode='loss')


def test_filter_larger_than_frame_is_explained():
    model = build(
        fp_head=dict(
            type='FramePredictionHead',
            in_channels=128,
            num_frames=T,
            filter_size=7,
            mid_channels=8))
    with pytest.raises(ValueError, match='larger than the frame'):
        model(torch.rand(1, 1, 1, T + 1, 5, 5), _samples([0]), mode='loss')


def test_even_filter_size_refused():
    with pytest.raises(ValueError, match='odd'):
        build(
            fp_head=dict(
                type='FramePredictionHead',
                in_channels=128,
                num_frames=T,
                filter_size=4))


def test_fp_head_owns_the_fp_loss():
    model = build(
        fp_head=dict(
            type='FramePredictionHead',
            in_channels=128,
            num_frames=T,
            filter_size=5,
            mid_channels=8,
            loss_fp=dict(type='HuberLoss', delta=0.01, loss_weight=2.0)))
    assert model.fp_head.loss_fp.loss_weight == 2.0
    assert not hasattr(model, 'fp_loss')
    assert not any('loss' in k for k in model.state_dict())
    inputs = torch.rand(2, 1, 1, T + 1, 16, 16)
    losses = model(inputs, _samples([0, 1]), mode='loss')
    out = model.predict_frames(inputs)
    expected = model.fp_head.loss_fp(out['pred'], out['target'])
    torch.testing.assert_close(losses['fp_huber'], expected)
