"""Luo et al.'s encoder, decoder head, self-supervised model and recognizer."""
import numpy as np
import pytest
import torch
from mmaction.structures import ActionDataSample
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.models.layers import save_codebook
from mmmotion.registry import METRICS, MODELS

ENC = dict(
    type='ConvLSTMEncoder',
    modality='depth',
    channels=(4, 8),
    strides=(2, 2),
    lstm_channels=8)
UNIFORM = dict(
    type='UniformCodebook',
    dim=3,
    bins_per_dim=3,
    ranges=[(-1, 1), (-1, 1), (-1, 1)])


def build(cfg):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return MODELS.build(cfg)


def predictor(codebook=UNIFORM, steps=3, **head):
    return build(
        dict(
            type='AtomicFlowPredictor',
            backbone=ENC,
            head=dict(
                type='AtomicFlowHead',
                num_steps=steps,
                lstm_channels=8,
                num_deconvs=1,
                deconv_channels=8,
                codebook=codebook,
                **head)))


@pytest.mark.parametrize('modality,c', [('rgb', 3), ('depth', 1), ('rgbd', 4)])
def test_encoder_modalities(modality, c):
    enc = build(dict(ENC, modality=modality))
    h, state = enc(torch.rand(2, c, 2, 16, 24))
    assert h.shape == (2, 8, 4, 6) and len(state) == 1
    with pytest.raises(ValueError, match=f'\\(N, {c}, T, H, W\\)'):
        enc(torch.rand(2, c + 1, 2, 16, 24))
    with pytest.raises(ValueError, match='not divisible'):
        enc(torch.rand(2, c, 2, 18, 24))


def _samples(n, targets):
    out = []
    for i in range(n):
        s = ActionDataSample()
        s.set_field(targets[i].numpy(), 'flow_targets')
        out.append(s)
    return out


def test_head_shapes_loss_and_gradient_to_the_first_conv():
    torch.manual_seed(0)
    model = predictor(steps=3)
    x = torch.rand(2, 1, 2, 16, 16)
    logits = model(x)
    assert logits.shape == (2, 27, 3, 8, 8)  # stride 4, one deconv: patch 2
    targets = torch.randn(2, 3, 8, 8, 3) * 0.5
    losses = model(x, _samples(2, targets), mode='loss')
    assert torch.isfinite(losses['loss_flow'])
    losses['loss_flow'].backward()
    g = model.backbone.convs[0].conv.weight.grad
    assert g is not None and g.abs().sum() > 0
    # uniform codebook, no frequencies: the weights are estimated online
    assert model.head.loss_cls.estimate_online
    assert model.head.loss_cls.counts.sum() == 2 * 3 * 8 * 8


def test_predict_decodes_expected_flow_and_metric_runs():
    torch.manual_seed(0)
    model = predictor(steps=2).eval()
    x = torch.rand(3, 1, 2, 16, 16)
    targets = torch.randn(3, 2, 8, 8, 3) * 0.5
    out = model(x, _samples(3, targets), mode='predict')
    s = out[0]
    assert s.pred_flow.shape == (2, 8, 8, 3)
    assert s.pred_codes.shape == (2, 8, 8)
    # the expected flow is a convex mix of codewords: inside their box
    assert s.pred_flow.abs().max() <= 2 / 3 + 1e-6
    cb = model.head.codebook
    assert cb.codewords[s.zero_code].abs().max() == 0
    with DefaultScope.overwrite_default_scope('mmmotion'):
        metric = METRICS.build(dict(type='AtomicFlowMetric'))
    metric.process(None, out)
    m = metric.compute_metrics(metric.results)
    for k in ('top1', 'epe', 'zero_top1', 'zero_epe', 'most_frequent_top1',
              'most_frequent_epe', 'epe_step1', 'epe_step2'):
        assert np.isfinite(m[k]), k
    assert m['most_frequent_top1'] >= m['zero_top1']
    want_zero_epe = targets.double().norm(dim=-1).mean().item()
    assert m['zero_epe'] == pytest.approx(want_zero_epe, rel=1e-6)


def test_metric_on_known_answers():
    cw = torch.tensor([[0., 0.], [1., 0.], [0., 1.]])
    target = torch.zeros(1, 2, 2, 2)
    target[0, 0, 0] = torch.tensor([1., 0.])  # 1 of 4 patches moves
    codes = torch.tensor([[[1, 0], [0, 0]]])
    sample = dict(
        pred_flow=target.clone(),
        pred_codes=codes,
        target_flow=target,
        target_codes=codes,
        zero_code=0,
        codewords=cw)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        metric = METRICS.build(dict(type='AtomicFlowMetric'))
    metric.process(None, [sample])
    m = metric.compute_metrics(metric.results)
    assert m['top1'] == 1 and m['epe'] == 0
    assert m['zero_top1'] == 0.75 and m['zero_epe'] == 0.25
    assert m['most_frequent_top1'] == 0.75
    with pytest.raises(KeyError, match='no pred_flow'):
        metric.process(None, [dict(target_flow=target)])


def test_metric_for_a_rebalanced_classifier_on_known_answers():
    cw = torch.tensor([[0., 0.], [1., 0.], [0., 1.]])
    target = torch.tensor([[[[1.2, 0.], [0., 0.9]], [[0.1, 0.], [0., 0.]]]])
    codes = torch.tensor([[[1, 2], [0, 0]]])
    pred_codes = torch.tensor([[[1, 0], [0, 0]]])
    sample = dict(
        pred_flow=torch.zeros_like(target),
        pred_flow_annealed=target.clone(),
        pred_codes=pred_codes,
        target_flow=target,
        target_codes=codes,
        zero_code=0,
        codewords=cw)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        metric = METRICS.build(dict(type='AtomicFlowMetric'))
    metric.process(None, [sample])
    m = metric.compute_metrics(metric.results)
    # per codeword: 1 of 1, 0 of 1, 2 of 2
    assert m['mean_class_acc'] == pytest.approx(2 / 3)
    assert m['top1'] == 0.75
    assert m['most_frequent_mean_class_acc'] == pytest.approx(1 / 3)
    assert m['zero_mean_class_acc'] == pytest.approx(1 / 3)
    assert m['present_codewords'] == 3
    # |1.2 - 1| + |0.9 - 1| + |0.1 - 0| + 0 over 4 patches
    assert m['floor_epe'] == pytest.approx(0.1)
    assert m['moving_share'] == 0.25  # only 1.2 > the smallest codeword
    assert m['zero_epe_step1'] == pytest.approx(0.55)
    assert m['epe_annealed'] == 0 and m['epe_annealed_step1'] == 0
    assert m['epe'] == pytest.approx(0.55)
    assert 'epe_adjusted' not in m  # the sample has no such decoding


def test_logit_adjusted_mean_undoes_the_rebalancing():
    torch.manual_seed(0)
    model = predictor(steps=2).eval()
    x = torch.rand(2, 1, 2, 16, 16)
    targets = torch.randn(2, 2, 8, 8, 3) * 0.5
    k = model.head.num_codewords
    # unweighted (the weights start at 1): the adjusted mean is the mean
    out = model(x, _samples(2, targets), mode='predict')
    torch.testing.assert_close(out[0].pred_flow_adjusted, out[0].pred_flow)
    # a rare codeword weighted up: the rebalanced scores favour it, the
    # adjusted distribution takes that back
    freq = torch.full((k, ), 1.0)
    freq[5] = 1e-4
    model.head.loss_cls.set_class_freq(freq / freq.sum())
    w = model.head.loss_cls.weights
    assert w[5] > 1.5 * w[0]  # capped by lam = 0.5
    logits = model.logits(x)
    got = model.head.predict(logits)['pred_flow_adjusted']
    want = model.head.codebook.expected(
        (logits -
         w.log().view(1, -1, 1, 1, 1)).softmax(1)).permute(0, 2, 3, 4, 1)
    torch.testing.assert_close(got, want)
    assert not torch.allclose(got, model.head.predict(logits)['pred_flow'])
    # the metric reads it
    out = model(x, _samples(2, targets), mode='predict')
    with DefaultScope.overwrite_default_scope('mmmotion'):
        metric = METRICS.build(dict(type='AtomicFlowMetric'))
    metric.process(None, out)
    m = metric.compute_metrics(metric.results)
    want_epe = (out[0].pred_flow_adjusted - targets[0]).norm(dim=-1).mean()
    want_epe = (
        want_epe +
        (out[1].pred_flow_adjusted - targets[1]).norm(dim=-1).mean()) / 2
    assert m['epe_adjusted'] == pytest.approx(float(want_epe), rel=1e-5)
    assert 'epe_adjusted_step2' in m


def test_annealed_mean_tends_to_the_mode():
    torch.manual_seed(0)
    model = predictor(steps=2).eval()
    x = torch.rand(2, 1, 2, 16, 16)
    targets = torch.randn(2, 2, 8, 8, 3) * 0.5
    out = model(x, _samples(2, targets), mode='predict')
    assert out[0].pred_flow_annealed.shape == (2, 8, 8, 3)
    model.head.annealed_temperature = 1e-3
    with torch.no_grad():  # logits apart, so that the mode is clear
        model.head.cls.weight.mul_(1e3)
        model.head.cls.bias.copy_(torch.randn_like(model.head.cls.bias))
    out = model(x, _samples(2, targets), mode='predict')
    cw = model.head.codebook.codewords.detach()
    torch.testing.assert_close(
        out[0].pred_flow_annealed, cw[out[0].pred_codes], atol=1e-4, rtol=0)
    with pytest.raises(ValueError, match='annealed_temperature'):
        predictor(annealed_temperature=0)


def test_learnable_codebook_is_trained():
    model = predictor(codebook=dict(UNIFORM, type='LearnableCodebook'))
    x = torch.rand(2, 1, 2, 16, 16)
    losses = model(x, _samples(2, torch.randn(2, 3, 8, 8, 3)), mode='loss')
    assert 'loss_codebook' in losses
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    assert model.head.codebook.codewords.grad.abs().sum() > 0


def test_codebook_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match='nope.npz'):
        predictor(
            codebook=dict(
                type='KMeansCodebook', file=str(tmp_path / 'nope.npz')))
    f = str(tmp_path / 'cb.npz')
    save_codebook(f, np.random.rand(5, 3), np.full(5, 0.2))
    with pytest.raises(ValueError, match='holds 5 codewords'):
        predictor(
            codebook=dict(type='KMeansCodebook', file=f, num_codewords=8))
    with pytest.raises(ValueError, match='num_codewords=8.*holds 5'):
        predictor(
            codebook=dict(type='KMeansCodebook', file=f), num_codewords=8)
    # the file's frequencies feed the rebalanced loss
    model = predictor(codebook=dict(type='KMeansCodebook', file=f))
    assert not model.head.loss_cls.estimate_online
    assert torch.allclose(model.head.loss_cls.weights, torch.ones(5))


def test_bad_inputs_are_refused():
    model = predictor(steps=3)
    with pytest.raises(ValueError, match='frame pairs'):
        model(torch.rand(2, 1, 3, 16, 16))
    x = torch.rand(2, 1, 2, 16, 16)
    with pytest.raises(ValueError, match='do not match the head'):
        model(x, _samples(2, torch.randn(2, 8, 8, 8, 3)), mode='loss')
    with pytest.raises(ValueError, match='no flow_targets'):
        model(x, [ActionDataSample(), ActionDataSample()], mode='loss')
    bad = build(
        dict(
            type='AtomicFlowPredictor',
            backbone=ENC,
            head=dict(
                type='AtomicFlowHead',
                num_steps=2,
                lstm_channels=16,
                codebook=UNIFORM)))
    with pytest.raises(ValueError, match='same lstm channels'):
        bad(x)


def test_recognizer_loads_the_pretrained_encoder(tmp_path):
    torch.manual_seed(0)
    pre = predictor()
    ckpt = str(tmp_path / 'pre.pth')
    torch.save(dict(state_dict=pre.state_dict()), ckpt)
    rec = build(
        dict(
            type='Recognizer3D',
            backbone=dict(
                type='PairwiseMotionBackbone',
                encoder=dict(
                    ENC,
                    init_cfg=dict(
                        type='Pretrained', checkpoint=ckpt,
                        prefix='backbone.')),
                temporal_channels=16),
            cls_head=dict(type='I3DHead', num_classes=5, in_channels=16),
            data_preprocessor=dict(
                type='ActionDataPreprocessor', format_shape='NCTHW')))
    rec.init_weights()
    for k, v in pre.backbone.state_dict().items():
        torch.testing.assert_close(rec.backbone.encoder.state_dict()[k], v)
    rec.eval(), pre.eval()  # (training-mode BN would move the stats)
    feats = rec.backbone(torch.rand(2, 1, 5, 16, 16))
    assert feats.shape == (2, 16, 4, 4, 4)  # T - 1 = 4 pair encodings
    # the encoder of each pair is the pretraining encoder on that pair
    x = torch.rand(1, 1, 3, 16, 16)
    h01, _ = pre.backbone(x[:, :, :2])
    f = rec.backbone.encoder.frame_features(x)
    h, _ = rec.backbone.encoder.encode(f[:, :2])
    torch.testing.assert_close(h, h01)


def test_recognizer_convlstms_take_group_norm():
    """``lstm_norm`` / ``temporal_norm`` put a GroupNorm on the gates of the
    encoder's and the temporal ConvLSTM (ours), and nothing else changes."""
    from mmmotion.registry import MODELS
    plain = MODELS.build(
        dict(type='PairwiseMotionBackbone', encoder=ENC, temporal_channels=8))
    normed = MODELS.build(
        dict(
            type='PairwiseMotionBackbone',
            encoder=dict(ENC, lstm_norm='group'),
            temporal_channels=8,
            temporal_norm='group'))
    for m in (normed.encoder.lstm, normed.temporal):
        assert all(isinstance(c.norm, torch.nn.GroupNorm) for c in m.cells)
    assert all(c.norm is None for c in plain.temporal.cells)
    extra = set(normed.state_dict()) - set(plain.state_dict())
    assert extra and all('.norm.' in k for k in extra)
    assert normed(torch.rand(2, 1, 3, 16, 16)).shape == (2, 8, 2, 4, 4)


def test_recognizer_output_norm_standardises_the_features():
    """``out_norm_cfg`` normalises the temporal ConvLSTM's outputs, whose
    scale at initialisation is small (ours)."""
    from mmmotion.registry import MODELS
    cfg = dict(type='PairwiseMotionBackbone', encoder=ENC, temporal_channels=8)
    torch.manual_seed(0)
    plain = MODELS.build(cfg)
    torch.manual_seed(0)
    normed = MODELS.build(dict(cfg, out_norm_cfg=dict(type='BN3d')))
    x = torch.rand(4, 1, 3, 16, 16)
    small, out = plain(x), normed(x)
    assert out.shape == small.shape == (4, 8, 2, 4, 4)
    assert small.std() < 0.3
    std = out.std((0, 2, 3, 4))  # (BN's eps trims the smallest a little)
    assert ((std > 0.85) & (std < 1.01)).all(), std
    assert out.mean((0, 2, 3, 4)).abs().max() < 1e-4
    assert isinstance(normed.out_norm, torch.nn.BatchNorm3d)
    assert plain.out_norm is None


def test_learns_a_predictable_motion():
    """A depth blob moving 2 px right per frame, or left, chosen per clip:
    the pair shows which, so the next steps are predictable. The targets
    come from the real transform (DIS + depth change); after a short
    training the predicted codewords beat the zero-motion baseline."""
    from mmmotion.datasets.transforms import AtomicFlowTargets
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:32, :32]
    make = AtomicFlowTargets(num_steps=2, patch=8, depth_scale=0.1)

    def clip(direction):
        x0 = rng.integers(10, 22)
        frames = []
        for k in range(4):
            cx = x0 + direction * 2 * k
            blob = ((xx - cx)**2 + (yy - 16)**2 < 36)
            frames.append(np.where(blob, 800., 1500.).astype(np.float32))
        out = make(dict(imgs=frames, frame_inds=np.arange(4), filename='s'))
        pair = torch.from_numpy(np.stack(out['imgs']) / 1500.)[None]
        return pair.float(), torch.from_numpy(out['flow_targets'])

    def batch(n):
        data = [clip(d) for d in rng.choice([-1, 1], n)]
        return (torch.stack([d[0] for d in data]),
                torch.stack([d[1] for d in data]))

    cb = dict(
        type='UniformCodebook',
        dim=3,
        bins_per_dim=(5, 1, 1),
        ranges=[(-2.5, 2.5), (-1, 1), (-1, 1)])
    torch.manual_seed(0)
    model = build(
        dict(
            type='AtomicFlowPredictor',
            backbone=dict(
                ENC, channels=(8, 16, 16), strides=(2, 2, 2),
                lstm_channels=16),
            head=dict(
                type='AtomicFlowHead',
                num_steps=2,
                lstm_channels=16,
                codebook=cb,
                loss=dict(type='RebalancedCrossEntropyLoss',
                          rebalance=False))))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(60):
        x, t = batch(8)
        loss = model(x, _samples(8, t), mode='loss')['loss_flow']
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    x, t = batch(16)
    out = model(x, _samples(16, t), mode='predict')
    pred = torch.stack([o.pred_codes for o in out])
    codes = torch.stack([o.target_codes for o in out])
    acc = (pred == codes).float().mean().item()
    zero = (codes == out[0].zero_code).float().mean().item()
    assert acc > zero + 0.1, (acc, zero)
