import os.path as osp

import cv2
import numpy as np
import pytest

import mmmotion  # noqa: F401
from mmmotion.utils.optical_flow import compute_flow
from mmmotion.utils.scene_flow import (depth_change_along_flow, patch_mean,
                                       scene_flow_3d)
from mmmotion.visualization import flow_to_color

DATA = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'data')
SHIFT = (3, -2)  # (dx, dy) in pixels


def _roll(frame, dx, dy):
    """next(x + dx, y + dy) = frame(x, y): content moves by (dx, dy)."""
    return np.roll(frame, (dy, dx), axis=(0, 1))


@pytest.fixture(scope='module')
def rgb_frames():
    decord = pytest.importorskip('decord')
    vr = decord.VideoReader(osp.join(DATA, 'unlabeled_rgb', 'milk.mkv'))
    return vr.get_batch([20, 21]).asnumpy()  # (2, 480, 640, 3) RGB


@pytest.fixture(scope='module')
def grey_pair(rgb_frames):
    return [
        cv2.resize(
            cv2.cvtColor(f, cv2.COLOR_RGB2GRAY), (128, 96),
            interpolation=cv2.INTER_AREA) for f in rgb_frames
    ]


@pytest.fixture(scope='module')
def depth_seq():
    import scipy.io
    mat = scipy.io.loadmat(
        osp.join(DATA, 'msr_action3d', 'a01_s01_e01_sdepth.mat'))
    depth = mat['depth']
    assert depth.dtype == np.uint16 and depth.shape[:2] == (240, 320)
    return depth


@pytest.mark.parametrize('method,size', [('dis', (128, 96)),
                                         ('farneback', (128, 96)),
                                         ('tvl1', (64, 48))])
def test_known_shift_on_real_frame(grey_pair, method, size):
    prev = cv2.resize(grey_pair[0], size, interpolation=cv2.INTER_AREA)
    nxt = _roll(prev, *SHIFT)
    flow = compute_flow(prev, nxt, method=method)
    assert flow.dtype == np.float32 and flow.shape == prev.shape + (2, )
    m = 8
    med = np.median(flow[m:-m, m:-m].reshape(-1, 2), axis=0)
    np.testing.assert_allclose(med, SHIFT, atol=0.5)


@pytest.mark.parametrize('preset', ['ultrafast', 'fast'])
def test_dis_presets(grey_pair, preset):
    prev = grey_pair[0]
    flow = compute_flow(prev, _roll(prev, *SHIFT), preset=preset)
    med = np.median(flow[8:-8, 8:-8].reshape(-1, 2), axis=0)
    np.testing.assert_allclose(med, SHIFT, atol=0.5)


def test_float_frames_are_scaled_together(grey_pair):
    prev = grey_pair[0].astype(np.float32) / 255.
    nxt = _roll(prev, *SHIFT)
    flow = compute_flow(prev, nxt)
    ref = compute_flow(grey_pair[0], _roll(grey_pair[0], *SHIFT))
    med = np.median(flow[8:-8, 8:-8].reshape(-1, 2), axis=0)
    np.testing.assert_allclose(med, SHIFT, atol=0.5)
    # The brightest pixel maps to 255, so the uint8 input is nearly the same.
    assert np.abs(flow - ref).mean() < 0.5


def test_flow_from_real_depth_frames(depth_seq):
    prev = depth_seq[..., 10]
    flow = compute_flow(prev, _roll(prev, *SHIFT))  # uint16, pair max
    fg = prev[16:-16, 16:-16] > 0
    med = np.median(flow[16:-16, 16:-16][fg], axis=0)
    np.testing.assert_allclose(med, SHIFT, atol=0.5)


def test_real_consecutive_frames(grey_pair):
    flow = compute_flow(*grey_pair)
    assert flow.shape == (96, 128, 2) and np.isfinite(flow).all()


def test_compute_flow_errors(grey_pair):
    a = grey_pair[0]
    with pytest.raises(ValueError, match='unknown optical flow method'):
        compute_flow(a, a, method='lucas')
    with pytest.raises(ValueError, match='unknown DIS preset'):
        compute_flow(a, a, preset='slow')
    with pytest.raises(ValueError, match='96x128.*48x64'):
        compute_flow(a, a[::2, ::2])
    with pytest.raises(ValueError, match='single-channel'):
        compute_flow(np.dstack([a] * 3), np.dstack([a] * 3))
    with pytest.raises(ValueError, match='NaN'):
        compute_flow(np.full((8, 8), np.nan), np.zeros((8, 8)))


def test_depth_change_constant_offset(depth_seq):
    d0 = depth_seq[..., 10]
    d1 = np.where(d0 > 0, d0 + 50, 0).astype(np.uint16)
    zero = np.zeros(d0.shape + (2, ), np.float32)
    dz, valid = depth_change_along_flow(d0, d1, zero)
    assert dz.dtype == np.float32 and valid.dtype == bool
    assert 0 < valid.sum() < valid.size
    np.testing.assert_array_equal(valid, d0 > 0)
    np.testing.assert_array_equal(dz[valid], 50)
    np.testing.assert_array_equal(dz[~valid], 0)


def test_depth_change_follows_flow(depth_seq):
    d0 = depth_seq[..., 10].astype(np.float32)
    h, w = d0.shape
    # Integer flow: the shifted frame gives dz = 0; flowed out of frame is
    # invalid.
    d1 = _roll(d0, *SHIFT) + 7
    d1[d1 == 7] = 0
    flow = np.broadcast_to(np.float32(SHIFT), (h, w, 2)).copy()
    dz, valid = depth_change_along_flow(d0, d1, flow)
    assert valid.any()
    np.testing.assert_allclose(dz[valid], 7, atol=1e-3)
    assert not valid[:, w - 3:].any() and not valid[:2].any()
    # Half-pixel flow: the bilinear mean of two readings, invalid next to a
    # pixel without one.
    flow = np.zeros((h, w, 2), np.float32)
    flow[..., 0] = 0.5
    dz, valid = depth_change_along_flow(d0, d0, flow)
    right = np.zeros_like(d0)
    right[:, :-1] = d0[:, 1:]
    expect_valid = (d0 > 0) & (right > 0)
    expect_valid[:, -1] = False
    np.testing.assert_array_equal(valid, expect_valid)
    np.testing.assert_allclose(dz[valid], ((right - d0) / 2)[valid], atol=0.1)


def test_depth_change_shape_errors(depth_seq):
    d = depth_seq[..., 0]
    with pytest.raises(ValueError, match=r'flow must be \(240, 320, 2\)'):
        depth_change_along_flow(d, d, np.zeros((240, 320, 3), np.float32))
    with pytest.raises(ValueError, match='depth frames differ in size'):
        depth_change_along_flow(d, d[:100], np.zeros((240, 320, 2)))


def test_scene_flow_3d(depth_seq, rgb_frames):
    d0, d1 = depth_seq[..., 10], depth_seq[..., 12]
    out, valid = scene_flow_3d(d0, d1, return_valid=True)
    assert out.shape == (240, 320, 3) and out.dtype == np.float32
    assert valid.shape == (240, 320) and valid.any()
    assert np.all(out[..., 2][~valid] == 0)
    _, valid_dz = depth_change_along_flow(d0, d1, out[..., :2])
    np.testing.assert_array_equal(valid, valid_dz)
    # RGB drives the 2D flow when given (sizes only: not a registered pair).
    rgb = [cv2.resize(f, (320, 240)) for f in rgb_frames]
    out_rgb = scene_flow_3d(d0, d1, rgb[0], rgb[1])
    assert out_rgb.shape == (240, 320, 3)
    assert not np.allclose(out_rgb[..., :2], out[..., :2])


def test_scene_flow_3d_errors(depth_seq, rgb_frames):
    d0, d1 = depth_seq[..., 10], depth_seq[..., 11]
    with pytest.raises(ValueError, match='rgb_t is 480x640.*240x320'):
        scene_flow_3d(d0, d1, rgb_frames[0], rgb_frames[1])
    with pytest.raises(ValueError, match='both rgb_t and rgb_t1'):
        scene_flow_3d(d0, d1, rgb_frames[0])
    with pytest.raises(ValueError, match='depth_t1 is all zero'):
        scene_flow_3d(d0, np.zeros_like(d1))
    nan = d0.astype(np.float32)
    nan[5, 5] = np.nan
    with pytest.raises(ValueError, match='depth_t holds NaN'):
        scene_flow_3d(nan, d1.astype(np.float32))
    with pytest.raises(ValueError, match='depth frames differ in size'):
        scene_flow_3d(d0, d1[:120])


def test_patch_mean(grey_pair):
    flow = compute_flow(*grey_pair)
    out = patch_mean(flow, 8)
    assert out.shape == (12, 16, 2) and out.dtype == np.float32
    np.testing.assert_allclose(
        out[3, 5], flow[24:32, 40:48].mean((0, 1)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        out.mean((0, 1)), flow.mean((0, 1)), rtol=1e-4, atol=1e-6)
    assert patch_mean(flow[..., 0], 16).shape == (6, 8)
    with pytest.raises(ValueError, match='96x128 is not divisible into 7x7'):
        patch_mean(flow, 7)


def test_patch_mean_valid_mask():
    x = np.arange(4 * 4 * 3, dtype=np.float32).reshape(4, 4, 3)
    valid = np.zeros((4, 4), bool)
    valid[0, 0] = valid[0, 1] = True  # top-left cell: two valid pixels
    out = patch_mean(x, 2, valid)
    np.testing.assert_allclose(out[0, 0], x[0, :2].mean(0))
    np.testing.assert_array_equal(out[1], 0)  # cells without valid pixels
    with pytest.raises(ValueError, match='valid must be'):
        patch_mean(x, 2, valid[:2])


def test_flow_to_color(grey_pair):
    flow = compute_flow(*grey_pair)
    img = flow_to_color(flow)
    assert img.shape == (96, 128, 3) and img.dtype == np.uint8
    assert img.max() == 255
    assert flow_to_color(np.zeros((4, 5, 2)), max_mag=1.).max() == 0
    right = np.zeros((2, 2, 2), np.float32)
    right[..., 0] = 2.
    np.testing.assert_array_equal(
        flow_to_color(right, max_mag=2.)[0, 0], [255, 0, 0])  # +x is red
    with pytest.raises(ValueError, match=r'flow_2d must be \(H, W, 2\)'):
        flow_to_color(np.zeros((4, 5)))
