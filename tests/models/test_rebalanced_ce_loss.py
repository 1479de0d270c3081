import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import mmmotion  # noqa: F401
from mmmotion.models.losses.rebalanced_ce_loss import \
    RebalancedCrossEntropyLoss
from mmmotion.registry import MODELS


def _manual_weights(p, lam):
    k = len(p)
    w = [1.0 / ((1 - lam) * pk + lam / k) for pk in p]
    s = sum(pk * wk for pk, wk in zip(p, w))
    return [wk / s for wk in w]


def test_weights_by_hand():
    counts = [6, 3, 1]  # p = 0.6, 0.3, 0.1
    loss = RebalancedCrossEntropyLoss(3, lam=0.5, class_freq=counts)
    # by hand: 1 / (0.5 p + 1/6) = 2.1429, 3.1579, 4.6154; sum p w = 2.6946
    expected = torch.tensor([0.79524, 1.17193, 1.71281])
    torch.testing.assert_close(loss.weights, expected, rtol=1e-4, atol=1e-4)
    torch.testing.assert_close(loss.weights,
                               torch.tensor(_manual_weights([.6, .3, .1], .5)))
    # rarer codewords weigh more
    assert loss.weights[2] > loss.weights[1] > loss.weights[0]


@pytest.mark.parametrize('lam', [0.0, 0.1, 0.5, 0.9, 1.0])
def test_expected_weight_is_one(lam):
    p = torch.tensor([0.5, 0.25, 0.15, 0.07, 0.03])
    loss = RebalancedCrossEntropyLoss(5, lam=lam, class_freq=p * 1000)
    assert float((p * loss.weights).sum()) == pytest.approx(1.0, abs=1e-6)
    torch.testing.assert_close(loss.weights,
                               torch.tensor(_manual_weights(p.tolist(), lam)))


def test_lam_one_is_plain_ce():
    torch.manual_seed(0)
    loss = RebalancedCrossEntropyLoss(4, lam=1.0, class_freq=[10, 1, 0, 3])
    torch.testing.assert_close(loss.weights, torch.ones(4))
    logits, target = torch.randn(6, 4), torch.randint(0, 4, (6, ))
    torch.testing.assert_close(
        loss(logits, target), F.cross_entropy(logits, target))


def test_rebalance_false_is_cross_entropy():
    torch.manual_seed(0)
    loss = RebalancedCrossEntropyLoss(5, rebalance=False)
    logits = torch.randn(3, 5, 4, 4)
    target = torch.randint(0, 5, (3, 4, 4))
    target[0, 0] = -100
    torch.testing.assert_close(
        loss(logits, target), F.cross_entropy(logits, target))
    torch.testing.assert_close(loss.weights, torch.ones(5))
    half = RebalancedCrossEntropyLoss(5, rebalance=False, loss_weight=0.5)
    torch.testing.assert_close(
        half(logits, target), 0.5 * F.cross_entropy(logits, target))


def test_weighted_normalisation_is_per_element():
    torch.manual_seed(0)
    loss = RebalancedCrossEntropyLoss(3, class_freq=[6, 3, 1])
    w = loss.weights
    logits = torch.randn(2, 3, 5)
    target = torch.randint(0, 3, (2, 5))
    target[1, 4] = -100
    ce = F.cross_entropy(logits, target, reduction='none')
    valid = target != -100
    expected = (ce * w[target.clamp(min=0)] * valid).sum() / valid.sum()
    torch.testing.assert_close(loss(logits, target), expected)
    # not F.cross_entropy(weight=w), which divides by the sum of weights
    assert not torch.allclose(
        loss(logits, target), F.cross_entropy(logits, target, weight=w))


def test_spatial_logits_and_gradient():
    torch.manual_seed(0)
    loss = RebalancedCrossEntropyLoss(8, class_freq=np.arange(1, 9))
    logits = torch.randn(2, 8, 7, 7, requires_grad=True)
    target = torch.randint(0, 8, (2, 7, 7))
    value = loss(logits, target)
    assert value.dim() == 0 and torch.isfinite(value)
    value.backward()
    assert torch.isfinite(logits.grad).all() and logits.grad.abs().sum() > 0
    # same as flattening the spatial positions into the batch
    flat = loss(logits.detach().permute(0, 2, 3, 1).reshape(-1, 8),
                target.flatten())
    torch.testing.assert_close(value.detach(), flat)


def test_never_seen_codeword_is_finite():
    loss = RebalancedCrossEntropyLoss(4, lam=0.5, class_freq=[5, 0, 5, 0])
    w = loss.weights
    assert torch.isfinite(w).all()
    # p_k = 0: unscaled weight K / lam = 8, the seen ones 1 / (0.25 + 0.125)
    assert float(w[1] / w[0]) == pytest.approx(8 * 0.375)
    logits = torch.randn(4, 4)
    assert torch.isfinite(loss(logits, torch.tensor([0, 1, 2, 3])))
    with pytest.raises(ValueError, match=r'lam=0 and codewords \[1, 3\]'):
        RebalancedCrossEntropyLoss(4, lam=0.0, class_freq=[5, 0, 5, 0])
    with pytest.raises(ValueError, match='lam=0 with estimate_online'):
        RebalancedCrossEntropyLoss(4, lam=0.0, estimate_online=True)
    # lam = 0 is fine when every codeword was seen: w ~ 1 / p
    w0 = RebalancedCrossEntropyLoss(2, lam=0.0, class_freq=[3, 1]).weights
    torch.testing.assert_close(w0, torch.tensor([2 / 3, 2.0]))


def test_online_estimation_counts_only_in_training():
    loss = RebalancedCrossEntropyLoss(3, estimate_online=True)
    torch.testing.assert_close(loss.weights, torch.ones(3))
    logits = torch.randn(1, 3, 2, 3)
    target = torch.tensor([[[0, 0, 0], [0, 1, -100]]])
    loss.eval()
    loss(logits, target)
    assert loss.counts.tolist() == [0, 0, 0]
    torch.testing.assert_close(loss.weights, torch.ones(3))
    loss.train()
    loss(logits, target)
    assert loss.counts.tolist() == [4, 1, 0]  # the ignored element is not
    expected = _manual_weights([0.8, 0.2, 0.0], 0.5)
    torch.testing.assert_close(loss.weights, torch.tensor(expected))
    loss(logits, torch.full((1, 2, 3), 2))
    assert loss.counts.tolist() == [4, 1, 6]
    torch.testing.assert_close(
        loss.weights,
        torch.tensor(_manual_weights([4 / 11, 1 / 11, 6 / 11], 0.5)))
    # counts travel with the state dict
    assert loss.state_dict()['counts'].tolist() == [4, 1, 6]
    # given frequencies win over online estimation
    fixed = RebalancedCrossEntropyLoss(
        3, class_freq=[1, 1, 1], estimate_online=True)
    fixed(logits, target)
    assert not fixed.estimate_online and not hasattr(fixed, 'counts')


def test_loads_npy_and_json(tmp_path):
    counts = [50, 30, 15, 5]
    expected = torch.tensor(_manual_weights([.5, .3, .15, .05], 0.5))
    npy = tmp_path / 'freq.npy'
    np.save(npy, np.array(counts))
    torch.testing.assert_close(
        RebalancedCrossEntropyLoss(4, class_freq=str(npy)).weights, expected)
    js = tmp_path / 'freq.json'
    js.write_text(json.dumps([c / 100 for c in counts]))
    torch.testing.assert_close(
        RebalancedCrossEntropyLoss(4, class_freq=str(js)).weights, expected)
    obj = tmp_path / 'stats.json'
    obj.write_text(json.dumps({'counts': counts, 'k': 4}))
    torch.testing.assert_close(
        RebalancedCrossEntropyLoss(4, class_freq=str(obj)).weights, expected)
    npz = tmp_path / 'codebook.npz'  # as codebook_fitting.save_codebook
    np.savez(npz, codewords=np.zeros((4, 2)), freqs=np.array(counts) / 100)
    torch.testing.assert_close(
        RebalancedCrossEntropyLoss(4, class_freq=str(npz)).weights, expected)
    with pytest.raises(FileNotFoundError):
        RebalancedCrossEntropyLoss(4, class_freq=str(tmp_path / 'no.npy'))
    bad = tmp_path / 'bad.json'
    bad.write_text(json.dumps({'p': counts}))
    with pytest.raises(ValueError, match="'class_freq', 'counts', 'freqs'"):
        RebalancedCrossEntropyLoss(4, class_freq=str(bad))


def test_codebook_size_mismatch():
    with pytest.raises(
            ValueError,
            match='the head predicts 4 codewords, the '
            'codebook/frequencies have 3'):
        RebalancedCrossEntropyLoss(4, class_freq=[1, 2, 3])
    loss = RebalancedCrossEntropyLoss(4, class_freq=[1, 2, 3, 4])
    with pytest.raises(
            ValueError,
            match='the head predicts 5 codewords, the '
            'codebook/frequencies have 4'):
        loss(torch.randn(2, 5, 3, 3), torch.zeros(2, 3, 3, dtype=torch.long))


def test_argument_and_target_errors():
    with pytest.raises(ValueError, match='needs codeword frequencies'):
        RebalancedCrossEntropyLoss(4)
    with pytest.raises(ValueError, match='lam must be in'):
        RebalancedCrossEntropyLoss(4, lam=1.5, class_freq=[1, 1, 1, 1])
    with pytest.raises(ValueError, match='non-negative'):
        RebalancedCrossEntropyLoss(2, class_freq=[1, -1])
    with pytest.raises(ValueError, match='sums to 0'):
        RebalancedCrossEntropyLoss(2, class_freq=[0, 0])
    loss = RebalancedCrossEntropyLoss(3, class_freq=[1, 1, 1])
    logits = torch.randn(2, 3, 4)
    with pytest.raises(ValueError, match=r'in \[0, 3\)'):
        loss(logits, torch.full((2, 4), 3))
    with pytest.raises(ValueError, match='does not match'):
        loss(logits, torch.zeros(2, 5, dtype=torch.long))
    with pytest.raises(ValueError, match='integer'):
        loss(logits, torch.zeros(2, 4))
    # everything ignored: zero, not NaN
    assert loss(logits, torch.full((2, 4), -100)).item() == 0


def test_registered():
    assert MODELS.get('RebalancedCrossEntropyLoss') is \
        RebalancedCrossEntropyLoss
    loss = MODELS.build(
        dict(
            type='RebalancedCrossEntropyLoss',
            num_codewords=3,
            class_freq=[2, 1, 1]))
    assert loss.weights.shape == (3, )
