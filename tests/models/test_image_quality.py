import os.path as osp

import cv2
import decord
import numpy as np
import pytest
import torch
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

import mmmotion  # noqa: F401  (registers the modules)
from mmmotion.models.layers.image_quality import psnr, ssim, ssim_map
from mmmotion.models.losses import SSIMLoss
from mmmotion.registry import MODELS

VIDEO = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'unlabeled_rgb',
    'milk.mkv')


@pytest.fixture(scope='module')
def frames():
    """Four real RGB frames of milk.mkv: (4, 64, 64, 3), float64 on [0, 1]."""
    reader = decord.VideoReader(VIDEO)
    out = [
        cv2.resize(
            reader[i].asnumpy(), (64, 64), interpolation=cv2.INTER_AREA)
        for i in (0, 3, 10, 30)
    ]
    return np.stack(out).astype(np.float64) / 255


def _pairs(frames):
    """Real pairs: consecutive-ish, far apart, noisy, shifted; (N, H, W, 3)."""
    rng = np.random.default_rng(0)
    noisy = np.clip(frames[1] + rng.normal(0, 0.05, frames[1].shape), 0, 1)
    shifted = np.roll(frames[2], shift=(2, -3), axis=(0, 1))
    x = np.stack([frames[0], frames[0], frames[1], frames[2]])
    y = np.stack([frames[1], frames[3], noisy, shifted])
    return x, y


def _chw(images):
    """(N, H, W, C) numpy -> (N, C, H, W) tensor."""
    return torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2)


def _skimage_ssim(x, y, **kwargs):
    """Reference per pair; x, y of shape (N, H, W, C)."""
    return np.array([
        structural_similarity(
            a.transpose(2, 0, 1),
            b.transpose(2, 0, 1),
            channel_axis=0,
            **kwargs) for a, b in zip(x, y)
    ])


@pytest.mark.parametrize('dtype', [torch.float64, torch.float32])
def test_ssim_matches_skimage_rgb(frames, dtype):
    x, y = _pairs(frames)
    expected = _skimage_ssim(x, y, data_range=1.0, win_size=7)
    assert expected.min() < 0.9  # the pairs are not trivially similar
    got = ssim(_chw(x).to(dtype), _chw(y).to(dtype), reduction='none')
    assert got.shape == (4, ) and got.dtype == dtype
    np.testing.assert_allclose(got.double().numpy(), expected, atol=1e-5)
    mean = ssim(_chw(x).to(dtype), _chw(y).to(dtype))
    assert mean.dim() == 0
    assert abs(mean.item() - expected.mean()) < 1e-5


def test_ssim_matches_skimage_grey(frames):
    x, y = _pairs(frames)
    grey = np.stack([
        cv2.cvtColor(im.astype(np.float32),
                     cv2.COLOR_RGB2GRAY).astype(np.float64)
        for im in np.concatenate([x, y])
    ])[..., None]
    gx, gy = grey[:4], grey[4:]
    got = ssim(_chw(gx), _chw(gy), reduction='none').numpy()
    np.testing.assert_allclose(
        got, _skimage_ssim(gx, gy, data_range=1.0, win_size=7), atol=1e-5)
    # the plain 2-D call gives the same
    plain = [
        structural_similarity(a[..., 0], b[..., 0], data_range=1.0)
        for a, b in zip(gx, gy)
    ]
    np.testing.assert_allclose(got, plain, atol=1e-5)


@pytest.mark.parametrize('win_size', [3, 11])
def test_ssim_window_range_and_non_square(frames, win_size):
    x, y = _pairs(frames)
    x, y = x[:, :48] * 255, y[:, :48] * 255  # 48x64, on [0, 255]
    got = ssim(
        _chw(x), _chw(y), data_range=255, win_size=win_size,
        reduction='none').numpy()
    expected = _skimage_ssim(x, y, data_range=255, win_size=win_size)
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_ssim_identical_is_one(frames):
    x = _chw(frames)
    assert torch.allclose(
        ssim(x, x, reduction='none'), torch.ones(4, dtype=x.dtype))
    assert ssim(x.float(), x.float()).item() == pytest.approx(1, abs=1e-6)


def test_ssim_map_shape_and_mean(frames):
    x, y = _pairs(frames)
    x, y = _chw(x), _chw(y)
    smap = ssim_map(x, y, win_size=7)
    assert smap.shape == (4, 3, 58, 58)
    assert torch.allclose(
        smap.mean(dim=(1, 2, 3)), ssim(x, y, reduction='none'))


def test_psnr_matches_skimage(frames):
    x, y = _pairs(frames)
    got = psnr(_chw(x), _chw(y), reduction='none').numpy()
    expected = [
        peak_signal_noise_ratio(a, b, data_range=1.0) for a, b in zip(x, y)
    ]
    np.testing.assert_allclose(got, expected, rtol=1e-7)
    assert psnr(_chw(x), _chw(y)).item() == pytest.approx(np.mean(expected))
    got255 = psnr(
        _chw(x * 255), _chw(y * 255), data_range=255.0,
        reduction='none').numpy()
    np.testing.assert_allclose(got255, expected, rtol=1e-7)


def test_psnr_identical_is_finite(frames):
    x = _chw(frames)
    value = psnr(x, x, reduction='none')
    assert torch.isfinite(value).all()
    assert torch.allclose(value, torch.full_like(value, 100.0))
    assert psnr(x * 255, x * 255, data_range=255.0).item() == \
        pytest.approx(100.0)


def test_gradients_flow(frames):
    x, y = _pairs(frames)
    pred = _chw(x).float().requires_grad_()
    target = _chw(y).float()
    (1 - ssim(pred, target) - psnr(pred, target) / 100).backward()
    assert torch.isfinite(pred.grad).all() and pred.grad.abs().sum() > 0
    small = torch.rand(2, 2, 6, 7, dtype=torch.float64, requires_grad=True)
    other = torch.rand(2, 2, 6, 7, dtype=torch.float64)
    assert torch.autograd.gradcheck(
        lambda a: ssim(a, other, win_size=3, reduction='none'), (small, ),
        fast_mode=True)


@pytest.mark.parametrize('fn', [ssim, psnr])
def test_errors(fn):
    img = torch.rand(2, 3, 16, 16)
    with pytest.raises(ValueError, match='same shape'):
        fn(img, torch.rand(2, 3, 16, 15))
    with pytest.raises(ValueError, match='4-D'):
        fn(img[0], img[0])
    with pytest.raises(ValueError, match='reduction'):
        fn(img, img, reduction='sum')
    with pytest.raises(ValueError, match='data_range'):
        fn(img, img, data_range=0)


def test_ssim_window_errors():
    with pytest.raises(ValueError, match='exceeds the image size'):
        ssim(torch.rand(1, 3, 6, 16), torch.rand(1, 3, 6, 16))
    with pytest.raises(ValueError, match='odd'):
        ssim(torch.rand(1, 1, 16, 16), torch.rand(1, 1, 16, 16), win_size=4)


def test_ssim_loss(frames):
    x, y = _pairs(frames)
    loss = MODELS.build(dict(type='SSIMLoss', loss_weight=0.5))
    assert isinstance(loss, SSIMLoss)
    expected = 0.5 * (1 - _skimage_ssim(x, y, data_range=1.0, win_size=7))
    value = loss(_chw(x), _chw(y))
    assert value.dim() == 0
    assert value.item() == pytest.approx(expected.mean(), abs=1e-6)
    # videos (N, C, T, H, W): frame t of sample n compared with its partner
    video_x = _chw(x).reshape(2, 2, 3, 64, 64).transpose(1, 2)
    video_y = _chw(y).reshape(2, 2, 3, 64, 64).transpose(1, 2)
    per_frame = SSIMLoss(loss_weight=0.5, reduction='none')(video_x, video_y)
    assert per_frame.shape == (2, 2)
    np.testing.assert_allclose(
        per_frame.flatten().numpy(), expected, atol=1e-5)
    with pytest.raises(ValueError, match='same shape'):
        loss(_chw(x), _chw(y)[:, :1])
