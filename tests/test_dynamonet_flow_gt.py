"""DynamoNet's flow-gt test config end to end: tools/test.py with a randomly
initialised model (``none``) on the shipped Middlebury pair, the motion of
its dynamic filters scored beside the baselines."""
import glob
import json
import os.path as osp
import shutil
import sys

import numpy as np
from conftest import ROOT, TEST_DATA, run_tool

CONFIG = osp.join(ROOT, 'configs', 'dynamonet',
                  'dynamonet-fp_resnext18-tiny_1+1x1x1_flow-gt-rgb-112px.py')


def test_config_reads_pairs_with_the_pretrained_filters():
    from mmengine.config import Config
    cfg = Config.fromfile(CONFIG)
    assert cfg.test_dataloader.dataset.type == 'FlowPairDataset'
    assert cfg.test_evaluator.type == 'MotionWarpMetric'
    assert cfg.model.test_cfg.return_motion
    # the pretraining's filters and clips: T = 8 filters, RGB
    assert cfg.model.fp_head.num_frames == 8
    assert cfg.model.backbone.in_channels == 3
    assert cfg.load_from.startswith(
        'work_dirs/dynamonet-fp_resnext18-tiny_8+1x2x1-150e_natural-rgb-')
    assert cfg.downstream == []


def test_test_tool_scores_a_random_dynamonet_on_flow_pairs(tmp_path):
    root = tmp_path / 'mb'
    shutil.copytree(osp.join(TEST_DATA, 'flow_gt'), root)
    lst = tmp_path / 'list.txt'
    run_tool([
        sys.executable, 'tools/data/build_flow_pair_list.py',
        str(root), '--out',
        str(lst)
    ])
    work = tmp_path / 'test'
    proc = run_tool([
        sys.executable, 'tools/test.py', CONFIG, 'none', '--work-dir',
        str(work), '--cfg-options', f'test_dataloader.dataset.ann_file={lst}',
        f'test_dataloader.dataset.data_prefix.video={root}',
        'test_dataloader.num_workers=0'
    ])
    log = proc.stdout + proc.stderr
    assert 'Motion quality on 1 clips' in log
    metrics = json.load(open(glob.glob(f'{work}/*/test_metrics.json')[0]))
    for name in ('pred', 'dis', 'farneback', 'tvl1', 'zero'):
        assert np.isfinite(metrics[f'motion/{name}_epe'])
    # near-uniform filters at initialisation: hardly any motion, so about
    # zero motion's error
    assert abs(metrics['motion/pred_epe'] - metrics['motion/zero_epe']) < 0.05
    assert metrics['motion/dis_epe'] < metrics['motion/zero_epe']
