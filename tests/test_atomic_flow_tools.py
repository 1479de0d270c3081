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
