"""MotionWarpMetric: warping quality beside DIS, Farneback and zero motion."""
import os.path as osp
import sys

import cv2
import decord
import numpy as np
import pytest
import torch
from conftest import run_tool

import mmmotion  # noqa: F401
from mmmotion.evaluation.metrics import MotionWarpMetric

VIDEO = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'unlabeled_rgb',
    'milk.mkv')


@pytest.fixture(scope='module')
def moving():
    """A real frame moving 2 px right per frame: (C, 3, H, W) and its
    true motion (2, 2, H, W)."""
    f = decord.VideoReader(VIDEO)[10].asnumpy()
    f = cv2.resize(f, (96, 64), interpolation=cv2.INTER_AREA)
    f = torch.from_numpy(f).permute(2, 0, 1).float() / 255
    frames = torch.stack([torch.roll(f, 2 * k, dims=2) for k in range(3)], 1)
    gt = torch.zeros(2, 2, 64, 96)
    gt[0] = 2
    return frames, gt


def test_true_motion_beats_zero_and_is_reported_with_baselines(moving):
    frames, gt = moving
    metric = MotionWarpMetric()
    metric.process(None, [dict(pred_motion=gt, frames=frames, gt_motion=gt)])
    m = metric.compute_metrics(metric.results)
    assert m['pred_epe'] == 0
    assert m['pred_l1'] < 1e-6  # over in-frame pixels
    assert m['pred_ssim'] > 0.99  # (SSIM also sees the border columns)
    assert m['zero_l1'] > 0.02 and m['zero_epe'] == pytest.approx(2)
    # DIS finds the shift; it warps far better than zero motion
    assert m['dis_epe'] < 0.5 and m['dis_l1'] < m['zero_l1'] / 2
    assert 'farneback_ssim' in m


def test_missing_fields_and_bad_shapes(moving):
    frames, gt = moving
    metric = MotionWarpMetric(baselines=('zero', ))
    with pytest.raises(KeyError, match='no pred_motion'):
        metric.process(None, [dict(frames=frames)])
    with pytest.raises(ValueError, match='does not fit'):
        metric.process(None, [dict(pred_motion=gt[:, :1], frames=frames)])
    with pytest.raises(ValueError, match='unknown baselines'):
        MotionWarpMetric(baselines=('tvl2', ))


def test_synthetic_motion_tool_gives_exact_ground_truth(tmp_path):
    out = tmp_path / 'syn'
    run_tool([
        sys.executable, 'tools/data/make_synthetic_motion.py', VIDEO, '--out',
        str(out), '--frames', '3', '--size', '64', '48', '--max-disp', '2.5'
    ])
    d = np.load(out / 'milk.npz')
    frames, flows = d['frames'], d['flows']
    assert frames.shape == (3, 48, 64, 3) and flows.shape == (2, 2, 48, 64)
    mag = np.sqrt((flows**2).sum(1))
    assert 1.0 < mag.max() <= 2.5 + 1e-4
    clip = torch.from_numpy(frames).permute(3, 0, 1, 2)
    gt = torch.from_numpy(flows).transpose(0, 1)
    metric = MotionWarpMetric(baselines=('dis', 'zero'))
    metric.process(None, [dict(pred_motion=gt, frames=clip, gt_motion=gt)])
    m = metric.compute_metrics(metric.results)
    assert m['pred_l1'] < 1e-5  # the true flow rebuilds frame t exactly
    assert m['dis_epe'] < m['zero_epe']
    again = run_tool([
        sys.executable, 'tools/data/make_synthetic_motion.py', VIDEO, '--out',
        str(out)
    ]).stdout
    assert '0 written, 1 already there' in again


def test_motion_vis_hook_draws_four_rows(moving):
    from mmmotion.engine.hooks import MotionVisualizationHook
    frames, gt = moving
    img = MotionVisualizationHook(max_pairs=2).render(gt, frames)
    assert img.shape == (4 * 64, 2 * 96, 3) and img.dtype == np.uint8
    # the true motion warps exactly: the error row is black inside
    assert img[3 * 64:, :90].max() == 0
    # rightward motion is red in the colour row
    r, g, b = img[64 + 32, 40]
    assert r == 255 and g < 10 and b < 10


def test_synthetic_clips_through_the_test_pipeline(tmp_path):
    """make_synthetic_motion.py -> UnlabeledVideoDataset over .npz files ->
    LoadSyntheticMotion -> packed gt_motion, as the RGB config's test set."""
    from mmengine.registry import DefaultScope

    from mmmotion.registry import DATASETS
    out = tmp_path / 'syn'
    run_tool([
        sys.executable, 'tools/data/make_synthetic_motion.py', VIDEO, '--out',
        str(out), '--frames', '4', '--size', '32', '24'
    ])
    with DefaultScope.overwrite_default_scope('mmmotion'):
        ds = DATASETS.build(
            dict(
                type='UnlabeledVideoDataset',
                ann_file='',
                data_prefix=dict(video=str(out)),
                extensions=('.npz', ),
                test_mode=True,
                pipeline=[
                    dict(type='LoadSyntheticMotion'),
                    dict(type='FormatShape', input_format='NCTHW'),
                    dict(
                        type='PackActionInputs',
                        algorithm_keys=('gt_motion', ))
                ]))
        item = ds[0]
    d = np.load(out / 'milk.npz')
    assert item['inputs'].shape == (1, 3, 4, 24, 32)
    np.testing.assert_allclose(
        item['inputs'][0].permute(1, 2, 3, 0).numpy() / 255,
        d['frames'],
        rtol=1e-6)
    np.testing.assert_array_equal(item['data_samples'].gt_motion.numpy(),
                                  d['flows'].transpose(1, 0, 2, 3))
    # a file with the wrong arrays is refused, naming the file
    bad = out / 'bad.npz'
    np.savez(bad, frames=d['frames'], flows=d['flows'][:, :, :-1])
    from mmmotion.datasets.transforms import LoadSyntheticMotion
    with pytest.raises(Exception, match=r'bad\.npz: flows must be'):
        LoadSyntheticMotion()(dict(filename=str(bad)))
    np.savez(bad, frames=d['frames'])
    with pytest.raises(Exception, match=r"bad\.npz: no 'flows' array"):
        LoadSyntheticMotion()(dict(filename=str(bad)))
