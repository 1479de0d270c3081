"""Atomic-flow targets: the transform, its cache, the tools that make them."""
import os
import os.path as osp
import sys

import numpy as np
import pytest
from conftest import ROOT, TEST_DATA, data_options, dying_save, run_tool
from mmcv.transforms import Compose
from mmengine.config import Config
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.datasets.errors import BadSampleError
from mmmotion.datasets.transforms import load_depth_file, pair_patch_flow
from mmmotion.registry import DATASETS, TRANSFORMS

TINY = osp.join(ROOT, 'tests', 'configs', 'tiny_atomic_flow_msr.py')


def _depth_frame():
    """A real MSR Action3D depth frame (240 x 320, background 0)."""
    arr = load_depth_file(
        osp.join(TEST_DATA, 'msr_action3d', 'a01_s01_e01_sdepth.mat'))
    return np.asarray(arr[5], dtype=np.float32)


def test_shift_gives_its_flow_and_depth_change():
    d0 = _depth_frame()
    d1 = np.roll(d0, 3, axis=1)  # the person moves 3 px right
    t = pair_patch_flow(d0, d1, patch=16, depth_scale=1.0)
    assert t.shape == (15, 20, 3)
    fg = np.zeros(d0.shape, bool)
    fg[d0 > 0] = True
    cells = fg.reshape(15, 16, 20, 16).mean((1, 3)) > 0.9  # inside the body
    assert cells.sum() >= 3
    np.testing.assert_allclose(t[cells, 0], 3, atol=0.5)
    np.testing.assert_allclose(t[cells, 1], 0, atol=0.5)
    np.testing.assert_allclose(t[cells, 2], 0, atol=1.0)
    # the same shift, 40 depth units farther: dz = 40 * depth_scale
    d2 = np.where(d1 > 0, d1 + 40, 0)
    t2 = pair_patch_flow(d0, d2, patch=16, depth_scale=0.1)
    np.testing.assert_allclose(np.median(t2[cells, 2]), 4.0, atol=0.5)
    # 2D targets: the same dx, dy, no dz
    t2d = pair_patch_flow(d0, d1, patch=16, dim=2)
    assert t2d.shape == (15, 20, 2)
    np.testing.assert_array_equal(t2d, t[..., :2])


def test_static_no_depth_zeroes_the_empty_background():
    d0 = _depth_frame()
    d1 = np.roll(d0, 3, axis=1)
    plain = pair_patch_flow(d0, d1, patch=16)
    static = pair_patch_flow(d0, d1, patch=16, static_no_depth=True)
    empty = (d0 > 0).reshape(15, 16, 20, 16).sum((1, 3)) == 0
    assert empty.sum() > 100
    # DIS puts flow into the empty background; the option takes it out
    assert np.abs(plain[empty, :2]).max() > 0.1
    assert (static[empty] == 0).all()
    full = (d0 > 0).reshape(15, 16, 20, 16).all((1, 3))
    np.testing.assert_array_equal(static[full], plain[full])
    with pytest.raises(ValueError, match='static_no_depth needs depth'):
        pair_patch_flow(
            np.zeros((16, 16, 3), np.uint8),
            np.zeros((16, 16, 3), np.uint8),
            'rgb',
            dim=2,
            static_no_depth=True)
    with pytest.raises(ValueError, match='static_no_depth needs depth'):
        TRANSFORMS.build(
            dict(
                type='AtomicFlowTargets',
                num_steps=2,
                modality='rgb',
                dim=2,
                static_no_depth=True))


def test_rgb_and_rgbd_targets():
    rng = np.random.default_rng(0)
    rgb0 = (rng.random((32, 48, 3)) * 255).astype(np.uint8)
    rgb0 = np.repeat(np.repeat(rgb0[::4, ::4], 4, 0), 4, 1)  # 4x4 blocks
    rgb1 = np.roll(rgb0, 2, axis=0)
    assert pair_patch_flow(rgb0, rgb1, 'rgb', dim=2).shape == (4, 6, 2)
    depth = np.full((32, 48, 1), 500., np.float32)
    rgbd0 = np.concatenate([rgb0, depth], -1)
    rgbd1 = np.concatenate([rgb1, depth + 10], -1)
    t = pair_patch_flow(rgbd0, rgbd1, 'rgbd', dim=3, depth_scale=1.0)
    assert t.shape == (4, 6, 3)
    # the flow comes from the RGB channels: mostly dy = 2
    assert np.median(t[1:-1, 1:-1, 1]) == pytest.approx(2, abs=0.5)


@pytest.mark.parametrize('a,b,kw,msg', [
    (np.zeros((16, 16)), np.ones((16, 16)), {}, 'all zero'),
    (np.full((16, 16), np.nan), np.ones((16, 16)), {}, 'NaN'),
    (np.ones((16, 16)), np.ones((16, 24)), {}, 'differ in shape'),
    (np.ones((16, 16, 3)), np.ones((16, 16, 3)), {}, '1 channel'),
    (np.ones((16, 16, 3)), np.ones(
        (16, 16, 3)), dict(modality='rgb'), 'no depth'),
])
def test_bad_frames_are_refused(a, b, kw, msg):
    with pytest.raises(ValueError, match=msg):
        pair_patch_flow(a, b, **kw)


def _transform(**kw):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return TRANSFORMS.build(dict(type='AtomicFlowTargets', **kw))


def test_transform_names_the_file_for_bad_depth_and_short_clips():
    frames = [np.full((16, 16), 500., np.float32) for _ in range(4)]
    frames[2] = np.zeros((16, 16), np.float32)  # an empty depth map
    res = dict(imgs=frames, frame_inds=np.arange(4), filename='clip_x.npy')
    with pytest.raises(BadSampleError, match='clip_x.npy.*all zero'):
        _transform(num_steps=2)(dict(res))
    with pytest.raises(BadSampleError, match='clip_x.npy.*pair plus 3 steps'):
        _transform(num_steps=3)(dict(res))


def test_transform_keeps_the_pair_and_flip_mirrors_targets():
    d0 = _depth_frame()[:96, 96:224]
    frames = [np.roll(d0, 2 * i, axis=1) for i in range(4)]
    res = _transform(
        num_steps=2, patch=16, depth_scale=0.1)(
            dict(imgs=frames, frame_inds=np.arange(4), filename='f'))
    t = res['flow_targets']
    assert t.shape == (2, 6, 8, 3) and len(res['imgs']) == 2
    assert res['clip_len'] == 2
    with DefaultScope.overwrite_default_scope('mmmotion'):
        flip = TRANSFORMS.build(dict(type='MotionFlip', flip_ratio=1.0))
    out = flip(
        dict(res, imgs=[f[..., None] for f in res['imgs']], modality='Depth'))
    f = out['flow_targets']
    np.testing.assert_array_equal(f[..., 0], -t[:, :, ::-1, 0])
    np.testing.assert_array_equal(f[..., 1:], t[:, :, ::-1, 1:])


def _dataset(cfg, split='val', cache=None):
    ds = cfg[f'{split}_dataloader']['dataset']
    pipeline = [
        dict(t, cache_dir=cache) if t['type'] == 'AtomicFlowTargets' else t
        for t in ds['pipeline']
    ]
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return DATASETS.build(dict(ds, pipeline=pipeline))


def _tiny_cfg(msr_mini):
    cfg = Config.fromfile(TINY)
    opts = dict(o.split('=', 1) for o in data_options(msr_mini))
    cfg.merge_from_dict(opts)
    return cfg


def test_precomputed_targets_equal_on_the_fly(msr_mini, tmp_path):
    cache = str(tmp_path / 'cache')
    run_tool([
        sys.executable, 'tools/data/precompute_flow_targets.py', TINY, '--out',
        cache, '--cfg-options', *data_options(msr_mini)
    ])
    assert len(os.listdir(cache)) == 22
    cfg = _tiny_cfg(msr_mini)
    live, cached = _dataset(cfg), _dataset(cfg, cache=cache)
    for i in range(len(live)):
        a = live[i]['data_samples'].flow_targets
        b = cached[i]['data_samples'].flow_targets
        assert a.shape == (2, 4, 4, 3)
        np.testing.assert_array_equal(a, b)
    # the training pipeline's random clips come from the same cache rows
    np.random.seed(3)
    a = _dataset(cfg, 'train')[0]['data_samples'].flow_targets
    np.random.seed(3)
    b = _dataset(cfg, 'train', cache)[0]['data_samples'].flow_targets
    np.testing.assert_array_equal(a, b)
    # a re-run has nothing to do
    out = run_tool([
        sys.executable, 'tools/data/precompute_flow_targets.py', TINY, '--out',
        cache, '--cfg-options', *data_options(msr_mini)
    ]).stdout
    assert '22 already done, 0 to compute' in out


def test_precompute_resumes_and_leaves_no_partial_file(msr_mini, tmp_path,
                                                       monkeypatch):
    import precompute_flow_targets as tool  # tools/data: setup.cfg
    cache = str(tmp_path / 'cache')
    real_save = np.save

    args = [TINY, '--out', cache, '--cfg-options', *data_options(msr_mini)]
    monkeypatch.setattr(tool.np, 'save', dying_save(real_save))
    with pytest.raises(KeyboardInterrupt):
        tool.main(args)
    assert sorted(os.listdir(cache)) == sorted(
        n for n in os.listdir(cache) if n.endswith('.flow.npy'))
    assert len(os.listdir(cache)) == 2
    monkeypatch.setattr(tool.np, 'save', real_save)
    assert tool.main(args) == 0
    assert len(os.listdir(cache)) == 22
    for name in os.listdir(cache):
        assert np.load(osp.join(cache, name)).shape[1:] == (4, 4, 3)


def test_missing_cache_file_names_the_video(msr_mini, tmp_path):
    ds = _dataset(_tiny_cfg(msr_mini), cache=str(tmp_path))
    with pytest.raises(BadSampleError, match='no cached flow targets'):
        ds[0]


def test_fit_codebook_tool(msr_mini, tmp_path):
    out = str(tmp_path / 'cb.npz')
    run_tool([
        sys.executable, 'tools/data/fit_codebook.py', TINY, '-k', '6', '--out',
        out, '--cfg-options', *data_options(msr_mini)
    ])
    from mmmotion.models.layers import KMeansCodebook
    cb = KMeansCodebook(out, num_codewords=6, dim=3)
    assert cb.freqs.sum().item() == pytest.approx(1, abs=1e-6)
    assert (cb.freqs[:-1] >= cb.freqs[1:]).all()  # most frequent first
    with pytest.raises(ValueError, match='holds 6 codewords'):
        KMeansCodebook(out, num_codewords=8)


def test_predictability_tool(msr_mini):
    """Its rows, on the shipped MSR clips: the floor of a codebook is below
    zero motion, the per-patch best of two below either."""
    out = run_tool([
        sys.executable, 'tools/analysis/atomic_flow_predictability.py', TINY,
        '--max-videos', '3', '--cfg-options', *data_options(msr_mini)
    ]).stdout
    rows = {}
    for line in out.splitlines():
        for name in ('zero motion', 'constant velocity', 'damped velocity',
                     'per-patch best', 'floor'):
            if line.startswith(name):
                rows[name] = float(line[46:].split()[0])
    assert len(rows) == 5, out
    assert rows['per-patch best'] <= min(rows['zero motion'],
                                         rows['constant velocity'])
    assert '3 clips, 2 steps' in out and 'dz: beta' in out


def _rgbd_files(tmp_path, depth_shape):
    import cv2
    video = str(tmp_path / 'clip.avi')
    w = cv2.VideoWriter(video, cv2.VideoWriter_fourcc(*'MJPG'), 10, (32, 24))
    rng = np.random.default_rng(0)
    for _ in range(6):
        w.write((rng.random((24, 32, 3)) * 255).astype(np.uint8))
    w.release()
    depth = np.full(depth_shape, 600, np.uint16)
    np.save(str(tmp_path / 'clip.npy'), depth)
    return video


def _rgbd_pipeline(tmp_path, steps=2):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return Compose([
            dict(type='DecordInit'),
            dict(
                type='SampleFrames',
                clip_len=steps + 2,
                frame_interval=1,
                num_clips=1,
                test_mode=True),
            dict(type='DecordDecode'),
            dict(type='MergeDepth', depth_root=str(tmp_path)),
            dict(
                type='AtomicFlowTargets',
                num_steps=steps,
                modality='rgbd',
                patch=8),
        ])


def test_rgbd_clip_and_its_targets(tmp_path):
    video = _rgbd_files(tmp_path, (6, 24, 32))
    out = _rgbd_pipeline(tmp_path)(
        dict(filename=video, start_index=0, modality='RGB'))
    assert out['imgs'][0].shape == (24, 32, 4)
    assert out['imgs'][0][..., 3].max() == 600
    assert out['flow_targets'].shape == (2, 3, 4, 3)


@pytest.mark.parametrize('shape,msg', [
    ((6, 48, 64), 'clip.avi is 24x32 but its depth .*clip.npy is 48x64'),
    ((3, 24, 32), '3 depth frames'),
])
def test_rgbd_mismatch_names_both_files(tmp_path, shape, msg):
    video = _rgbd_files(tmp_path, shape)
    with pytest.raises(BadSampleError, match=msg):
        _rgbd_pipeline(tmp_path)(
            dict(filename=video, start_index=0, modality='RGB'))


def test_codebook_pairs_take_the_sampling_interval(tmp_path):
    from flow_target_pipeline import AllPairTargets  # tools/data
    video = _rgbd_files(tmp_path, (6, 24, 32))
    pipeline = [
        dict(type='DecordInit'),
        dict(type='SampleFrames', clip_len=4, frame_interval=2, num_clips=1),
        dict(type='DecordDecode'),
        dict(type='MergeDepth', depth_root=str(tmp_path)),
        dict(type='AtomicFlowTargets', num_steps=2, modality='rgbd', patch=8)
    ]
    info = dict(filename=video, start_index=0, modality='RGB')
    every2nd = AllPairTargets(pipeline)
    assert every2nd.interval == 2
    t2 = every2nd(info)
    t1 = AllPairTargets(pipeline, interval=1)(info)  # the cache's pairs
    assert t2.shape[0] == 4 and t1.shape[0] == 5
    with DefaultScope.overwrite_default_scope('mmmotion'):
        frames = Compose([
            dict(type='DecordInit'),
            dict(
                type='SampleFrames',
                clip_len=6,
                frame_interval=1,
                num_clips=1,
                test_mode=True),
            dict(type='DecordDecode'),
            dict(type='MergeDepth', depth_root=str(tmp_path))
        ])
    imgs = frames(dict(info))['imgs']
    want = pair_patch_flow(imgs[0], imgs[2], **AllPairTargets(pipeline).kwargs)
    np.testing.assert_allclose(t2[0], want, atol=1e-5)
