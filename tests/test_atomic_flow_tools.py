"""Atomic-flow pretraining as users run it: tools/train.py, tools/test.py."""
import glob
import json
import os.path as osp
import sys

import cv2
import numpy as np
import torch
from conftest import ROOT, data_options, run_tool

from mmmotion.engine.hooks import AtomicFlowVisualizationHook

TINY = osp.join(ROOT, 'tests', 'configs', 'tiny_atomic_flow_msr.py')


def test_train_then_test_reports_flow_metrics_and_draws(msr_mini, tmp_path):
    work = str(tmp_path / 'work')
    opts = ['--cfg-options', *data_options(msr_mini)]
    run_tool(
        [sys.executable, 'tools/train.py', TINY, '--work-dir', work, *opts])
    ckpt = osp.join(work, 'epoch_1.pth')
    assert osp.exists(ckpt)
    run_tool([
        sys.executable, 'tools/test.py', TINY, ckpt, '--work-dir',
        work + '/test', *opts
    ])
    metrics = json.load(open(glob.glob(f'{work}/test/*/test_metrics.json')[0]))
    for key in ('top1', 'epe', 'zero_top1', 'zero_epe', 'most_frequent_top1',
                'most_frequent_epe', 'epe_step2'):
        assert np.isfinite(metrics[f'atomic_flow/{key}']), key
    # the visualisation hook drew target / prediction / dz rows
    pngs = glob.glob(f'{work}/test/*/vis_data/vis_image/test_atomic_flow_*')
    assert pngs
    img = cv2.imread(pngs[0])
    assert img.shape == (4 * 4 * 4, 2 * 4 * 4, 3)  # 4 rows of 4x4 patches


def test_render_colours_the_flow():
    hook = AtomicFlowVisualizationHook(cell=2)
    target = torch.zeros(2, 3, 4, 2)
    target[0, 0, 0] = torch.tensor([1., 0.])  # one patch moves right
    img = hook.render(target, target)
    assert img.shape == (2 * 3 * 2, 2 * 4 * 2, 3)
    assert img[0, 0].tolist() == [255, 0, 0]  # +x is red at full magnitude
    assert img[2:6, 2:].max() == 0  # zero motion is black


def test_codebook_histogram_lists_every_codeword_with_its_weight(tmp_path):
    from mmmotion.models.layers.codebook_fitting import save_codebook
    path = str(tmp_path / 'cb.npz')
    cw = np.array([[0., 0., 0.], [2., 0., 0.], [0., 0.3, 0.], [0., 0., 5.]])
    save_codebook(path, cw, np.array([0.7, 0.1, 0.15, 0.05]))
    out = run_tool([
        sys.executable,
        osp.join(ROOT, 'tools/analysis/codebook_histogram.py'), path
    ]).stdout
    rows = [ln.split() for ln in out.splitlines() if ln[:3].strip().isdigit()]
    # most frequent first, every codeword once
    assert [int(r[0]) for r in rows] == [0, 2, 1, 3]
    p = np.array([float(r[5]) for r in rows])
    w = np.array([float(r[6]) for r in rows])
    assert np.allclose(p, [0.7, 0.15, 0.1, 0.05])
    assert abs((p * w).sum() - 1) < 0.01  # sum_k p_k w_k = 1
    assert w[0] < w[1] < w[2] < w[3]  # rarer codewords weigh more
    # codewords 0, 2 and 3 move under 0.5 px in dx, dy (3 only in dz)
    assert 'under 0.5 px in dx, dy: 0.900' in out
    bad = str(tmp_path / 'bad.npz')
    np.savez(bad, centres=cw)
    err = run_tool([
        sys.executable,
        osp.join(ROOT, 'tools/analysis/codebook_histogram.py'), bad
    ],
                   check=False)
    assert err.returncode != 0 and 'not a codebook file' in err.stderr
