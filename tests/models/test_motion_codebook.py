import os
import os.path as osp

import cv2
import numpy as np
import pytest
import torch

import mmmotion  # noqa: F401
from mmmotion.models.layers import motion_codebook as mc
from mmmotion.models.layers.codebook_fitting import (fit_kmeans_codebook,
                                                     save_codebook)
from mmmotion.models.layers.motion_codebook import (KMeansCodebook,
                                                    LearnableCodebook,
                                                    MotionCodebook,
                                                    UniformCodebook)
from mmmotion.registry import MODELS
from mmmotion.utils.optical_flow import compute_flow
from mmmotion.utils.scene_flow import patch_mean

DATA = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'data')


@pytest.fixture(scope='module')
def patch_flows():
    """(M, 2) patch-mean DIS flows of real frame pairs (8 x 8 patches)."""
    decord = pytest.importorskip('decord')
    vecs = []
    for name in ('milk.mkv', 'thanks.mkv'):
        vr = decord.VideoReader(osp.join(DATA, 'unlabeled_rgb', name))
        frames = vr.get_batch([20, 23, 35, 38]).asnumpy()
        grey = [
            cv2.resize(
                cv2.cvtColor(f, cv2.COLOR_RGB2GRAY), (128, 96),
                interpolation=cv2.INTER_AREA) for f in frames
        ]
        for a, b in ((grey[0], grey[1]), (grey[2], grey[3])):
            vecs.append(patch_mean(compute_flow(a, b), 8).reshape(-1, 2))
    return np.concatenate(vecs)  # 4 pairs x 12 x 16 patches


def _brute_force(vectors, codewords):
    d = ((vectors[..., None, :] - codewords)**2).sum(-1)
    return d.argmin(-1)


def test_uniform_grid():
    cb = UniformCodebook(dim=2, bins_per_dim=3, ranges=[(-3, 3), (-6, 6)])
    assert isinstance(cb, MotionCodebook)
    assert cb.num_codewords == 9 and cb.dim == 2
    xs, ys = torch.meshgrid(
        torch.tensor([-2., 0., 2.]),
        torch.tensor([-4., 0., 4.]),
        indexing='ij')
    torch.testing.assert_close(cb.codewords,
                               torch.stack([xs.flatten(),
                                            ys.flatten()], 1))
    idx = cb.quantize(cb.codewords)
    torch.testing.assert_close(idx, torch.arange(9))
    torch.testing.assert_close(cb.decode(idx), cb.codewords)
    cb3 = UniformCodebook(
        dim=3, bins_per_dim=[2, 3, 4], ranges=[(-1, 1), (-1, 1), (-20, 20)])
    assert cb3.num_codewords == 24 and cb3.dim == 3
    torch.testing.assert_close(
        cb3.decode(cb3.quantize(cb3.codewords)), cb3.codewords)
    # Far outside the ranges: the nearest border bin.
    assert cb.quantize(torch.tensor([100., -100.])).item() == 6
    assert not list(cb.parameters())  # a buffer, not trained


def test_uniform_errors():
    with pytest.raises(ValueError, match='ranges is required'):
        UniformCodebook(dim=2, bins_per_dim=3)
    with pytest.raises(ValueError, match='needs 3 bin counts and 3 ranges'):
        UniformCodebook(dim=3, bins_per_dim=3, ranges=[(-1, 1), (-1, 1)])
    with pytest.raises(ValueError, match=r'ranges\[1\] must be'):
        UniformCodebook(dim=2, bins_per_dim=3, ranges=[(-1, 1), (1, -1)])


def test_registry_builds_codebooks():
    cb = MODELS.build(
        dict(
            type='UniformCodebook',
            dim=2,
            bins_per_dim=4,
            ranges=[(-2, 2), (-2, 2)]))
    assert isinstance(cb, UniformCodebook) and cb.num_codewords == 16


def test_quantize_matches_brute_force(monkeypatch):
    torch.manual_seed(0)
    cb = UniformCodebook(
        dim=3, bins_per_dim=[5, 4, 3], ranges=[(-4, 4), (-3, 3), (-30, 30)])
    vecs = torch.randn(6, 7, 9, 3) * torch.tensor([3., 2., 20.])
    expect = _brute_force(vecs, cb.codewords)
    idx = cb.quantize(vecs)
    assert idx.dtype == torch.long and idx.shape == (6, 7, 9)
    torch.testing.assert_close(idx, expect)
    monkeypatch.setattr(mc, '_CHUNK_ELEMENTS', 600)  # 10 rows per chunk
    torch.testing.assert_close(cb.quantize(vecs), expect)
    torch.testing.assert_close(cb.quantize(vecs.double().numpy()), expect)
    with pytest.raises(ValueError, match=r'\(\.\.\., 3\)'):
        cb.quantize(torch.zeros(4, 2))


def test_expected_and_decode():
    torch.manual_seed(0)
    cb = UniformCodebook(dim=2, bins_per_dim=5, ranges=[(-5, 5), (-5, 5)])
    idx = torch.randint(0, 25, (2, 3, 4))
    onehot = torch.nn.functional.one_hot(idx, 25).permute(0, 3, 1, 2).float()
    torch.testing.assert_close(
        cb.expected(onehot),
        cb.decode(idx).permute(0, 3, 1, 2))
    probs = torch.rand(2, 25).softmax(1)
    torch.testing.assert_close(cb.expected(probs), probs @ cb.codewords)
    with pytest.raises(ValueError, match=r'probs must be \(N, 25, \.\.\.\)'):
        cb.expected(torch.rand(2, 24, 3))
    with pytest.raises(ValueError, match=r'indices must be in \[0, 25\)'):
        cb.decode(torch.tensor([0, 25]))


def test_kmeans_on_real_patch_flows(patch_flows, tmp_path):
    assert patch_flows.shape == (4 * 12 * 16, 2)
    assert np.abs(patch_flows).max() > 1  # real motion in the pairs
    cw, freqs = fit_kmeans_codebook(patch_flows, 8, seed=0)
    assert cw.shape == (8, 2) and cw.dtype == np.float32
    assert freqs.shape == (8, ) and (freqs > 0).all()
    np.testing.assert_allclose(freqs.sum(), 1.)
    assert (np.diff(freqs) <= 0).all()
    labels = _brute_force(patch_flows, cw)
    np.testing.assert_allclose(
        np.bincount(labels, minlength=8) / len(patch_flows), freqs)
    cw2, _ = fit_kmeans_codebook(patch_flows, 8, seed=0)
    np.testing.assert_array_equal(cw, cw2)  # seeded
    # As good as scipy's k-means (best of a few seeds), within 10%.
    from scipy.cluster.vq import kmeans
    ref_cw, _ = kmeans(patch_flows.astype(np.float64), 8, iter=5, seed=0)
    inertia = ((patch_flows - cw[labels])**2).sum()
    ref = ((patch_flows - ref_cw[_brute_force(patch_flows, ref_cw)])**2).sum()
    assert inertia <= 1.1 * ref

    path = str(tmp_path / 'codebook_k8.npz')
    save_codebook(path, cw, freqs, patch=np.int64(8))
    assert sorted(os.listdir(tmp_path)) == ['codebook_k8.npz']
    cb = KMeansCodebook(path, num_codewords=8, dim=2)
    assert cb.num_codewords == 8 and cb.dim == 2
    torch.testing.assert_close(cb.codewords, torch.from_numpy(cw))
    torch.testing.assert_close(cb.freqs, torch.from_numpy(freqs).float())
    assert int(cb.meta['patch']) == 8
    torch.testing.assert_close(
        cb.quantize(torch.from_numpy(patch_flows)), torch.from_numpy(labels))
    assert 'codewords' in cb.state_dict()
    torch.testing.assert_close(
        cb.estimate_frequencies(torch.from_numpy(patch_flows)), cb.freqs)

    with pytest.raises(
            ValueError, match='holds 8 codewords but '
            'num_codewords=16'):
        KMeansCodebook(path, num_codewords=16)
    with pytest.raises(ValueError, match='holds 2-D codewords but dim=3'):
        KMeansCodebook(path, dim=3)


def test_kmeans_errors(tmp_path):
    missing = str(tmp_path / 'nope.npz')
    with pytest.raises(FileNotFoundError) as e:
        KMeansCodebook(missing)
    assert missing in str(e.value) and 'fit_kmeans_codebook' in str(e.value)
    with pytest.raises(ValueError, match='only 3 distinct'):
        fit_kmeans_codebook(np.repeat(np.eye(3), 5, axis=0), 4)
    bad = str(tmp_path / 'bad.npz')
    np.savez(bad, centres=np.zeros((4, 2)))
    with pytest.raises(ValueError, match='no "codewords" array'):
        KMeansCodebook(bad)


def test_learnable_codebook_trains(tmp_path):
    torch.manual_seed(0)
    cb = LearnableCodebook(
        bins_per_dim=3, ranges=[(-3, 3), (-3, 3)], num_codewords=9)
    assert cb.codewords.requires_grad
    assert [n for n, _ in cb.named_parameters()] == ['codewords']
    init = cb.codewords.detach().clone()
    logits = torch.zeros(4, 9, 3, 5, requires_grad=True)
    targets = torch.randn(4, 2, 3, 5) * 2
    opt = torch.optim.Adam([logits, cb.codewords], lr=0.05)
    losses = []
    for _ in range(30):
        opt.zero_grad()
        loss = cb.reconstruction_loss(logits.softmax(1), targets)
        loss.backward()
        if not losses:
            assert cb.codewords.grad is not None
            assert cb.codewords.grad.abs().sum() > 0
            assert logits.grad.abs().sum() > 0
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]
    assert not torch.equal(cb.codewords.detach(), init)
    with pytest.raises(ValueError, match=r'targets must be \(4, 2, 3, 5\)'):
        cb.reconstruction_loss(logits.softmax(1), targets[:, :1])

    path = str(tmp_path / 'cb.npz')
    save_codebook(path, np.random.randn(6, 3), np.full(6, 1 / 6))
    from_file = LearnableCodebook(init_file=path, dim=3)
    assert from_file.num_codewords == 6 and from_file.freqs is not None
    with pytest.raises(ValueError, match='init_file .* or ranges'):
        LearnableCodebook()
